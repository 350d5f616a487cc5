/**
 * Issues 3/4 through `main` in-process: imports into a sandbox, either its own (`--sandbox`; `npm run demo`
 * itself is test/e2e/quick-start) or one served by this test process, whose customers and request counts the
 * test then reads.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTACTS, expectExit, fixture, useWorkspaces } from './helpers/run-main.js';
import { column, expectReconciled, readAllReportFiles, readReportCsv, readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes, writeRoutes } from '../helpers/sandboxes.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();
const FAST = ['--rate', '100000'];

describe('--sandbox (the demo)', () => {
  it('exits 4 on the sample (it has defects) and says what the sandbox holds and how long 120/min would take', async () => {
    const { dir, run } = await workspace();
    const result = await run([CONTACTS, '--sandbox']);
    expectExit(result, 4);
    const reportDir = /report: (.+)\n/.exec(result.stdout)?.[1] ?? '';
    expect(reportDir.startsWith(join(dir, 'hc-import-report'))).toBe(true);
    const summary = await readSummary(reportDir);
    expect(summary).toMatchObject({ mode: 'apply', status: 'finished', exitCode: 4 });
    expectReconciled(summary);
    const { valid, rejected, duplicates, created } = summary.counts;
    expect([rejected > 0, duplicates > 0, created]).toEqual([true, true, valid]);
    const requests = summary.requests.total;
    expect(requests).toBe(summary.requests.byKind.lookup + created);
    expect(result.stdout).toContain(
      `sandbox now holds ${created} customers; at 120 requests/min these ${requests} requests ` +
        `would take about ${Math.round(requests / 120)} min`,
    );
    expect((await readReportCsv(reportDir, 'results.csv')).rows).toHaveLength(valid);
    expect((await readReportCsv(reportDir, 'rejects.csv')).rows).toHaveLength(rejected);
    expect((await readReportCsv(reportDir, 'duplicates.csv')).rows).toHaveLength(duplicates);
    expect((await readReportCsv(reportDir, 'failures.csv')).rows).toHaveLength(0);
  });
});

describe('HELPCRUNCH_API_URL pointing at a sandbox in this process', () => {
  it('results.csv: one row per valid row, ids matching the sandbox; a re-run is all unchanged and writes nothing', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor();
    const first = await run([CONTACTS, '--fail-on', 'none', '--report-dir', 'first', ...FAST], { env: targetEnv(sandbox) });
    expectExit(first, 0);
    const summary = await readSummary(join(dir, 'first'));
    const results = await readReportCsv(join(dir, 'first'), 'results.csv');
    expect(results.rows).toHaveLength(summary.counts.valid);
    expect(new Set(column(results, '_line')).size).toBe(summary.counts.valid);
    expect(new Set(column(results, 'action'))).toEqual(new Set(['created']));
    const stored = new Map(sandbox.customers().map((customer) => [customer.userId, customer.id]));
    expect(stored.size).toBe(summary.counts.valid);
    for (const row of results.rows) expect(String(stored.get(row.user_id ?? '')), `user_id ${row.user_id}`).toBe(row.helpcrunch_id);

    sandbox.resetStats();
    const again = await run([CONTACTS, '--fail-on', 'none', '--report-dir', 'again', ...FAST], { env: targetEnv(sandbox) });
    expectExit(again, 0);
    expect(again.stdout).toContain(`0 created, 0 updated, ${summary.counts.valid} unchanged, 0 failed`);
    expect(writeRoutes(sandbox)).toEqual([]);
    const rerun = await readReportCsv(join(dir, 'again'), 'results.csv');
    expect(new Set(column(rerun, 'action'))).toEqual(new Set(['unchanged']));
    expect(rerun.rows.map((row) => [row.user_id, row.helpcrunch_id]).sort()).toEqual(
      results.rows.map((row) => [row.user_id, row.helpcrunch_id]).sort(),
    );
    const rerunSummary = await readSummary(join(dir, 'again'));
    expect(rerunSummary.requests.byKind).toMatchObject({ create: 0, update: 0 });
    expect(rerunSummary.counts).toMatchObject({ created: 0, updated: 0, unchanged: summary.counts.valid });
  });

  it('a wrong key: exit 5, stderr says the key was rejected and where to get one, and the key is printed nowhere', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ key: 'the-right-key' });
    const wrong = 'WRONG-e2e-key-4f2a9c';
    const result = await run([fixture('bom-utf8.csv'), '--report-dir', 'r', '--debug'], { env: targetEnv(sandbox, wrong) });
    expectExit(result, 5);
    expect(result.stderr).toMatch(/rejected the API key/);
    expect(result.stderr).toContain('Settings → Developers → Public API');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary).toMatchObject({ status: 'stopped', exitCode: 5, error: { code: 'HCI_AUTH_REJECTED' } });
    expect(sandbox.customers()).toEqual([]);
    expect(writeRoutes(sandbox)).toEqual([]);
    const files = await readAllReportFiles(join(dir, 'r'));
    expect([...files.keys()].sort(), 'stopped before the first write: no journal').toEqual([
      'duplicates.csv',
      'rejects.csv',
      'summary.json',
      'user-id-warnings.csv',
    ]);
    for (const [name, text] of [['stdout', result.stdout], ['stderr', result.stderr], ...files] as const) {
      expect(text, name).not.toContain(wrong);
    }
  });

  // An absolute path: a relative one is read against process.cwd(), not io.cwd (the test below shows it).
  it('--api-key-file gives the key', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ key: 'key-from-a-file' });
    await writeFile(join(dir, 'hc.key'), 'key-from-a-file\n', { mode: 0o600 });
    const result = await run([fixture('bom-utf8.csv'), '--api-key-file', join(dir, 'hc.key'), '--report-dir', 'r', ...FAST], {
      env: { HELPCRUNCH_API_URL: sandbox.url },
    });
    expectExit(result, 0);
    expect(result.stdout).toContain('3 created, 0 updated, 0 unchanged, 0 failed');
    expect(
      sandbox
        .customers()
        .map((customer) => customer.userId)
        .sort(),
    ).toEqual(['u1001', 'u1002', 'u1003']);
    expect(column(await readReportCsv(join(dir, 'r'), 'results.csv'), 'action')).toEqual(['created', 'created', 'created']);
  });

  // main must not depend on process.cwd(): a relative path is read against io.cwd.
  it('a relative --api-key-file is read from the working directory given to main', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ key: 'key-from-a-file' });
    await writeFile(join(dir, 'hc.key'), 'key-from-a-file\n', { mode: 0o600 });
    const result = await run([fixture('bom-utf8.csv'), '--api-key-file', 'hc.key', '--report-dir', 'r', ...FAST], {
      env: { HELPCRUNCH_API_URL: sandbox.url },
    });
    expectExit(result, 0);
  });

  it('an --api-key-file that does not exist is a configuration error (exit 2)', async () => {
    const { run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--api-key-file', 'missing.key']);
    expectExit(result, 2);
    expect(result.stderr).toContain('Cannot read the API key file missing.key');
  });
});
