import { describe, expect, it } from 'vitest';
import type { StoredCustomer } from '../../../src/api/customer-api.js';
import type { Contact } from '../../../src/model.js';
import { chooseLookup, planRow, requestBudget, UNREADABLE_STORED } from '../../../src/upsert/plan-upserts.js';

const contact = (extra: Partial<Contact> = {}): Contact => ({ userId: 'u-1', name: 'Ann', email: 'ann@example.com', ...extra });

/** A customer holding a value in every writable field, as a naive full-replace would wipe them. */
const richCustomer = (): StoredCustomer => ({
  id: 42,
  fields: {
    userId: 'u-1',
    name: 'Ann',
    email: 'ann@example.com',
    phone: '+1 555 0100',
    company: 'Acme',
    firstSeen: '1700000000',
    lastSeen: '1700000100',
    unsubscribed: true,
    blocked: false,
    source: 'web',
    referer: 'https://example.com/',
    lastPage: '/pricing',
    locale: 'en',
    notes: 'VIP, call before noon',
    tags: [{ name: 'vip', color: '#ff0000' }, { name: 'beta' }],
    customData: [
      { property: 'plan', value: 'pro' },
      { property: 'seats', value: 5 },
      { property: 'trial', value: false },
    ],
  },
});

describe('planRow without a stored customer', () => {
  it('creates with only the fields the row holds a value for', () => {
    expect(planRow(contact({ phone: null, company: undefined }))).toEqual({
      action: 'create',
      changes: expect.any(Array),
      fields: { userId: 'u-1', name: 'Ann', email: 'ann@example.com' },
    });
  });

  it('never sends a null field on create', () => {
    const plan = planRow(contact({ phone: null, company: null }));
    expect(plan.action).toBe('create');
    if (plan.action !== 'create') return;
    expect(Object.keys(plan.fields).sort()).toEqual(['email', 'name', 'userId']);
    expect(Object.values(plan.fields)).not.toContain(null);
  });

  it('sends phone and company when the row has them, byte for byte', () => {
    const plan = planRow(contact({ userId: ' 007 ', phone: '0049 (30) 1', company: 'Ünïcode GmbH' }));
    expect(plan).toEqual({
      action: 'create',
      changes: expect.any(Array),
      fields: { userId: ' 007 ', name: 'Ann', email: 'ann@example.com', phone: '0049 (30) 1', company: 'Ünïcode GmbH' },
    });
  });
});

