import { describe, expect, it } from 'vitest';
import type { CustomerFields, StoredCustomer } from '../../../src/api/customer-api.js';
import { planUndoStep } from '../../../src/undo/plan-undo.js';
import type { TouchedCustomer, TouchedRecords } from '../../../src/undo/read-run-journal.js';
import { holdsRecord } from '../../../src/undo/same-record.js';

const before: CustomerFields = {
  userId: 'u-1',
  name: 'Old',
  tags: [{ name: 'vip', color: '#f00' }],
  customData: [{ property: 'plan', value: 'pro' }],
};
const sent: CustomerFields = { ...before, name: 'New' };
const sentAt = { offset: 100, length: 50 };
const beforeAt = { offset: 10, length: 60 };
const updated: TouchedCustomer = { line: 2, userId: 'u-1', change: 'updated', id: 7, sentAt, beforeAt, confirmed: true };
const created: TouchedCustomer = { line: 3, userId: 'u-9', change: 'created', id: 8, sentAt, confirmed: true };
/** What the journal's images of each hold. */
const records = new Map<TouchedCustomer, TouchedRecords>([
  [updated, { sent, before }],
  [created, { sent: { userId: 'u-9', name: 'N' } }],
]);
const createdSent = records.get(created)?.sent as CustomerFields;
const stored = (id: number, fields: CustomerFields): StoredCustomer => ({ id, fields });
const plan = (customer: TouchedCustomer, current: StoredCustomer | undefined, force: boolean, recorded = records.get(customer)) =>
  planUndoStep(customer, recorded as TouchedRecords, current, force);

describe('holdsRecord', () => {
  it('compares every writable field by kind: tag colours and order, numbers as text, unset flags as false do not count', () => {
    const record: CustomerFields = { userId: 'u', phone: '42', tags: [{ name: 'a' }, { name: 'b' }] };
    expect(
      holdsRecord(
        { userId: 'u', phone: 42 as unknown as string, tags: [{ name: 'b', color: '#000' }, { name: 'a' }], blocked: false },
        record,
      ),
    ).toBe(true);
  });

  it('counts a field the record leaves out as a change when the stored one holds a value (replace semantics)', () => {
    expect(holdsRecord({ userId: 'u', notes: 'typed by an agent' }, { userId: 'u' })).toBe(false);
    expect(holdsRecord({ userId: 'u', customData: [{ property: 'x', value: 1 }] }, { userId: 'u' })).toBe(false);
    expect(holdsRecord({ userId: 'u', tags: [{ name: 'new' }] }, { userId: 'u' })).toBe(false);
  });
});

describe('planUndoStep', () => {
  it('restores an updated customer that still holds what the run sent, and finds one already restored', () => {
    expect(plan(updated, stored(7, sent), false)).toMatchObject({ action: 'restore', id: 7 });
    expect(plan(updated, stored(7, before), false).action).toBe('already_undone');
  });

  it('keeps a customer changed since the run; --force restores it', () => {
    const changed = stored(7, { ...sent, phone: '+1 555' });
    expect(plan(updated, changed, false)).toMatchObject({ action: 'keep', reason: 'changed since the run' });
    expect(plan(updated, changed, true)).toMatchObject({ action: 'restore', id: 7 });
  });

  it('deletes a created customer still as created, never when it changed, even with --force', () => {
    expect(plan(created, stored(8, createdSent), false)).toMatchObject({ action: 'delete', id: 8 });
    expect(plan(created, stored(8, { ...createdSent, name: 'Agent' }), true).action).toBe('keep');
  });

  it('keeps of a customer only what its write and report need: where its before-image is for a restore, no record', () => {
    // A million-customer undo holds every step until it ends; the records the run sent were most of its memory.
    expect(plan(updated, stored(7, sent), false).customer).toEqual({ line: 2, userId: 'u-1', beforeAt });
    expect(plan(updated, stored(7, { ...sent, phone: '1' }), false).customer).toEqual({ line: 2, userId: 'u-1' });
    expect(plan(created, stored(8, createdSent), false).customer).toEqual({ line: 3, userId: 'u-9' });
  });

  it('treats a customer gone, or another id under the user_id, as not the run’s customer', () => {
    expect(plan(created, undefined, false).action).toBe('already_undone');
    expect(plan(created, stored(99, createdSent), false).action).toBe('already_undone');
    expect(plan(updated, undefined, true).action).toBe('keep');
    expect(plan({ ...created, id: undefined, confirmed: false }, stored(12, createdSent), false, records.get(created))).toMatchObject({
      action: 'delete',
      id: 12,
    });
  });
});
