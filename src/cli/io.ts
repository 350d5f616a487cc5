import type { Readable, Writable } from 'node:stream';
import type { Redact } from '../secrets/redact-secrets.js';

/** A terminal opened for reading answers, and how to let it go so it does not keep the process alive. */
export interface TerminalInput {
  input: Readable;
  close(): void;
}

/** Everything the CLI layer needs from the process, injected so tests can run `main` in-process. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on the first SIGINT/SIGTERM/SIGHUP; the bin wires it to the process. */
  signal: AbortSignal;
  /**
   * Replaces the line the bin prints on the first signal (by default the import's: requests in flight
   * finish, the report is written), for a command that does something else when stopped.
   */
  setInterruptNotice?: (notice: (signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP') => string) => void;
  /** Which signal aborted `signal`, for the exit code (130, 143 or 129). */
  abortReason?: () => 'SIGINT' | 'SIGTERM' | 'SIGHUP' | undefined;
  /** This process's id, written into the report folder's lock. */
  pid: number;
  /** Whether a process still runs (`process.kill(pid, 0)`): a lock naming a dead one is stale. */
  isProcessAlive: (pid: number) => boolean;
  /** The controlling terminal (the bin opens /dev/tty), for a question when stdin carries the CSV; undefined without one. */
  openTerminal?: () => TerminalInput | undefined;
}

/** The exit code of a run the signal stopped: 128 + its number (SIGINT, the default, 130). */
export function interruptedExitCode(io: Pick<CliIo, 'abortReason'>): number {
  const reason = io.abortReason?.();
  return reason === 'SIGTERM' ? 143 : reason === 'SIGHUP' ? 129 : 130;
}

/**
 * The same io with stdout and stderr redacting every write: the last line of defence, so no path (summary,
 * JSON, errors and their `--debug` causes, progress, hints, the resume command) can print a secret.
 * A proxy, not a new stream: writes stay synchronous and in order, and `isTTY`/`columns` read through.
 */
export function redactIo(io: CliIo, redact: Redact): CliIo {
  return { ...io, stdout: redactWrites(io.stdout, redact), stderr: redactWrites(io.stderr, redact) };
}

function redactWrites<T extends Writable>(stream: T, redact: Redact): T {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk;
    return (stream.write as (...args: unknown[]) => boolean)(typeof text === 'string' ? redact(text) : text, ...rest);
  };
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
