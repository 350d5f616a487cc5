import { describe, expect, it } from 'vitest';
import { fieldChanges, showValue } from '../../../src/upsert/field-changes.js';
import { planRow } from '../../../src/upsert/plan-upserts.js';
import type { Contact } from '../../../src/model.js';

const contact = (extra: Partial<Contact> = {}): Contact => ({ userId: 'u-1', name: 'Ann', email: 'ann@example.com', ...extra });

describe('fieldChanges', () => {
  it('a create lists every field it sets, by canonical name, custom attributes one by one, nulls left out', () => {
    const wanted = { userId: 'u-1', name: 'Ann', phone: null, tags: ['vip', 'beta'], customData: { plan: 'pro', gone: null } };
    expect(fieldChanges(wanted)).toEqual([
      { field: 'user_id', before: '', after: 'u-1' },
      { field: 'name', before: '', after: 'Ann' },
      { field: 'tags', before: '', after: 'vip;beta' },
      { field: 'customData.plan', before: '', after: 'pro' },
    ]);
  });

  it('an update lists only what the compare kinds call different', () => {
    const stored = {
      name: 'Ann',
      phone: '+1',
      tags: [{ name: 'beta', color: '#f00' }, { name: 'vip' }],
      customData: [
        { property: 'plan', value: 'basic' },
        { property: 'seats', value: 5 },
        { property: 'old', value: 'x' },
      ],
    };
    const wanted = { name: 'Ann', phone: null, tags: ['vip', 'beta'], customData: { plan: 'pro', seats: '5', old: null } };
    expect(fieldChanges(wanted, stored)).toEqual([
      { field: 'phone', before: '+1', after: '' },
      { field: 'customData.plan', before: 'basic', after: 'pro' },
      { field: 'customData.old', before: 'x', after: '' },
    ]);
  });

  it('a null custom data map clears each stored attribute', () => {
    expect(fieldChanges({ customData: null }, { customData: [{ property: 'plan', value: 'pro' }] })).toEqual([
      { field: 'customData.plan', before: 'pro', after: '' },
    ]);
  });

  it('shows values as one cell', () => {
    expect([showValue(null), showValue(42), showValue(false), showValue([{ name: 'a' }, 'b'])]).toEqual(['', '42', 'false', 'a;b']);
  });
});

describe('planRow carries its changes', () => {
  it('unchanged rows have none; an update has exactly the fields that differ', () => {
    const stored = { id: 4, fields: { userId: 'u-1', name: 'Ann', email: 'old@example.com', company: 'Acme' } };
    expect(planRow(contact({ email: 'old@example.com' }), stored)).toEqual({ action: 'unchanged', id: 4 });
    const plan = planRow(contact({ company: 'Globex' }), stored);
    expect(plan.action === 'update' && plan.changes).toEqual([
      { field: 'email', before: 'old@example.com', after: 'ann@example.com' },
      { field: 'company', before: 'Acme', after: 'Globex' },
    ]);
  });
});