describe('planRow with a stored customer', () => {
  it('carries every stored field the row does not mention into the update', () => {
    const stored = richCustomer();
    const plan = planRow(contact({ name: 'Ann Lee' }), stored);
    expect(plan).toEqual({
      action: 'update',
      id: 42,
      changes: expect.any(Array),
      fields: { ...stored.fields, name: 'Ann Lee' },
      before: stored.fields,
    });
  });

  it('keeps tags and customData whole, not just the properties the row touches', () => {
    const plan = planRow(contact({ email: 'ann@new.example' }), richCustomer());
    if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
    expect(plan.fields.tags).toEqual([{ name: 'vip', color: '#ff0000' }, { name: 'beta' }]);
    expect(plan.fields.customData).toHaveLength(3);
    expect(plan.fields.notes).toBe('VIP, call before noon');
  });

  it('keeps the stored phone and company when the row leaves them undefined', () => {
    const plan = planRow(contact({ name: 'Changed' }), richCustomer());
    if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
    expect(plan.fields.phone).toBe('+1 555 0100');
    expect(plan.fields.company).toBe('Acme');
  });

  it('clears a field the row sets to null, with an explicit null, and keeps the rest', () => {
    const plan = planRow(contact({ phone: null }), richCustomer());
    if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
    expect(plan.fields).toHaveProperty('phone', null);
    expect(plan.fields.company).toBe('Acme');
    expect(plan.fields.tags).toHaveLength(2);
  });

  it('applies the row value over the stored one', () => {
    const plan = planRow(contact({ company: 'Globex' }), richCustomer());
    if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
    expect(plan.fields.company).toBe('Globex');
  });

  it('does not copy stored fields that are empty or not writable', () => {
    const stored: StoredCustomer = {
      id: 7,
      fields: { userId: 'u-1', name: 'Old', email: 'ann@example.com', phone: null, ...{ location: { city: 'X' } } },
    };
    const plan = planRow(contact(), stored);
    const before = { userId: 'u-1', name: 'Old', email: 'ann@example.com' };
    expect(plan).toEqual({
      action: 'update',
      id: 7,
      changes: expect.any(Array),
      fields: { userId: 'u-1', name: 'Ann', email: 'ann@example.com' },
      before,
    });
  });

  it('gives the plan its own copies of tags and customData', () => {
    const stored = richCustomer();
    const plan = planRow(contact({ name: 'X' }), stored);
    if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
    plan.fields.tags?.push({ name: 'mutated' });
    expect(stored.fields.tags).toHaveLength(2);
  });

  it('needs no request when every field the row carries equals the stored value', () => {
    expect(planRow(contact({ phone: '+1 555 0100' }), richCustomer())).toEqual({ action: 'unchanged', id: 42 });
  });

  it('is unchanged when the row omits fields, whatever the stored customer holds there', () => {
    expect(planRow(contact(), richCustomer())).toEqual({ action: 'unchanged', id: 42 });
  });

  it('compares exactly: case and whitespace differences need an update', () => {
    expect(planRow(contact({ email: 'Ann@example.com' }), richCustomer()).action).toBe('update');
    expect(planRow(contact({ name: 'Ann ' }), richCustomer()).action).toBe('update');
    expect(planRow(contact({ company: 'acme' }), richCustomer()).action).toBe('update');
  });

  it('treats a null in the row as equal to a field already empty', () => {
    const empty: StoredCustomer = { id: 1, fields: { userId: 'u-1', name: 'Ann', email: 'ann@example.com', company: '' } };
    expect(planRow(contact({ phone: null, company: null }), empty)).toEqual({ action: 'unchanged', id: 1 });
    const withNull: StoredCustomer = { id: 1, fields: { ...empty.fields, phone: null } };
    expect(planRow(contact({ phone: null }), withNull)).toEqual({ action: 'unchanged', id: 1 });
  });

  it('updates when the row clears a field that holds a value', () => {
    expect(planRow(contact({ company: null }), richCustomer()).action).toBe('update');
  });
});

describe('planRow with tags and customData on the contact', () => {
  it('is unchanged when the contact has none, whatever the customer holds there', () => {
    expect(planRow(contact({ tags: undefined, customData: undefined }), richCustomer())).toEqual({ action: 'unchanged', id: 42 });
  });

  it('is unchanged for the same custom data as a map in another order, numbers and their text alike', () => {
    expect(planRow(contact({ customData: { trial: false, seats: '5', plan: 'pro' } }), richCustomer())).toEqual({
      action: 'unchanged',
      id: 42,
    });
    const fields = { userId: 'u-1', name: 'Ann', email: 'ann@example.com', customData: [{ property: 'code', value: '42' }] };
    const stored: StoredCustomer = { id: 3, fields };
    expect(planRow(contact({ customData: { code: 42 } }), stored)).toEqual({ action: 'unchanged', id: 3 });
  });

  it('is unchanged for the same tags in another order', () => {
    expect(planRow(contact({ tags: ['beta', 'vip'] }), richCustomer())).toEqual({ action: 'unchanged', id: 42 });
  });

  it('merges custom data per property, keeping the stored properties the contact lacks', () => {
    const plan = planRow(contact({ customData: { seats: 6, region: 'eu' } }), richCustomer());
    if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
    expect(plan.fields.customData).toEqual([
      { property: 'plan', value: 'pro' },
      { property: 'seats', value: 6 },
      { property: 'trial', value: false },
      { property: 'region', value: 'eu' },
    ]);
    expect(plan.fields.tags).toEqual(richCustomer().fields.tags);
  });

  it("sends the row's tag set, keeping the colour of a tag it keeps", () => {
    const plan = planRow(contact({ tags: ['vip', 'new'] }), richCustomer());
    if (plan.action !== 'update') throw new Error(`expected update, got ${plan.action}`);
    expect(plan.fields.tags).toEqual([{ name: 'vip', color: '#ff0000' }, { name: 'new' }]);
    expect(plan.fields.customData).toHaveLength(3);
  });

  it('creates with tags and custom data in the write shape, nulls left out', () => {
    expect(planRow(contact({ tags: ['vip'], customData: { plan: 'pro', gone: null } }))).toEqual({
      action: 'create',
      changes: expect.any(Array),
      fields: {
        ...{ userId: 'u-1', name: 'Ann', email: 'ann@example.com' },
        tags: [{ name: 'vip' }],
        customData: [{ property: 'plan', value: 'pro' }],
      },
    });
  });
});

