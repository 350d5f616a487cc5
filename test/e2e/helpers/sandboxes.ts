/**
 * HelpCrunch sandboxes for the end-to-end tests: served in THIS process (port 0) for a spawned import to
 * talk to, or spawned as `hc-import sandbox` to test that command itself.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/start-sandbox.js';
import { collect, spawnCli, type CliResult } from './cli-run.js';

/** Starts in-process sandboxes (unlimited rate unless asked) and closes each after its test. */
export function useSandboxes(): (options?: SandboxOptions) => Promise<Sandbox> {
  const started: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
  });
  return async (options = {}) => {
    const sandbox = await startSandbox({ port: 0, rate: Infinity, ...options });
    started.push(sandbox);
    return sandbox;
  };
}

/** The environment that points a spawned import at a sandbox. */
export const targetEnv = (sandbox: Pick<Sandbox, 'url' | 'key'>, key = sandbox.key): Record<string, string> => ({
  HELPCRUNCH_API_URL: sandbox.url,
  HELPCRUNCH_API_KEY: key,
});

/** Writes go through these routes; lookups are `GET /customers` and `POST /customers/search`. */
export const WRITE_ROUTES = /^(POST \/customers|PUT |PATCH |DELETE )/;

/** Routes of the writes a sandbox has seen, e.g. `["POST /customers"]`. */
export const writeRoutes = (sandbox: Sandbox): string[] =>
  Object.keys(sandbox.stats().byRoute).filter((route) => route !== 'POST /customers/search' && WRITE_ROUTES.test(route));

/** A spawned `hc-import sandbox`, once it has printed its two lines. */
export interface SandboxProcess {
  child: ChildProcessWithoutNullStreams;
  /** The first two stdout lines: the base URL line and the key line. */
  lines: [string, string];
  url: string;
  /** Resolves when the process exits, with everything it printed. */
  done: Promise<CliResult>;
}

/** Spawns `hc-import sandbox` processes; any still running after its test is killed (by its own handle). */
export function useSandboxProcesses(): (args: readonly string[], cwd: string) => Promise<SandboxProcess> {
  const spawned: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const child of spawned.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return async (args, cwd) => spawnSandboxProcess(args, cwd, (child) => spawned.push(child));
}

/** Spawns `hc-import sandbox …args` and waits for its first two lines of stdout. */
async function spawnSandboxProcess(args: readonly string[], cwd: string, track: (child: ChildProcessWithoutNullStreams) => void): Promise<SandboxProcess> {
  const child = spawnCli(['sandbox', ...args], { cwd });
  track(child);
  const done = collect(child);
  let seen = '';
  const lines = await new Promise<string[]>((resolve, reject) => {
    const onData = (chunk: string): void => {
      seen += chunk;
      const complete = seen.split('\n');
      if (complete.length < 3) return;
      child.stdout.off('data', onData);
      resolve(complete.slice(0, 2));
    };
    child.stdout.on('data', onData);
    void done.then((result) => reject(new Error(`the sandbox exited (${result.code}) before printing two lines:\n${result.stdout}\n${result.stderr}`)));
  });
  const [first = '', second = ''] = lines;
  const url = /http:\/\/\S+\/v1/.exec(first)?.[0] ?? '';
  return { child, lines: [first, second], url, done };
}
