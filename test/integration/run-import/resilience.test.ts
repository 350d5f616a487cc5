import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import type { ClosableApi } from '../../../src/core/run-config.js';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { createFakeTimeline } from '../../helpers/fake-timeline.js';
import { emptyCustomer } from '../../../src/sandbox/customer-record.js';
import {
  contactsCsv,
  customersPerUserId,
  expectReconciled,
  plainCustomers,
  requestBudget,
  useImportHarness,
  type ImportOutcome,
} from './harness.js';

const harness = useImportHarness();

/**
 * Retry-After waits, backoffs and the sandbox's rate window on one fake timeline, so a storm of 429s and
 * retries takes no wall-clock seconds; requests still go over real HTTP.
 */
function fakeTime() {
  const timeline = createFakeTimeline();
  const deps = {
    now: timeline.now,
    sleep: timeline.sleep,
    connect: (t: { baseUrl: string; apiKey: string }) => timeline.track(createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey })),
  };
  return { now: timeline.now, deps };
}

/** 40 stored customers (every one renamed) and 20 new: creates, four batches, and a search-free plan. */
const mixedCsv = () => contactsCsv(60, { name: (i) => (i < 40 ? `Renamed ${i}` : `Name ${i}`) });

/** Every userId of the file stored exactly once, with the file's name, and the reports agree. */
function expectAllLanded(run: ImportOutcome, sandbox: Sandbox, rows: number): void {
  expect(run.exitCode).toBe(0);
  expect(run.reports.summary.counts).toMatchObject({ rows, valid: rows, failed: 0 });
  expectReconciled(run, sandbox);
  const perUserId = customersPerUserId(sandbox.customers());
  expect(perUserId.size).toBe(rows);
  expect([...perUserId.values()].every((count) => count === 1)).toBe(true);
  const stored = new Map(sandbox.customers().map((customer) => [customer.userId, customer]));
  for (const row of run.reports.results) expect(row['helpcrunch_id']).toBe(String(stored.get(row['user_id'] ?? '')?.id));
}

