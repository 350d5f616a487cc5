import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/api-errors.js';
import {
  drainWrites,
  makeRows,
  onRoute,
  plainCustomers,
  prepareWrites,
  richCustomer,
  runUpsert,
  testRunner,
  useHarness,
} from './upsert-harness.js';

const start = useHarness();

describe('upsert against the sandbox: writes', () => {
  it('creates every row in an empty account, one request each and nothing else', async () => {
    const harness = await start();
    const run = await runUpsert(harness, makeRows(25, { change: (i) => ({ phone: i % 2 === 0 ? `+49 ${i}` : undefined }) }));
    expect(run.result).toMatchObject({ created: 25, updated: 0, unchanged: 0, failed: 0, notAttempted: 0 });
    expect(run.lookup).toEqual({ strategy: 'none', requests: 0 });
    const customers = harness.sandbox.customers();
    expect(customers).toHaveLength(25);
    const byUserId = new Map(customers.map((c) => [c.userId, c]));
    expect(byUserId.get('u-2')).toMatchObject({ name: 'Name 2', email: 'n2@example.com', phone: '+49 2' });
    expect(byUserId.get('u-1')?.phone).toBeNull();
    // The id each outcome reports is the id HelpCrunch gave that userId.
    for (const outcome of run.outcomes) expect(outcome).toMatchObject({ action: 'created', id: byUserId.get(outcome.userId)?.id });
    expect(run.stats.byRoute).toEqual({ 'GET /customers': 1, 'POST /customers': 25 });
    expect(run.served).toBeLessThanOrEqual(run.budget); // 26 of 27
  });

  it('sends no write at all when the same rows are imported again', async () => {
    const harness = await start();
    const rows = makeRows(25, { change: (i) => ({ company: `Co ${i}` }) });
    await runUpsert(harness, rows);
    const again = await runUpsert(harness, rows);
    expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 25, failed: 0 });
    expect(again.plan.writeRequests).toBe(0);
    expect(again.stats.byRoute).toEqual({ 'GET /customers': 1 });
  });

  it('keeps phone, company, notes, customData and tags the CSV does not carry', async () => {
    const harness = await start({ customers: Array.from({ length: 15 }, (_, i) => richCustomer(i)) });
    const before = harness.sandbox.customers();
    // Only user_id, name, email in the file; one name changes on every row.
    const run = await runUpsert(harness, makeRows(15, { change: (i) => ({ name: `Renamed ${i}` }) }));
    expect(run.result).toMatchObject({ updated: 15, failed: 0 });
    expect(run.stats.byRoute).toEqual({ 'GET /customers': 1, 'PUT /customers/batch': 2 });
    const after = harness.sandbox.customers();
    after.forEach((customer, i) => {
      expect(customer).toEqual({ ...before[i], name: `Renamed ${i}` });
    });
    expect(after[4]).toMatchObject({
      phone: '+1 555 0004',
      company: 'Company 4',
      notes: 'Customer since 2019, ticket #4',
      locale: 'de',
      firstSeen: '1600000000',
      unsubscribed: true,
      tags: [
        { name: 'vip', color: '#ff0000' },
        { name: 'cohort-1', color: null },
      ],
      customData: { plan: 'pro', seats: 4, trial: false },
    });
  });

  it('clears only the field a row sets to null', async () => {
    const harness = await start({ customers: [richCustomer(0)] });
    const before = harness.sandbox.customers()[0];
    const run = await runUpsert(harness, makeRows(1, { change: () => ({ company: null }) }));
    expect(run.result.updated).toBe(1);
    expect(harness.sandbox.customers()[0]).toEqual({ ...before, company: null });
  });

  it('fails only the row whose customer was deleted after the lookup; the other nine land', async () => {
    const harness = await start({ customers: plainCustomers(10) });
    const runner = testRunner();
    const firstPage = await harness.client.listCustomers({ offset: 0, limit: 100 });
    const rows = makeRows(10, { change: (i) => ({ company: `New ${i}` }) });
    const plan = await prepareWrites({ api: harness.client, sender: runner, rows, firstPage });
    // Someone deletes u-6 in the HelpCrunch inbox while the user reads the plan.
    const deleted = await fetch(`${harness.sandbox.url}/customers/7`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${harness.sandbox.key}` },
    });
    expect(deleted.status).toBe(200);
    harness.sandbox.resetStats();
    const { outcomes, result } = await drainWrites({ api: harness.client, sender: runner, rows: plan.rows });
    expect(result).toMatchObject({ updated: 9, failed: 1, notAttempted: 0 });
    expect(outcomes).toContainEqual({
      line: 8,
      userId: 'u-6',
      action: 'failed',
      status: 400,
      code: 'invalid_customer_value',
      message: expect.stringContaining('customer 7'),
    });
    const companies = harness.sandbox.customers().map((c) => c.company);
    expect(companies).toEqual(['New 0', 'New 1', 'New 2', 'New 3', 'New 4', 'New 5', 'New 7', 'New 8', 'New 9']);
    // Halving to isolate one bad item of ten: 1 + 2 + 2 + 2 + 2 requests at worst.
    expect(onRoute(harness.sandbox.stats(), 'PUT /customers/batch')).toBeLessThanOrEqual(9);
  });

  it('stops with the auth error and writes nothing when the key is refused', async () => {
    const good = await start({ customers: plainCustomers(3) });
    const firstPage = await good.client.listCustomers({ offset: 0, limit: 100 });
    const bad = await start({ customers: plainCustomers(3), key: 'the-real-key' }, 'a-revoked-key');
    const sender = testRunner();
    const plan = await prepareWrites({ api: bad.client, sender, rows: makeRows(6, { change: () => ({ name: 'Changed' }) }), firstPage });
    expect(plan.counts).toEqual({ create: 3, update: 3, unchanged: 0, skipped: 0, failed: 0 });
    const before = bad.sandbox.customers();
    const failure = await drainWrites({ api: bad.client, sender, rows: plan.rows }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 401, code: 'HCI_AUTH_REJECTED' });
    expect(bad.sandbox.customers()).toEqual(before);
    expect(bad.sandbox.stats().requests).toBeLessThanOrEqual(4); // the creates in flight, no update
  });

  it('a wrong key fails the first page before anything else is sent', async () => {
    const harness = await start({}, 'wrong-key');
    await expect(runUpsert(harness, makeRows(5))).rejects.toMatchObject({ status: 401 });
    expect(harness.sandbox.stats().requests).toBe(1);
    expect(harness.sandbox.customers()).toHaveLength(0);
  });

  it.each([
    ['atomic', 'customers'],
    ['partial', 'ok'],
  ] as const)(
    'a refused row in a batch fails alone, every other row lands (batchFailure %s, batchAnswer %s)',
    async (batchFailure, batchAnswer) => {
      const harness = await start({ customers: plainCustomers(10), unknownAttributes: 'reject', batchFailure, batchAnswer });
      const rows = makeRows(10, { change: (i) => ({ name: `Renamed ${i}`, ...(i === 2 ? { customData: { ghost: 'x' } } : {}) }) });
      const run = await runUpsert(harness, rows);
      expect(run.result).toMatchObject({ updated: 9, failed: 1, notAttempted: 0 });
      expect(run.outcomes.find((outcome) => outcome.userId === 'u-2')).toMatchObject({ action: 'failed', status: 400 });
      expect(harness.sandbox.customers().map((customer) => customer.name)).toEqual(
        Array.from({ length: 10 }, (_, i) => (i === 2 ? 'Name 2' : `Renamed ${i}`)),
      );
    },
  );
});
