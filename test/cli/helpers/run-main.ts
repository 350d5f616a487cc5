/**
 * Running the CLI IN-PROCESS: `main(argv, io)` with captured stdout/stderr, a stdin stream, a minimal
 * environment (never this process's HELPCRUNCH_*), a temp folder as cwd and a signal that only the test
 * aborts. Flags, exit codes, output and reports are tested here; test/e2e spawns the binary only for
 * what needs a real process (signals, kill -9, the bin's own wiring).
 */
import { Readable, Writable } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/io.js';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import type { CliResult } from '../../helpers/cli-result.js';
import { targetEnv } from '../../helpers/sandboxes.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

export { CONTACTS, expectExit, expectNoStack, fixture, type CliResult } from '../../helpers/cli-result.js';

export interface MainOptions {
  cwd: string;
  /** Added to the minimal environment `{ NO_COLOR, HOME }`. */
  env?: Record<string, string>;
  /** What stdin holds; it ends at once without this. */
  stdin?: string | Buffer;
  /** Overrides the real `process.kill(pid, 0)` probe the bin uses. */
  isProcessAlive?: (pid: number) => boolean;
  /** A person at a terminal: stderr is a TTY, stdin too when `stdinIsTTY`, and the controlling terminal `openTerminal` gives. */
  tty?: { stdinIsTTY?: boolean; openTerminal?: CliIo['openTerminal'] };
}

/** What the bin does: signal 0 only checks (EPERM: it exists, but is not ours). */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A run of `main` in progress: its output so far, a way to interrupt it as the bin's signal handler would, its end. */
export interface MainRun {
  stdout(): string;
  stderr(): string;
  /** Aborts `io.signal`, with `signal` as `io.abortReason()` (what the bin does on the first SIGINT/SIGTERM). */
  interrupt(signal?: 'SIGINT' | 'SIGTERM'): void;
  exited: Promise<CliResult>;
}

/** A writable stream that keeps what is written, as text. */
function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** Starts `hc-import …args` in this process. */
export function startMain(args: readonly string[], options: MainOptions): MainRun {
  const stdout = capture();
  const stderr = capture();
  const controller = new AbortController();
  let reason: 'SIGINT' | 'SIGTERM' | undefined;
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]);
  const io: CliIo = {
    stdout: stdout.stream,
    stderr: options.tty ? Object.assign(stderr.stream, { isTTY: true, columns: 120 }) : stderr.stream,
    stdin: options.tty?.stdinIsTTY ? Object.assign(stdin, { isTTY: true }) : stdin,
    env: { NO_COLOR: '1', HOME: options.cwd, ...options.env },
    cwd: options.cwd,
    signal: controller.signal,
    abortReason: () => reason,
    pid: process.pid,
    isProcessAlive: options.isProcessAlive ?? isProcessAlive,
    ...(options.tty?.openTerminal ? { openTerminal: options.tty.openTerminal } : {}),
  };
  const exited = main(args, io).then((code) => ({ code, stdout: stdout.text(), stderr: stderr.text() }));
  return {
    stdout: stdout.text,
    stderr: stderr.text,
    interrupt: (signal = 'SIGINT') => {
      reason = signal;
      controller.abort(new Error(`interrupted by ${signal}`));
    },
    exited,
  };
}

/** Runs `hc-import …args` in this process to its end. */
export function runMain(args: readonly string[], options: MainOptions): Promise<CliResult> {
  return startMain(args, options).exited;
}

/** A temp folder and a runner of `main` whose cwd is that folder. */
export interface Workspace {
  dir: string;
  run: (args: readonly string[], options?: Omit<MainOptions, 'cwd'>) => Promise<CliResult>;
}

/** A fresh workspace per call, its folder removed after the test. */
export function useWorkspaces(): () => Promise<Workspace> {
  const tempDir = useTempDirs();
  return async () => {
    const dir = await tempDir();
    return { dir, run: (args, options = {}) => runMain(args, { ...options, cwd: dir }) };
  };
}

export interface ImportOptions {
  cwd: string;
  sandbox: Pick<Sandbox, 'url' | 'key'>;
  args: readonly string[];
  /** Overrides the sandbox's key (a wrong key). */
  apiKey?: string;
}

/** Starts an import in this process against `sandbox`, as the resume tests do (test/e2e spawns it instead). */
export function startImport({ cwd, sandbox, args, apiKey }: ImportOptions): MainRun {
  return startMain(args, { cwd, env: targetEnv(sandbox, apiKey) });
}
