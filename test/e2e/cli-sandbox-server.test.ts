/**
 * `hc-import sandbox` as a process: what it prints first (scripts read the URL and the key from there),
 * that it serves, that SIGINT stops it cleanly, and that `--data` carries customers to the next process.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, fixture, runCli, useWorkspaces } from './helpers/cli-run.js';
import { column, readReportCsv } from './helpers/report-reader.js';
import { useSandboxProcesses } from './helpers/sandboxes.js';

const workspace = useWorkspaces();
const startSandboxProcess = useSandboxProcesses();

interface Page {
  data: Array<{ id: number; userId: string | null; name: string | null }>;
  total: number;
}

const listCustomers = async (url: string, key = 'sandbox-key'): Promise<{ status: number; body: unknown }> => {
  const answer = await fetch(`${url}/customers?offset=0&limit=100`, { headers: { authorization: `Bearer ${key}` } });
  return { status: answer.status, body: await answer.json() };
};

describe('hc-import sandbox', () => {
  it('prints the base URL, then the key; answers; stops on SIGINT with exit 0', async () => {
    const { dir } = await workspace();
    const sandbox = await startSandboxProcess(['--port', '0'], dir);
    expect(sandbox.lines[0]).toMatch(/http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:(?!0\/)\d+\/v1$/);
    expect(sandbox.lines[1]).toContain('sandbox-key');
    expect(await listCustomers(sandbox.url)).toEqual({ status: 200, body: { data: [], total: 0 } });
    expect((await listCustomers(sandbox.url, 'not-the-key')).status).toBe(401);

    sandbox.child.kill('SIGINT');
    const done = await sandbox.done;
    expectExit(done, 0);
    expect(done.signal).toBeNull();
    expect(done.stderr).toContain('sandbox stopped with 0 customers');
    expect(done.stderr).not.toMatch(/\n\s+at /);
  });

  it('--data: customers imported through one process are saved and served by the next', async () => {
    const { dir } = await workspace();
    const first = await startSandboxProcess(['--port', '0', '--data', 'state.json', '--key', 'seed-key'], dir);
    expect(first.lines[1]).toContain('seed-key');
    const imported = await runCli([fixture('leading-zeros.csv'), '--report-dir', 'r', '--rate', '60000'], {
      cwd: dir,
      env: { HELPCRUNCH_API_URL: first.url, HELPCRUNCH_API_KEY: 'seed-key' },
    });
    expectExit(imported, 0);
    const results = await readReportCsv(join(dir, 'r'), 'results.csv');
    expect(column(results, 'user_id').sort()).toEqual(['00000', '000123', '0042']);

    first.child.kill('SIGINT');
    const stopped = await first.done;
    expectExit(stopped, 0);
    expect(stopped.stderr).toContain('sandbox stopped with 3 customers, saved to state.json');
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toContain('"userId":"000123"');

    const second = await startSandboxProcess(['--port', '0', '--data', 'state.json', '--key', 'seed-key'], dir);
    const { status, body } = await listCustomers(second.url, 'seed-key');
    expect(status).toBe(200);
    const page = body as Page;
    expect(page.total).toBe(3);
    const byUserId = new Map(page.data.map((customer) => [customer.userId, customer]));
    for (const row of results.rows) expect(byUserId.get(row.user_id ?? '')?.id).toBe(Number(row.helpcrunch_id));
    expect(byUserId.get('000123')?.name).toBe('Hana Sato');

    second.child.kill('SIGINT');
    const done = await second.done;
    expectExit(done, 0);
    expect(done.stderr).toContain('3 customers loaded');
  });
});
