import { describe, expect, it } from 'vitest';
import type { StoredSandboxCustomer } from '../../../src/sandbox/start-sandbox.js';
import { call, codes, entryWith, useSandboxes } from './sandbox-http.js';

const start = useSandboxes();

const seed = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    userId: `u-${index + 1}`,
    name: `Name ${index + 1}`,
    phone: `+1 555 ${index + 1}`,
    customData: [
      { property: 'plan', value: 'pro' },
      { property: 'seats', value: index + 1 },
    ],
  }));

describe('PUT /customers/batch', () => {
  it('replaces each item: a field left out (phone) is cleared, and answers the customers', async () => {
    const sandbox = await start({ customers: seed(2) });
    const answer = await call<{ data: StoredSandboxCustomer[] }>(sandbox, 'PUT', '/customers/batch', [
      { customer: 1, userId: 'u-1', name: 'New 1' },
      { customer: 2, userId: 'u-2', name: 'New 2', phone: '+1 555 0' },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((customer) => [customer.id, customer.name, customer.phone])).toEqual([
      [1, 'New 1', null],
      [2, 'New 2', '+1 555 0'],
    ]);
    expect(sandbox.customers().map((customer) => customer.phone)).toEqual([null, '+1 555 0']);
  });

  it('replaces customData whole: a partial list wipes the other properties', async () => {
    const sandbox = await start({ customers: seed(1) });
    await call(sandbox, 'PUT', '/customers/batch', [{ customer: 1, userId: 'u-1', customData: [{ property: 'plan', value: 'team' }] }]);
    expect(sandbox.customers()[0]?.customData).toEqual({ plan: 'team' });
  });

  it.each([0, 11])('refuses %i items with 400 invalid_batch_size and changes nothing', async (count) => {
    const sandbox = await start({ customers: seed(11) });
    const before = sandbox.customers();
    const items = before.slice(0, count).map((customer) => ({ customer: customer.id, name: 'changed' }));
    const answer = await call(sandbox, 'PUT', '/customers/batch', items);
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_batch_size']);
    expect(sandbox.customers()).toEqual(before);
  });

  it('batchAnswer \'ok\' answers the bare string "Ok" and still applies the items', async () => {
    const sandbox = await start({ customers: seed(2), batchAnswer: 'ok' });
    const answer = await call(sandbox, 'PUT', '/customers/batch', [{ customer: 2, userId: 'u-2', name: 'New 2' }]);
    expect(answer).toMatchObject({ status: 200, body: 'Ok' });
    expect(sandbox.customers().map((customer) => customer.name)).toEqual(['Name 1', 'New 2']);
  });

  it.each([
    ['a value the API refuses', { name: 'n'.repeat(256) }],
    ['an unknown id', { customer: 99 }],
  ])("batchFailure 'partial': the items before the bad one (%s) stay applied, the rest do not", async (_what, bad) => {
    const sandbox = await start({ customers: seed(4), batchFailure: 'partial' });
    const items = [1, 2, 3, 4].map((id) => ({ customer: id, userId: `u-${id}`, name: `New ${id}`, ...(id === 3 ? bad : {}) }));
    const answer = await call(sandbox, 'PUT', '/customers/batch', items);
    expect(answer.status).toBe(400);
    expect((answer.body as { errors: Array<{ item?: number }> }).errors.find((entry) => entry.item !== undefined)?.item).toBe(2);
    expect(sandbox.customers().map((customer) => customer.name)).toEqual(['New 1', 'New 2', 'Name 3', 'Name 4']);
  });

  it('accepts exactly 10 items', async () => {
    const sandbox = await start({ customers: seed(10) });
    const items = sandbox.customers().map((customer) => ({ customer: customer.id, name: 'changed' }));
    expect((await call(sandbox, 'PUT', '/customers/batch', items)).status).toBe(200);
    expect(new Set(sandbox.customers().map((customer) => customer.name))).toEqual(new Set(['changed']));
  });

  it.each([
    ['a value over 255 characters', { name: 'n'.repeat(256) }, 'invalid_name_value'],
    ['an invalid email', { email: 'not-an-address' }, 'invalid_email_value'],
    ['an unknown id', { customer: 99 }, 'invalid_customer_value'],
    ['no customer id', { customer: undefined }, 'invalid_customer_value'],
    ['a customer id as a string', { customer: '3' }, 'invalid_customer_value'],
    ['a userId another customer has', { userId: 'u-1' }, 'invalid_userId_value'],
    ['an unknown field', { nickname: 'x' }, 'unknown_field'],
  ])('fails the whole batch on one item with %s, names the item, and applies none', async (_label, bad, code) => {
    const sandbox = await start({ customers: seed(5) });
    const before = sandbox.customers();
    const items: Record<string, unknown>[] = [2, 3, 4, 5].map((id) => ({ customer: id, userId: `u-${id}`, name: 'changed' }));
    items[2] = { ...items[2], ...bad };
    const answer = await call(sandbox, 'PUT', '/customers/batch', items);
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['invalid_request', code]);
    const specific = entryWith(answer, code);
    expect(specific.item).toBe(2);
    expect(specific.message).toMatch(/^item 2: /);
    expect(sandbox.customers()).toEqual(before);
  });

  it('refuses the same customer twice in one batch', async () => {
    const sandbox = await start({ customers: seed(2) });
    const answer = await call(sandbox, 'PUT', '/customers/batch', [{ customer: 1 }, { customer: 1 }]);
    expect(entryWith(answer, 'invalid_customer_value').item).toBe(1);
  });

  it('refuses two items claiming one new userId', async () => {
    const sandbox = await start({ customers: seed(2) });
    const answer = await call(sandbox, 'PUT', '/customers/batch', [
      { customer: 1, userId: 'same' },
      { customer: 2, userId: 'same' },
    ]);
    expect(entryWith(answer, 'invalid_userId_value').item).toBe(1);
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['u-1', 'u-2']);
  });

  it('lets a later item take a userId an earlier item gave up', async () => {
    const sandbox = await start({ customers: seed(2) });
    const answer = await call(sandbox, 'PUT', '/customers/batch', [
      { customer: 1, userId: 'moved' },
      { customer: 2, userId: 'u-1' },
    ]);
    expect(answer.status).toBe(200);
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['moved', 'u-1']);
  });

  it.each([
    ['an object', { customer: 1 }],
    ['a string', 'nope'],
  ])('refuses a body that is %s instead of a bare array', async (_label, body) => {
    const sandbox = await start({ customers: seed(1) });
    const answer = await call(sandbox, 'PUT', '/customers/batch', body);
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_batch_size']);
  });

  it('refuses an item that is not an object, naming it', async () => {
    const sandbox = await start({ customers: seed(1) });
    const answer = await call(sandbox, 'PUT', '/customers/batch', [{ customer: 1 }, 7]);
    expect(entryWith(answer, 'invalid_body').item).toBe(1);
  });
});
