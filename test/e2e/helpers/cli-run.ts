/**
 * Spawning the BUILT binary (`bin/hc-import.js` over `dist/`) the way a user's shell would: in its own
 * temp folder, with a minimal environment (never the parent's HELPCRUNCH_*), asynchronously, so a
 * sandbox served by this test process keeps answering while the child runs.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, type CliResult } from '../../helpers/cli-result.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

export { CONTACTS, expectExit, expectNoStack, fixture } from '../../helpers/cli-result.js';
export const BIN = join(ROOT, 'bin', 'hc-import.js');

/** A spawned run's result: also the signal that ended it, if one did. */
export interface SpawnedResult extends CliResult {
  signal: NodeJS.Signals | null;
}

export interface RunOptions {
  cwd: string;
  /** Added to the minimal environment `{ PATH, NO_COLOR, HOME }`. */
  env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed (it is closed at once without this). */
  stdin?: string | Buffer;
}

/** The environment every spawned CLI gets: nothing from the parent but PATH. */
export function minimalEnv(cwd: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: cwd, ...extra };
}

/** Starts `hc-import …args`; the caller collects its output (see {@link collect}). */
export function spawnCli(args: readonly string[], options: RunOptions): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: minimalEnv(options.cwd, options.env), stdio: 'pipe' });
  child.stdin.on('error', () => undefined); // a child that exits without reading stdin must not fail the test
  child.stdin.end(options.stdin);
  return child;
}

/** Collects stdout and stderr until the child exits. */
export function collect(child: ChildProcessWithoutNullStreams): Promise<SpawnedResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `hc-import …args` to its end. */
export function runCli(args: readonly string[], options: RunOptions): Promise<SpawnedResult> {
  return collect(spawnCli(args, options));
}

/** A fresh temp folder per call (removed after the test), and a runner whose cwd is that folder. */
export function useWorkspaces(): () => Promise<{
  dir: string;
  run: (args: readonly string[], options?: Omit<RunOptions, 'cwd'>) => Promise<SpawnedResult>;
}> {
  const tempDir = useTempDirs();
  return async () => {
    const dir = await tempDir();
    return { dir, run: (args, options = {}) => runCli(args, { ...options, cwd: dir }) };
  };
}
