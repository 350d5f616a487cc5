import { describe, expect, it } from 'vitest';
import { csvOf, richCustomer, useImportHarness } from '../run-import/harness.js';
import { readUndone, undo } from './undo-harness.js';

const harness = useImportHarness();

/** Three rich customers (tags, custom attributes) and two plain ones. */
const seed = (): Record<string, unknown>[] => [richCustomer(1), richCustomer(2), richCustomer(3), { userId: 'u-4', name: 'Name 4' }];

/** Updates u-1 and u-2, leaves u-3 as it is, creates u-10 and u-11. */
const mixedCsv = csvOf(
  ['user_id', 'name', 'email'],
  [
    ['u-1', 'Renamed 1', 'n1@example.com'],
    ['u-2', 'Name 2', 'new2@example.com'],
    ['u-3', 'Name 3', 'n3@example.com'],
    ['u-10', 'New 10', 'n10@example.com'],
    ['u-11', 'New 11', 'n11@example.com'],
  ],
);

describe('undo against the sandbox', () => {
  it('puts a mixed run back exactly: updated customers restored whole, created ones deleted, within C + ⌈U/10⌉ + lookups', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, mixedCsv);
    expect(run.summary.counts).toMatchObject({ created: 2, updated: 2, unchanged: 1 });
    expect(sandbox.customers()).not.toEqual(before);
    sandbox.resetStats();

    const result = await undo(sandbox, run.reportDir);

    expect(sandbox.customers()).toEqual(before);
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatchObject({ status: 'finished', touched: 4, counts: { restored: 2, deleted: 2, kept: 0, failed: 0 } });
    const { byRoute, requests } = sandbox.stats();
    expect(byRoute['DELETE /customers/:id']).toBe(2);
    expect(byRoute['PUT /customers/batch']).toBe(1);
    expect(requests).toBe(2 + 1 + result.summary.requests.byKind.lookup);
    expect(result.summary.requests.total).toBe(requests);
    const undone = await readUndone(result.summary.reportDir ?? '');
    expect(undone.map((row) => [row['_line'], row['user_id'], row['action']])).toEqual([
      ['2', 'u-1', 'restored'],
      ['3', 'u-2', 'restored'],
      ['5', 'u-10', 'deleted'],
      ['6', 'u-11', 'deleted'],
    ]);
  });
});
