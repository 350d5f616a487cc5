/**
 * The built binary on a pseudo-terminal (node-pty), as a person at a shell runs it: stdout and stderr
 * are the terminal, so is /dev/tty, and Ctrl-C is the byte 0x03 the terminal turns into SIGINT. The
 * command goes through `sh -c` so stdin can be redirected from a file, as `hc-import - < contacts.csv`.
 */
import { spawn } from 'node-pty';
import { BIN } from './cli-run.js';

export interface PtyRun {
  /** Everything the terminal received so far. */
  output(): string;
  /** Types into the terminal. */
  type(text: string): void;
  /** Resolves once the output matches `pattern`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ exitCode: number; output: string }>;
  /** The process's id (the shell execs it). */
  pid: number;
  /** Changes the terminal's size, as a window resize does (SIGWINCH). */
  resize(cols: number, rows?: number): void;
  /** Closes the terminal, as closing its window does: the master goes away and the process gets SIGHUP. */
  hangUp(): void;
}

export interface PtyOptions {
  cwd: string;
  env: Record<string, string>;
  /** Arguments after `hc-import`. */
  args: readonly string[];
  /** A file (relative to cwd) for stdin; stdin is the terminal without it. */
  stdinFrom?: string;
  /** The terminal's width (default 160). */
  cols?: number;
}

const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;

export function runOnPty({ cwd, env, args, stdinFrom, cols = 160 }: PtyOptions): PtyRun {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ') + (stdinFrom ? ` < ${quote(stdinFrom)}` : '');
  const pty = spawn('/bin/sh', ['-c', `exec ${command}`], {
    name: 'xterm',
    cols,
    rows: 40,
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', TERM: 'xterm', ...env },
  });
  let output = '';
  const waiters = new Set<() => void>();
  pty.onData((data) => {
    output += data;
    for (const check of waiters) check();
  });
  const exited = new Promise<{ exitCode: number; output: string }>((resolve) => {
    // Let the last output arrive before the exit is reported.
    pty.onExit(({ exitCode }) => setTimeout(() => resolve({ exitCode, output }), 100));
  });
  return {
    output: () => output,
    type: (text) => pty.write(text),
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern} in:\n${output}`));
        }, timeoutMs);
        const check = (): void => {
          if (!pattern.test(output)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    exited,
    pid: pty.pid,
    resize: (cols, rows = 40) => pty.resize(cols, rows),
    // node-pty's UnixTerminal has destroy(): the master closed, then SIGHUP; IPty does not declare it.
    hangUp: () => (pty as unknown as { destroy(): void }).destroy(),
  };
}
