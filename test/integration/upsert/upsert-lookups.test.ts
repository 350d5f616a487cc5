import { describe, expect, it } from 'vitest';
import { customersPerUserId, makeRows, onRoute, plainCustomers, runUpsert, useHarness, type RunReport } from './upsert-harness.js';

const start = useHarness();

/** Ten existing customers spread over a big account, changed, plus ten new ones. */
const smallFileForBigAccount = () =>
  [
    ...Array.from({ length: 10 }, (_, k) => makeRows(1, { from: 150 + k * 280, change: () => ({ company: 'Changed' }) })).flat(),
    ...makeRows(10, { from: 5000 }),
  ].map((row, k) => ({ ...row, line: k + 2 }));

const expectEveryUserIdOnce = (run: RunReport, customers: ReturnType<typeof customersPerUserId>) => {
  expect([...customers.values()].every((count) => count === 1)).toBe(true);
  expect(run.outcomes).toHaveLength(run.plan.rows.length);
};

describe('upsert against the sandbox: lookups', () => {
  it('searches a big account for a small file, within the request budget', async () => {
    const harness = await start({ customers: plainCustomers(3000) });
    const run = await runUpsert(harness, smallFileForBigAccount());
    expect(run.lookup).toEqual({ strategy: 'search', requests: 2 });
    expect(run.result).toMatchObject({ created: 10, updated: 10, unchanged: 0, failed: 0 });
    expect(run.stats.byRoute).toEqual({
      'GET /customers': 1,
      'POST /customers/search': 2,
      'POST /customers': 10,
      'PUT /customers/batch': 1,
    });
    expect(run.served).toBeLessThanOrEqual(run.budget); // 14 of 15
    expect(harness.sandbox.customers()).toHaveLength(3010);
    expectEveryUserIdOnce(run, customersPerUserId(harness.sandbox.customers()));
  });

  it('lists a small account for a big file, within the request budget', async () => {
    const harness = await start({ customers: plainCustomers(150) });
    // u-0..99 change, u-100..149 are as stored, u-150..299 are new.
    const rows = makeRows(300, { change: (i) => (i < 100 ? { phone: `+1 ${i}` } : {}) });
    const run = await runUpsert(harness, rows);
    expect(run.lookup).toEqual({ strategy: 'list', requests: 1 });
    expect(run.result).toMatchObject({ created: 150, updated: 100, unchanged: 50, failed: 0 });
    expect(run.stats.byRoute).toEqual({ 'GET /customers': 2, 'POST /customers': 150, 'PUT /customers/batch': 10 });
    expect(run.served).toBeLessThanOrEqual(run.budget); // 162 of 164
    expectEveryUserIdOnce(run, customersPerUserId(harness.sandbox.customers()));
  });

  it('finds everything by listing when the server pages 7 at a time', async () => {
    const harness = await start({ customers: plainCustomers(60), maxPageSize: 7 });
    const rows = makeRows(100, { change: (i) => (i < 60 ? { company: 'Changed' } : {}) });
    const run = await runUpsert(harness, rows);
    expect(run.lookup).toEqual({ strategy: 'list', requests: 8 });
    // Stopping at the first short page would have planned 53 existing customers as creates.
    expect(run.result).toMatchObject({ created: 40, updated: 60, failed: 0 });
    expect(onRoute(run.stats, 'POST /customers')).toBe(40);
    expectEveryUserIdOnce(run, customersPerUserId(harness.sandbox.customers()));
    // The budget counts 100 per page; with 7 the floor is ⌈60/7⌉ pages: 2 + 9 + 40 + 6 = 57.
    expect(run.served).toBe(1 + 8 + 40 + 6);
  });

  it('finds everything by searching when the server pages 7 at a time', async () => {
    const harness = await start({ customers: plainCustomers(3000), maxPageSize: 7 });
    const run = await runUpsert(harness, smallFileForBigAccount());
    expect(run.lookup).toEqual({ strategy: 'search', requests: 3 }); // 7 + 7 + 6 userIds
    expect(run.result).toMatchObject({ created: 10, updated: 10, failed: 0 });
    expect(onRoute(run.stats, 'POST /customers')).toBe(10);
    expect(run.served).toBeLessThanOrEqual(run.budget); // 15 of 15: 7 userIds per search, one page each
  });

  it('shrinks the filters when the server takes only 3 per search, and still finds everything', async () => {
    const harness = await start({ customers: plainCustomers(3000), maxSearchFilters: 3 });
    const run = await runUpsert(harness, smallFileForBigAccount());
    // 10 and 5 refused, then seven searches of 3 (the last of 2), remembered for the rest of the lookup.
    expect(run.lookup).toEqual({ strategy: 'search', requests: 9 });
    expect(run.result).toMatchObject({ created: 10, updated: 10, failed: 0 });
    expect(onRoute(run.stats, 'POST /customers')).toBe(10);
    expectEveryUserIdOnce(run, customersPerUserId(harness.sandbox.customers()));
  });

  it.each([
    ['search', 3000],
    ['list', 150],
  ])(
    "keyCase 'insensitive' (%s): a userId differing only in case from a stored one fails its row and overwrites no one",
    async (_strategy, size) => {
      const harness = await start({ customers: plainCustomers(size), keyCase: 'insensitive' });
      const rows = [
        ...makeRows(1, { from: 140, change: () => ({ userId: 'U-140', name: 'Shadow' }) }),
        ...makeRows(1, { from: 141, change: () => ({ company: 'Changed' }) }),
      ].map((row, k) => ({ ...row, line: k + 2 }));
      const before = harness.sandbox.customers().find((customer) => customer.userId === 'u-140');
      const run = await runUpsert(harness, rows);
      expect(run.result).toMatchObject({ created: 0, updated: 1, failed: 1 });
      expect(run.outcomes.find((outcome) => outcome.userId === 'U-140')).toMatchObject({ action: 'failed', code: 'invalid_userId_value' });
      expect(harness.sandbox.customers().find((customer) => customer.userId === 'u-140')).toEqual(before);
      expect(harness.sandbox.customers().find((customer) => customer.userId === 'u-141')?.company).toBe('Changed');
      expect(harness.sandbox.customers()).toHaveLength(size);
    },
  );
});
