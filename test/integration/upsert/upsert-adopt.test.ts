import { describe, expect, it } from 'vitest';
import type { ValidRow } from '../../../src/model.js';
import { AdoptCode } from '../../../src/upsert/adopt-by-email.js';
import { prepareWrites, testRunner, useHarness } from './upsert-harness.js';

const start = useHarness();

const row = (line: number, userId: string, email: string): ValidRow => ({ line, cells: [], contact: { userId, name: userId, email } });

describe('--adopt-by-email against the sandbox', () => {
  it('never adopts from an email search it could not read to the end', async () => {
    // Bob's email belongs to two customers: one without a user id, one with another. The same search
    // chunk asks for an email shared by 1,000 widget visitors, so Bob's second customer is on page 11.
    const customers = [
      { name: 'Widget Bob', email: 'bob@example.com' },
      ...Array.from({ length: 1_000 }, (_, i) => ({ name: `Visitor ${i}`, email: 'shared@example.com' })),
      { userId: 'bob-elsewhere', name: 'Bob', email: 'bob@example.com' },
    ];
    const { sandbox, client } = await start({ customers });
    const runner = testRunner();
    const firstPage = await runner.run('lookup', () => client.listCustomers({ offset: 0, limit: 100 }), { idempotent: true });
    const rows = [row(2, 'u-bob', 'bob@example.com'), row(3, 'u-shared', 'shared@example.com')];
    const plan = await prepareWrites({ api: client, sender: runner, rows, firstPage, adoptByEmail: true });

    const bob = plan.rows.find((entry) => entry.row.contact.userId === 'u-bob');
    expect(bob?.plan).toMatchObject({ action: 'refuse', code: AdoptCode.otherUserId });
    expect(plan.rows.find((entry) => entry.row.contact.userId === 'u-shared')?.plan).toMatchObject({ action: 'refuse' });
    expect(sandbox.customers().filter((customer) => customer.userId === 'u-bob')).toEqual([]);
  });
});
