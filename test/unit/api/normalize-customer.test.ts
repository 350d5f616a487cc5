import { describe, expect, it } from 'vitest';
import { WIRE_FIELDS, wireFieldsOf } from '../../../src/api/customer-api.js';
import { normalizeCustomer, readCustomData } from '../../../src/api/normalize-customer.js';

describe('normalizeCustomer', () => {
  it('reads every text and boolean field of the wire shape, and only those', () => {
    const texts = wireFieldsOf('text');
    const booleans = wireFieldsOf('boolean');
    expect([...texts, ...booleans, 'tags', 'customData'].sort()).toEqual(Object.keys(WIRE_FIELDS).sort());
    const raw = Object.fromEntries([['id', 1], ...texts.map((key) => [key, `${key}!`]), ...booleans.map((key) => [key, true])]);
    expect(normalizeCustomer(raw)?.fields).toEqual(
      Object.fromEntries([...texts.map((key) => [key, `${key}!`]), ...booleans.map((key) => [key, true])]),
    );
  });

  it('keeps writable fields, drops read-only ones, stringifies dates and keeps nulls', () => {
    const raw = {
      id: 17,
      userId: ' u-007 ',
      name: 'Ada',
      email: null,
      phone: '+44 1',
      firstSeen: 1_700_000_000,
      lastSeen: '1700000500',
      unsubscribed: false,
      blocked: 1,
      tags: [{ name: 'vip', color: '#f00' }, { name: 'new' }],
      customData: { plan: 'pro', seats: 3, trial: false },
      location: { city: 'Kyiv' },
      device: { browser: 'x' },
      createdAt: '2024-01-01',
      status: 'online',
    };
    expect(normalizeCustomer(raw)).toEqual({
      id: 17,
      fields: {
        userId: ' u-007 ',
        name: 'Ada',
        email: null,
        phone: '+44 1',
        firstSeen: '1700000000',
        lastSeen: '1700000500',
        unsubscribed: false,
        blocked: true,
        tags: [{ name: 'vip', color: '#f00' }, { name: 'new' }],
        customData: [
          { property: 'plan', value: 'pro' },
          { property: 'seats', value: 3 },
          { property: 'trial', value: false },
        ],
      },
    });
  });

  it('accepts a numeric-string id and rejects a customer with none', () => {
    expect(normalizeCustomer({ id: '42', name: 'x' })?.id).toBe(42);
    expect(normalizeCustomer({ name: 'x' })).toBeUndefined();
    expect(normalizeCustomer({ id: 'abc' })).toBeUndefined();
    expect(normalizeCustomer('nope')).toBeUndefined();
  });

  it('keeps fields it cannot read verbatim, apart from the read-only ones', () => {
    const raw = { id: 3, name: 'A', phone: { raw: '+1' }, loyalty: { tier: 2 }, tags: 'vip', location: { x: 1 }, createdAt: '1' };
    expect(normalizeCustomer(raw)).toEqual({
      id: 3,
      fields: { name: 'A' },
      unknown: { phone: { raw: '+1' }, loyalty: { tier: 2 }, tags: 'vip' },
    });
  });

  it('keeps null tags and customData as null, and reads plain-string tags', () => {
    expect(normalizeCustomer({ id: 1, tags: null, customData: null })?.fields).toEqual({ tags: null, customData: null });
    expect(normalizeCustomer({ id: 1, tags: ['a', { name: 'b', color: '#fff' }] })?.fields.tags).toEqual([
      { name: 'a' },
      { name: 'b', color: '#fff' },
    ]);
  });

  it('keeps a list holding one item it cannot read whole and verbatim, so an update sends every item back', () => {
    // Reading the rest and dropping the odd item would leave it out of the replacing update: erased.
    const tags = ['a', 7, { color: 'x' }];
    const customData = [
      { property: 'plan', value: 'pro' },
      { key: 'seats', value: 3 },
    ];
    expect(normalizeCustomer({ id: 1, name: 'A', tags, customData })).toEqual({
      id: 1,
      fields: { name: 'A' },
      unknown: { tags, customData },
    });
  });
});

describe('readCustomData', () => {
  it('turns the object form into the array form, in key order', () => {
    expect(readCustomData({ b: 1, a: 'x' })).toEqual([
      { property: 'b', value: 1 },
      { property: 'a', value: 'x' },
    ]);
  });

  it('keeps the array form; a list with an item without a property cannot be read (it stays verbatim)', () => {
    expect(
      readCustomData([
        { property: 'a', value: true },
        { property: 'b', value: { deep: 1 } },
      ]),
    ).toEqual([
      { property: 'a', value: true },
      { property: 'b', value: { deep: 1 } },
    ]);
    expect(readCustomData([{ property: 'a', value: true }, { value: 1 }])).toBeUndefined();
    expect(readCustomData([{ property: 'a', value: true }, null])).toBeUndefined();
  });

  it('keeps values it does not understand verbatim, so a replacing update sends them back', () => {
    expect(readCustomData({ a: null, b: [1], c: { d: 1 }, e: 'ok' })).toEqual([
      { property: 'a', value: null },
      { property: 'b', value: [1] },
      { property: 'c', value: { d: 1 } },
      { property: 'e', value: 'ok' },
    ]);
  });

  it('answers undefined for a shape it does not know', () => {
    expect(readCustomData('plan=pro')).toBeUndefined();
  });
});