describe('requestBudget', () => {
  it('is two for nothing to do', () => {
    expect(requestBudget({ total: 0, valid: 0, created: 0, updated: 0 })).toBe(2);
  });

  it('counts the cheaper lookup at the page and chunk boundaries', () => {
    expect(requestBudget({ total: 100, valid: 10, created: 0, updated: 0 })).toBe(3);
    expect(requestBudget({ total: 101, valid: 10, created: 0, updated: 0 })).toBe(3);
    expect(requestBudget({ total: 101, valid: 11, created: 0, updated: 0 })).toBe(4);
    expect(requestBudget({ total: 3000, valid: 20, created: 0, updated: 0 })).toBe(4);
    expect(requestBudget({ total: 250, valid: 5000, created: 0, updated: 0 })).toBe(5);
  });

  it('adds one per create and one per ten updates', () => {
    expect(requestBudget({ total: 0, valid: 7, created: 7, updated: 0 })).toBe(2 + 0 + 7);
    expect(requestBudget({ total: 50, valid: 20, created: 0, updated: 10 })).toBe(2 + 1 + 1);
    expect(requestBudget({ total: 50, valid: 21, created: 0, updated: 11 })).toBe(2 + 1 + 2);
  });
});

describe('chooseLookup', () => {
  it('lists when page 0 already holds the whole account', () => {
    expect(chooseLookup({ total: 100, wanted: 1 })).toBe('list');
    expect(chooseLookup({ total: 0, wanted: 5000 })).toBe('list');
  });

  it('searches only when that takes fewer requests than the remaining pages', () => {
    expect(chooseLookup({ total: 200, wanted: 10 })).toBe('list'); // 1 page vs 1 search: tie
    expect(chooseLookup({ total: 201, wanted: 10 })).toBe('search'); // 2 pages vs 1 search
    expect(chooseLookup({ total: 201, wanted: 20 })).toBe('list'); // 2 vs 2
    expect(chooseLookup({ total: 201, wanted: 11 })).toBe('list'); // 2 vs 2
    expect(chooseLookup({ total: 3000, wanted: 20 })).toBe('search');
    expect(chooseLookup({ total: 300, wanted: 5000 })).toBe('list');
  });

  it('counts pages at the size the server actually returned', () => {
    expect(chooseLookup({ total: 50, wanted: 10 })).toBe('list');
    expect(chooseLookup({ total: 50, wanted: 10, pageSize: 7 })).toBe('search');
  });

  it('counts searches at the filter width in use', () => {
    expect(chooseLookup({ total: 300, wanted: 10, searchFilters: 3 })).toBe('list'); // 2 pages vs 4 searches
    expect(chooseLookup({ total: 300, wanted: 10 })).toBe('search');
  });

  it("never lists an account that would take over a year at the run's pace (120/min when unpaced)", () => {
    // 1e10 pages against 1e10 searches would be a tie (list); at 120/min that listing takes 158 years.
    expect(chooseLookup({ total: 1e12, wanted: 1e11 })).toBe('search');
    expect(chooseLookup({ total: 1e12, wanted: 1e11, ratePerMinute: Infinity })).toBe('search');
    // 120/min for a year is 63,072,000 requests: 64e6 pages is past it, but not at 240/min.
    expect(chooseLookup({ total: 6.4e9, wanted: 1e9, ratePerMinute: 120 })).toBe('search');
    expect(chooseLookup({ total: 6.4e9, wanted: 1e9, ratePerMinute: 240 })).toBe('list');
    expect(chooseLookup({ total: 6.3e9, wanted: 1e9 })).toBe('list');
  });
});

