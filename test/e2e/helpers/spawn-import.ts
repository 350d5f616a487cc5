/** Spawning the BUILT binary for the crash/resume tests, against a sandbox served by this test process. */
import { spawn } from 'node:child_process';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import type { Running } from '../../helpers/resume-harness.js';
import { BIN } from './cli-run.js';

/** A spawned `hc-import`, with its output collected as it comes. */
export interface Spawned extends Running {
  pid: number;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  cwd: string;
  sandbox: Pick<Sandbox, 'url' | 'key'>;
  args: readonly string[];
  /** Overrides the key given to the child (a wrong key). */
  apiKey?: string;
}

/** Spawns the built binary with a minimal environment: no color, the sandbox's URL and key. */
export function spawnImport({ cwd, sandbox, args, apiKey }: SpawnOptions): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HELPCRUNCH_API_URL: sandbox.url, HELPCRUNCH_API_KEY: apiKey ?? sandbox.key },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    kill: (signal) => void child.kill(signal),
    exited,
  };
}

/** Measures from now until the child exits. */
export async function timeExit(child: Spawned): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const start = Date.now();
  const result = await child.exited;
  return { ...result, ms: Date.now() - start };
}
