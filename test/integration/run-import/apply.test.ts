import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../../src/report/summary.js';
import {
  contactsCsv,
  csvOf,
  customersPerUserId,
  expectReconciled,
  plainCustomers,
  requestBudget,
  richCustomer,
  useImportHarness,
  writesSeen,
} from './harness.js';

const harness = useImportHarness();

describe('runImport against the sandbox: what it writes and reports', () => {
  it('creates every row of a file in an empty account and reports the ids HelpCrunch gave', async () => {
    const sandbox = await harness.sandbox();
    const rows = Array.from({ length: 25 }, (_, i) => [`u-${i}`, `Name ${i}`, `n${i}@example.com`, i % 2 === 0 ? `+49 ${i}` : '']);
    // Two rows the input stage must keep out: a bad email and a repeated user_id.
    rows.push(['u-x', 'Bad Email', 'not-an-email', ''], ['u-3', 'Again', 'again@example.com', '']);
    const run = await harness.run(sandbox, csvOf(['user_id', 'name', 'email', 'phone'], rows), { config: { failOn: 'none' } });

    expect(run.exitCode).toBe(0);
    const { summary, results, rejects, duplicates } = run.reports;
    expect(summary).toMatchObject({ mode: 'apply', status: 'finished', exitCode: 0 });
    expect(summary.counts).toEqual({
      rows: 27,
      valid: 25,
      rejected: 1,
      duplicates: 1,
      created: 25,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    });
    expectReconciled(run, sandbox);
    expect(rejects).toEqual([expect.objectContaining({ user_id: 'u-x', _line: '27', _reason_code: 'invalid_email' })]);
    expect(duplicates).toEqual([expect.objectContaining({ user_id: 'u-3', _line: '28', _kept_line: '5' })]);

    const stored = new Map(sandbox.customers().map((customer) => [customer.userId, customer]));
    expect(stored.size).toBe(25);
    expect(stored.get('u-2')).toMatchObject({ name: 'Name 2', email: 'n2@example.com', phone: '+49 2' });
    expect(stored.get('u-1')?.phone).toBeNull();
    for (const row of results) {
      expect(row['action']).toBe('created');
      expect(row['helpcrunch_id']).toBe(String(stored.get(row['user_id'] ?? '')?.id));
    }
    expect(results.map((row) => row['_line'])).toEqual(expect.arrayContaining(Array.from({ length: 25 }, (_, i) => String(i + 2))));
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1, 'POST /customers': 25 });
    expect(summary.requests).toEqual({ total: 26, byKind: { lookup: 1, create: 25, update: 0 }, rateLimited: 0, retries: 0 });
    expect(summary.requests.total).toBeLessThanOrEqual(requestBudget(0, summary.counts));
    expect(run.reports.journal?.at(-1)).toMatchObject({ type: 'finished' });
  });

  it('sends no write when the same file is imported again, and reports every row unchanged', async () => {
    const sandbox = await harness.sandbox();
    const csv = contactsCsv(30);
    const first = await harness.run(sandbox, csv);
    expect(first.reports.summary.counts.created).toBe(30);
    const before = sandbox.customers();
    sandbox.resetStats();

    const again = await harness.run(sandbox, csv, { reportDir: first.reportDir, config: { overwrite: true } });
    expect(again.exitCode).toBe(0);
    expect(writesSeen(sandbox)).toBe(0);
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1 });
    expect(again.reports.summary.counts).toMatchObject({ valid: 30, created: 0, updated: 0, unchanged: 30, failed: 0 });
    expect(again.reports.summary.plan).toMatchObject({ create: 0, update: 0, unchanged: 30, writeRequests: 0 });
    expectReconciled(again, sandbox);
    expect(again.reports.results.every((row) => row['action'] === 'unchanged')).toBe(true);
    const ids = new Map(before.map((customer) => [customer.userId, String(customer.id)]));
    for (const row of again.reports.results) expect(row['helpcrunch_id']).toBe(ids.get(row['user_id'] ?? ''));
    expect(sandbox.customers()).toEqual(before);
  });

  it('keeps phone, company, notes, custom data and tags a user_id,name,email file does not carry', async () => {
    const sandbox = await harness.sandbox({ customers: Array.from({ length: 23 }, (_, i) => richCustomer(i)) });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, contactsCsv(23, { name: (i) => (i % 4 === 0 ? `Renamed ${i}` : `Name ${i}`) }));

    expect(run.reports.summary.counts).toMatchObject({ valid: 23, updated: 6, unchanged: 17, created: 0, failed: 0 });
    expectReconciled(run, sandbox);
    const after = sandbox.customers();
    after.forEach((customer, i) => {
      expect(customer).toEqual({ ...before[i], name: i % 4 === 0 ? `Renamed ${i}` : `Name ${i}` });
    });
    expect(after[8]).toMatchObject({
      name: 'Renamed 8',
      phone: '+1 555 0008',
      company: 'Company 8',
      notes: 'Customer since 2019, ticket #8',
      tags: [
        { name: 'vip', color: '#ff0000' },
        { name: 'cohort-2', color: null },
      ],
      customData: { plan: 'pro', seats: 8, trial: false },
    });
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1, 'PUT /customers/batch': 1 });
    const updated = run.reports.results.filter((row) => row['action'] === 'updated').map((row) => row['user_id']);
    expect(updated.sort()).toEqual(['u-0', 'u-12', 'u-16', 'u-20', 'u-4', 'u-8']);
  });

  it('searches a big account for a small file, within the request budget', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(1_000) });
    // 20 stored customers spread over the account (5 renamed), and 7 new ones.
    const existing = Array.from({ length: 20 }, (_, k) => 37 * k + 150);
    const rows = [
      ...existing.map((i, k) => [`u-${i}`, k < 5 ? `Renamed ${i}` : `Name ${i}`, `n${i}@example.com`]),
      ...Array.from({ length: 7 }, (_, k) => [`new-${k}`, `New ${k}`, `new${k}@example.com`]),
    ];
    const run = await harness.run(sandbox, csvOf(['user_id', 'name', 'email'], rows));

    const { summary } = run.reports;
    expect(summary.counts).toMatchObject({ valid: 27, created: 7, updated: 5, unchanged: 15, failed: 0 });
    expectReconciled(run, sandbox);
    // 2 + min(10, 3) + 7 + 1 = 13; the run needs page 0, 3 searches, 7 creates and 1 batch.
    const budget = requestBudget(1_000, summary.counts);
    expect(budget).toBe(13);
    expect(summary.requests.total).toBeLessThanOrEqual(budget);
    expect(sandbox.stats().byRoute).toEqual({
      'GET /customers': 1,
      'POST /customers/search': 3,
      'POST /customers': 7,
      'PUT /customers/batch': 1,
    });
    expect(sandbox.customers()).toHaveLength(1_007);
    expect([...customersPerUserId(sandbox.customers()).values()].every((count) => count === 1)).toBe(true);
  });

  it('lists a small account for a big file, within the request budget', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(250) });
    // 400 rows: the 250 stored customers (every tenth renamed) and 150 new ones.
    const run = await harness.run(sandbox, contactsCsv(400, { name: (i) => (i < 250 && i % 10 === 0 ? `Renamed ${i}` : `Name ${i}`) }));

    const { summary } = run.reports;
    expect(summary.counts).toMatchObject({ valid: 400, created: 150, updated: 25, unchanged: 225, failed: 0 });
    expectReconciled(run, sandbox);
    // 2 + min(3, 40) + 150 + 3 = 158; the run needs 3 pages, 150 creates and 3 batches.
    const budget = requestBudget(250, summary.counts);
    expect(budget).toBe(158);
    expect(summary.requests.total).toBeLessThanOrEqual(budget);
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 3, 'POST /customers': 150, 'PUT /customers/batch': 3 });
    expect(sandbox.customers()).toHaveLength(400);
  });

  it('plans without writing in a dry run with a key', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(30) });
    const before = sandbox.customers();
    // 30 stored (6 renamed) and 12 new.
    const run = await harness.run(sandbox, contactsCsv(42, { name: (i) => (i < 30 && i % 5 === 0 ? `Renamed ${i}` : `Name ${i}`) }), {
      config: { dryRun: true },
    });

    expect(run.exitCode).toBe(0);
    const { summary } = run.reports;
    expect(summary).toMatchObject({ mode: 'dry-run', status: 'finished' });
    expect(summary.plan).toMatchObject({ create: 12, update: 6, unchanged: 24, writeRequests: 13, totalRequests: 16 });
    expect(summary.counts).toEqual({ ...emptyCounts(), rows: 42, valid: 42 });
    expect(writesSeen(sandbox)).toBe(0);
    // Page 0 holds the account; the 12 rows to create are searched by email (2 requests) for contacts to adopt.
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1, 'POST /customers/search': 2 });
    expect(summary.requests.total).toBe(3);
    expect(sandbox.customers()).toEqual(before);
    expect(run.reports.results).toEqual([]);
    expect(run.reports.journal).toBeUndefined();
  });

  it.each([
    ['clear', null, 'updated'],
    ['keep', '+1 555 0003', 'unchanged'],
  ] as const)('blanks %s: a blank phone leaves the stored phone as %s', async (blanks, phone, action) => {
    const sandbox = await harness.sandbox({ customers: Array.from({ length: 5 }, (_, i) => richCustomer(i)) });
    const before = sandbox.customers();
    // u-3's phone cell is blank; u-4 also changes its name, so it is written either way.
    const rows = [
      ['u-3', 'Name 3', 'n3@example.com', ''],
      ['u-4', 'Renamed 4', 'n4@example.com', ''],
      ['u-2', 'Name 2', 'n2@example.com', '+1 555 0002'],
    ];
    const run = await harness.run(sandbox, csvOf(['user_id', 'name', 'email', 'phone'], rows), { config: { blanks } });

    expectReconciled(run, sandbox);
    const after = sandbox.customers();
    expect(after[3]).toEqual({ ...before[3], phone });
    expect(after[4]).toEqual({ ...before[4], name: 'Renamed 4', phone: blanks === 'clear' ? null : '+1 555 0004' });
    expect(after[2]).toEqual(before[2]);
    const actions = Object.fromEntries(run.reports.results.map((row) => [row['user_id'], row['action']]));
    expect(actions).toEqual({ 'u-3': action, 'u-4': 'updated', 'u-2': 'unchanged' });
  });

  it('stops with exit 5 on a wrong key, writes nothing and leaves no journal', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(3) });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, contactsCsv(10), { target: { baseUrl: sandbox.url, apiKey: 'not-the-key' } });

    expect(run.exitCode).toBe(5);
    const { summary } = run.reports;
    expect(summary).toMatchObject({ status: 'stopped', exitCode: 5, error: { code: 'HCI_AUTH_REJECTED' } });
    expect(summary.counts).toMatchObject({ rows: 10, valid: 10, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
    expect(JSON.stringify(summary)).not.toContain('not-the-key');
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1 });
    // The one request that was sent is counted, although the run ended before planning.
    expect(summary.requests).toMatchObject({ total: 1, byKind: { lookup: 1, create: 0, update: 0 } });
    expect(sandbox.customers()).toEqual(before);
    await expect(access(join(run.reportDir, 'journal.jsonl'))).rejects.toThrow();
    expect(run.reports.journal).toBeUndefined();
    // A run that never wrote blocks nothing: --resume takes its folder over (a plain new run needs --overwrite).
    const retry = await harness.run(sandbox, contactsCsv(10), { reportDir: run.reportDir, config: { resume: true } });
    expect(retry.reports.summary.counts).toMatchObject({ created: 7, unchanged: 3 });
  });
});
