import type { Readable, Writable } from 'node:stream';

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
  /** Aborted on the first SIGINT/SIGTERM; the bin wires it to the process. */
  signal: AbortSignal;
  /** Which signal aborted `signal`, for the exit code (130 or 143). */
  abortReason?: () => 'SIGINT' | 'SIGTERM' | undefined;
  /** The controlling terminal (the bin opens /dev/tty), for a question when stdin carries the CSV; undefined without one. */
  openTerminal?: () => TerminalInput | undefined;
}
