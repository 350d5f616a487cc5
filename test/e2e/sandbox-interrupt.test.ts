/**
 * `hc-import sandbox` stopped by the bin's signal handler: the line it prints says what the sandbox does
 * (stops serving; saves only with `--data`), not the import's "finishing the requests in flight and
 * writing the report", which the handler printed for every command.
 */
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/resume-harness.js';
import { collect, expectExit, spawnCli, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();

async function interruptedSandbox(args: readonly string[], cwd: string): Promise<{ started: string; stderr: string }> {
  const child = spawnCli(['sandbox', '--port', '0', ...args], { cwd });
  const result = collect(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: string) => (stdout += chunk));
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const running = { stdout: () => stdout, stderr: () => stderr, exited: result };
  expect(await waitUntil(() => stderr.includes('Ctrl-C'), running), stderr).toBe(true);
  const started = stderr;
  child.kill('SIGINT');
  const done = await result;
  expectExit(done, 0);
  return { started, stderr: done.stderr };
}

describe('hc-import sandbox, Ctrl-C', () => {
  it('without --data: says it stops, and promises no save', async () => {
    const { dir } = await workspace();
    const { started, stderr } = await interruptedSandbox([], dir);
    expect(started).toContain('Ctrl-C stops.');
    expect(started).not.toContain('stops and saves');
    expect(stderr).toContain('SIGINT: stopping the sandbox (Ctrl-C again to quit now)');
    expect(stderr).not.toContain('requests in flight');
    expect(stderr).not.toContain('report');
    expect(stderr).toContain('sandbox stopped with 0 customers\n');
  });

  it('with --data: says it stops and saves there', async () => {
    const { dir } = await workspace();
    const { started, stderr } = await interruptedSandbox(['--data', 'state.json'], dir);
    expect(started).toContain('Ctrl-C stops and saves them there');
    expect(stderr).toContain('SIGINT: stopping the sandbox and saving its customers to state.json');
    expect(stderr).not.toContain('requests in flight');
    expect(stderr).toContain('sandbox stopped with 0 customers, saved to state.json');
  });
});