describe('runImport against the sandbox: rate limits, faults and refused rows', () => {
  it.each([true, false])('rides out a 429 storm (Retry-After sent: %s) and lands every row', async (retryAfter) => {
    // The sandbox serves 5 per 250 ms (1,200 a minute); the client is told 60,000 a minute, 8 in flight.
    const time = fakeTime();
    const sandbox = await harness.sandbox({ customers: plainCustomers(40), rate: 5, windowMs: 250, retryAfter, now: time.now });
    const run = await harness.run(sandbox, mixedCsv(), { config: { ratePerMinute: 60_000, concurrency: 8 }, deps: time.deps });

    expectAllLanded(run, sandbox, 60);
    const { summary } = run.reports;
    expect(summary.counts).toMatchObject({ created: 20, updated: 40, unchanged: 0 });
    expect(sandbox.stats().rateLimited).toBeGreaterThan(0);
    expect(summary.requests.rateLimited).toBe(sandbox.stats().rateLimited);
    // A 429 is not served, so what was served stays within the budget: page 0, 20 creates, 4 batches.
    expect(summary.requests.total - summary.requests.rateLimited).toBe(25);
    expect(summary.requests.total - summary.requests.rateLimited).toBeLessThanOrEqual(requestBudget(40, summary.counts));
    expect(sandbox.customers().filter((customer) => customer.name?.startsWith('Renamed'))).toHaveLength(40);
  });

  it.each([3, 11, 29])('stores every userId once through 503s and dropped answers (seed %i)', async (seed) => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(40), faultRate: 0.1, dropRate: 0.1, seed });
    const run = await harness.run(sandbox, contactsCsv(100, { name: (i) => (i < 40 ? `Renamed ${i}` : `Name ${i}`) }), {
      seed,
      deps: fakeTime().deps,
    });

    expectAllLanded(run, sandbox, 100);
    const stats = sandbox.stats();
    expect(stats.faults + stats.drops).toBeGreaterThan(0);
    expect(run.reports.summary.counts).toMatchObject({ created: 60, updated: 40, unchanged: 0 });
    // A lost create is looked up, never blindly resent: creates sent = 60 + the ones refused with a 503.
    const creates = stats.byRoute['POST /customers'] ?? 0;
    expect(creates - 60).toBeLessThanOrEqual(stats.faults);
  });

  it('fails only the row whose customer vanished between lookup and write; the rest of its batch lands', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(30) });
    const victim = sandbox.customers().find((customer) => customer.userId === 'u-13');
    // Someone deletes u-13 in HelpCrunch while the import is about to send its first batch.
    const connect = (target: { baseUrl: string; apiKey: string }): ClosableApi => {
      const client = createHelpCrunchClient(target);
      let deletion: Promise<void> | undefined;
      return {
        ...client,
        batchUpdate: async (items) => {
          // Every batch waits for the deletion: batches go out together, and u-13's is not the first.
          deletion ??= fetch(`${sandbox.url}/customers/${victim?.id}`, {
            method: 'DELETE',
            headers: { authorization: `Bearer ${sandbox.key}` },
          }).then((answer) => expect(answer.status).toBe(200));
          await deletion;
          return client.batchUpdate(items);
        },
      };
    };
    const run = await harness.run(sandbox, contactsCsv(30, { name: (i) => `Renamed ${i}` }), { deps: { connect } });

    expect(run.exitCode).toBe(4);
    const { summary, failures, results } = run.reports;
    expect(summary.counts).toMatchObject({ valid: 30, updated: 29, failed: 1, created: 0, unchanged: 0 });
    expect(failures).toEqual([
      expect.objectContaining({ user_id: 'u-13', _line: '15', _status: '400', _error_code: 'invalid_customer_value' }),
    ]);
    expect(results.map((row) => row['user_id'])).not.toContain('u-13');
    expect(sandbox.customers()).toHaveLength(29);
    expect(sandbox.customers().every((customer) => customer.name?.startsWith('Renamed'))).toBe(true);
    expect(run.reports.journal).toContainEqual(expect.objectContaining({ type: 'failed', line: 15, code: 'invalid_customer_value' }));
    expect(results).toHaveLength(29);
    // Every request but the test's own DELETE was the import's.
    expect(summary.requests.total).toBe(sandbox.stats().requests - 1);
  });

  it('fails only the row whose stored value HelpCrunch refuses to take back', async () => {
    // A data file as HelpCrunch might hold it: u-5's locale came from the widget, not through the API.
    const dataFile = join(await harness.tempDir(), 'account.json');
    const customers = plainCustomers(12).map((fields, index) => ({
      ...emptyCustomer(index + 1, '1600000000'),
      locale: index === 5 ? 'en-GB' : null,
      ...fields,
    }));
    await writeFile(dataFile, JSON.stringify({ format: 'hc-import-sandbox/1', nextId: 13, customers }));
    const sandbox = await harness.sandbox({ dataFile });
    expect(sandbox.customers()[5]).toMatchObject({ userId: 'u-5', locale: 'en-GB' });

    const run = await harness.run(sandbox, contactsCsv(12, { name: (i) => `Renamed ${i}` }));
    const { summary, failures } = run.reports;
    expect(summary.counts).toMatchObject({ valid: 12, updated: 11, failed: 1 });
    expect(failures).toEqual([expect.objectContaining({ user_id: 'u-5', _status: '400', _error_code: 'invalid_locale_value' })]);
    expect(sandbox.customers()[5]).toMatchObject({ name: 'Name 5', locale: 'en-GB' });
    expect(sandbox.customers().filter((customer) => customer.name?.startsWith('Renamed'))).toHaveLength(11);
    expectReconciled(run, sandbox);
  });
});
