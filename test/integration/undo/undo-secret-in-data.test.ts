/**
 * The journal's images are customer data, not messages: a hashing secret (or the key) that happens to appear
 * in a customer's fields must not be redacted there, or undo would restore `[redacted]` onto the customer
 * (or find it "changed since the run" and keep it).
 */
import { describe, expect, it } from 'vitest';
import { hashUserId, type UserIdHashing } from '../../../src/rows/hash-user-id.js';
import { csvOf, useImportHarness } from '../run-import/harness.js';
import { undo } from './undo-harness.js';

const harness = useImportHarness();

/** A site's salt that is also its domain: it appears in its customers' emails and notes. */
const SECRET = 'shop.example.com';
const hashing: UserIdHashing = { scheme: 'hmac-sha256', secret: SECRET, prefix: '' };

describe('undo of a run whose customers hold the hashing secret in their data', () => {
  it('restores updated customers and deletes created ones exactly, the secret included', async () => {
    const hashed = (id: string): string => hashUserId(hashing, id);
    const sandbox = await harness.sandbox({
      customers: [{ userId: hashed('u-1'), name: 'Old 1', email: `ann@${SECRET}`, notes: `signed up on ${SECRET}` }],
    });
    const before = sandbox.customers();
    const csv = csvOf(
      ['user_id', 'name', 'email'],
      [
        ['u-1', 'New 1', `ann@${SECRET}`],
        ['u-2', 'New 2', `bob@${SECRET}`],
      ],
    );
    const run = await harness.run(sandbox, csv, { config: { hashUserId: hashing } });
    expect(run.summary.counts).toMatchObject({ created: 1, updated: 1 });
    expect(sandbox.customers().find((c) => c.userId === hashed('u-1'))?.notes).toBe(`signed up on ${SECRET}`);

    const result = await undo(sandbox, run.reportDir);

    expect(result.summary).toMatchObject({ counts: { restored: 1, deleted: 1, kept: 0, failed: 0 } });
    expect(sandbox.customers()).toEqual(before);
  });
});
