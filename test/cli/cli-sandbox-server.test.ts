/**
 * `hc-import sandbox`, in-process: what it prints first (scripts read the URL and the key from there),
 * that it serves, that an interrupt (the bin's SIGINT) stops it cleanly with exit 0, and that `--data`
 * carries customers to the next sandbox. The bin's signal wiring itself is tested in test/e2e.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { column, readReportCsv } from '../helpers/report-reader.js';
import { waitUntil } from '../helpers/resume-harness.js';
import { expectExit, fixture, runMain, startMain, useWorkspaces, type MainRun } from './helpers/run-main.js';

const workspace = useWorkspaces();
const running: MainRun[] = [];
// A test that failed half-way still stops its sandboxes (interrupting a stopped one does nothing).
afterEach(async () => {
  for (const run of running.splice(0)) run.interrupt();
});

interface Page {
  data: Array<{ id: number; userId: string | null; name: string | null }>;
  total: number;
}

const listCustomers = async (url: string, key = 'sandbox-key'): Promise<{ status: number; body: unknown }> => {
  const answer = await fetch(`${url}/customers?offset=0&limit=100`, { headers: { authorization: `Bearer ${key}` } });
  return { status: answer.status, body: await answer.json() };
};

/** A running `hc-import sandbox`, once it has printed its two lines: the base URL line and the key line. */
async function startSandboxCommand(args: readonly string[], cwd: string): Promise<{ run: MainRun; lines: string[]; url: string }> {
  const run = startMain(['sandbox', ...args], { cwd });
  running.push(run);
  const printed = await waitUntil(() => run.stdout().split('\n').length >= 3, run);
  expect(printed, `the sandbox exited before printing two lines:\n${run.stdout()}\n${run.stderr()}`).toBe(true);
  const lines = run.stdout().split('\n').slice(0, 2);
  return { run, lines, url: /http:\/\/\S+\/v1/.exec(lines[0] ?? '')?.[0] ?? '' };
}

describe('hc-import sandbox', () => {
  it('prints the base URL, then the key; answers; stops on SIGINT with exit 0', async () => {
    const { dir } = await workspace();
    const sandbox = await startSandboxCommand(['--port', '0'], dir);
    expect(sandbox.lines[0]).toMatch(/http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:(?!0\/)\d+\/v1$/);
    expect(sandbox.lines[1]).toContain('sandbox-key');
    expect(await listCustomers(sandbox.url)).toEqual({ status: 200, body: { data: [], total: 0 } });
    expect((await listCustomers(sandbox.url, 'not-the-key')).status).toBe(401);

    sandbox.run.interrupt('SIGINT');
    const done = await sandbox.run.exited;
    expectExit(done, 0);
    expect(done.stderr).toContain('sandbox stopped with 0 customers');
    expect(done.stderr).not.toMatch(/\n\s+at /);
  });

  it('--json: the first stdout line is one JSON object {url, key}, and stdout holds nothing else', async () => {
    const { dir } = await workspace();
    const run = startMain(['sandbox', '--port', '0', '--json', '--key', 'ci-key-0042'], { cwd: dir });
    running.push(run);
    expect(await waitUntil(() => run.stdout().includes('\n'), run)).toBe(true);
    const first = JSON.parse(run.stdout().split('\n')[0] ?? '') as { url: string; key: string };
    expect(first).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/), key: 'ci-key-0042' });
    expect((await listCustomers(first.url, first.key)).status).toBe(200);
    run.interrupt('SIGINT');
    expectExit(await run.exited, 0);
    expect(run.stdout()).toBe(`${JSON.stringify(first)}\n`);
    expect(run.stderr()).toContain('HelpCrunch sandbox listening on');
  });

  it('--data: customers imported through one sandbox are saved and served by the next', async () => {
    const { dir } = await workspace();
    const state = join(dir, 'state.json');
    const first = await startSandboxCommand(['--port', '0', '--data', state, '--key', 'seed-key'], dir);
    expect(first.lines[1]).toContain('seed-key');
    const imported = await runMain([fixture('leading-zeros.csv'), '--report-dir', 'r', '--rate', '60000'], {
      cwd: dir,
      env: { HELPCRUNCH_API_URL: first.url, HELPCRUNCH_API_KEY: 'seed-key' },
    });
    expectExit(imported, 0);
    const results = await readReportCsv(join(dir, 'r'), 'results.csv');
    expect(column(results, 'user_id').sort()).toEqual(['00000', '000123', '0042']);

    first.run.interrupt('SIGINT');
    const stopped = await first.run.exited;
    expectExit(stopped, 0);
    expect(stopped.stderr).toContain(`sandbox stopped with 3 customers, saved to ${state}`);
    expect(existsSync(state)).toBe(true);
    expect(await readFile(state, 'utf8')).toContain('"userId":"000123"');

    const second = await startSandboxCommand(['--port', '0', '--data', state, '--key', 'seed-key'], dir);
    const { status, body } = await listCustomers(second.url, 'seed-key');
    expect(status).toBe(200);
    const page = body as Page;
    expect(page.total).toBe(3);
    const byUserId = new Map(page.data.map((customer) => [customer.userId, customer]));
    for (const row of results.rows) expect(byUserId.get(row.user_id ?? '')?.id).toBe(Number(row.helpcrunch_id));
    expect(byUserId.get('000123')?.name).toBe('Hana Sato');

    second.run.interrupt('SIGINT');
    const done = await second.run.exited;
    expectExit(done, 0);
    expect(done.stderr).toContain('3 customers loaded');
  });
});
