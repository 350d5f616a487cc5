import type { Readable, Writable } from 'node:stream';

/** Everything the CLI layer needs from the process, injected so tests can run `main` in-process. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on the first SIGINT/SIGTERM; the bin wires it to the process. */
  signal: AbortSignal;
  /** Which signal aborted `signal`, for the exit code (130 or 143). */
  abortReason?: () => 'SIGINT' | 'SIGTERM' | undefined;
  /** This process's id, written into the report folder's lock. */
  pid: number;
  /** Whether a process still runs (`process.kill(pid, 0)`): a lock naming a dead one is stale. */
  isProcessAlive: (pid: number) => boolean;
}