describe('planRow with tags added and values it cannot read', () => {
  const stored: StoredCustomer = {
    id: 7,
    fields: { userId: 'u-1', name: 'Ann', email: 'ann@example.com', tags: [{ name: 'vip', color: '#f00' }] },
    unknown: { loyalty: { tier: 2 } },
  };

  it('is unchanged when every added tag is stored, and adds the others after the stored ones', () => {
    expect(planRow(contact({ tags: { add: ['vip'] } }), stored)).toEqual({ action: 'unchanged', id: 7 });
    const plan = planRow(contact({ tags: { add: ['new'] } }), stored);
    expect(plan).toMatchObject({ action: 'update', fields: { tags: [{ name: 'vip', color: '#f00' }, { name: 'new' }] } });
  });

  it('sends a stored value it cannot read back verbatim in the replacing record', () => {
    const plan = planRow(contact({ name: 'Ann B' }), stored);
    expect(plan).toMatchObject({ action: 'update', fields: { name: 'Ann B', loyalty: { tier: 2 } } });
  });

  it('refuses to merge tags it adds or attributes it sets into stored ones it cannot read, and sends them back otherwise', () => {
    const odd: StoredCustomer = {
      id: 8,
      fields: { userId: 'u-1', name: 'Ann', email: 'ann@example.com' },
      unknown: { tags: ['vip', 7], customData: [{ key: 'seats', value: 3 }] },
    };
    // Merging needs the stored items; without them the update would erase them.
    expect(planRow(contact({ tags: { add: ['new'] } }), odd)).toMatchObject({ action: 'refuse', code: UNREADABLE_STORED });
    expect(planRow(contact({ customData: { plan: 'pro' } }), odd)).toMatchObject({
      action: 'refuse',
      code: UNREADABLE_STORED,
      message: expect.stringContaining('customer 8 holds customData'),
    });
    // A change elsewhere sends them back as they came; a full tag list replaces the stored one, as always.
    expect(planRow(contact({ name: 'Ann B' }), odd)).toMatchObject({
      action: 'update',
      fields: { name: 'Ann B', tags: ['vip', 7], customData: [{ key: 'seats', value: 3 }] },
    });
    expect(planRow(contact({ tags: ['only'] }), odd)).toMatchObject({ action: 'update', fields: { tags: [{ name: 'only' }] } });
  });

  it('creates with the added tags as the list', () => {
    const plan = planRow(contact({ tags: { add: ['a', 'b'] }, customData: { plan: 'pro', gone: null } }));
    // changes.csv shows the tags the create sets, not the add instruction.
    expect(plan.action === 'create' && plan.changes.find((change) => change.field === 'tags')).toEqual({
      field: 'tags',
      before: '',
      after: 'a;b',
    });
    expect(plan).toEqual({
      action: 'create',
      changes: expect.any(Array),
      fields: {
        userId: 'u-1',
        name: 'Ann',
        email: 'ann@example.com',
        tags: [{ name: 'a' }, { name: 'b' }],
        customData: [{ property: 'plan', value: 'pro' }],
      },
    });
  });
});
