import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { call, codes, entryWith, useSandboxes, type PageBody } from './sandbox-http.js';

const start = useSandboxes();

const people = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    userId: `u-${index + 1}`,
    name: `Person ${index + 1}`,
    email: index % 2 === 0 ? `p${index + 1}@Example.com` : null,
  }));

const userIds = (page: PageBody) => page.data.map((customer) => customer.userId);
const search = (sandbox: Sandbox, body: unknown) => call<PageBody>(sandbox, 'POST', '/customers/search', body);
const byUserId = (value: string) => ({ field: 'customers.userId', operator: '=', value });

describe('GET /customers', () => {
  it('answers {data, total} ordered by id, with limit 100 by default', async () => {
    const sandbox = await start({ customers: people(120), maxPageSize: 500 });
    const answer = await call<PageBody>(sandbox, 'GET', '/customers');
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(120);
    expect(answer.body.data).toHaveLength(100);
    expect(answer.body.data.map((customer) => customer.id)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
  });

  it('returns fewer than asked when maxPageSize is smaller, and offset paging by items received finds all', async () => {
    const sandbox = await start({ customers: people(7), maxPageSize: 3 });
    const first = await call<PageBody>(sandbox, 'GET', '/customers?offset=0&limit=100');
    expect(first.body.data).toHaveLength(3);
    expect(first.body.total).toBe(7);
    const seen: string[] = [];
    for (let offset = 0; offset < 7; ) {
      const page = await call<PageBody>(sandbox, 'GET', `/customers?offset=${offset}&limit=100`);
      seen.push(...(userIds(page.body) as string[]));
      offset += page.body.data.length;
    }
    expect(seen).toEqual(people(7).map((person) => person.userId));
  });

  it('answers an empty page past the end, with the total', async () => {
    const sandbox = await start({ customers: people(2) });
    const answer = await call<PageBody>(sandbox, 'GET', '/customers?offset=5');
    expect(answer.body).toEqual({ data: [], total: 2 });
  });

  it.each([
    ['limit=0', 'invalid_limit'],
    ['limit=ten', 'invalid_limit'],
    ['offset=-1', 'invalid_offset'],
  ])('refuses %s with 400', async (query, code) => {
    const sandbox = await start();
    expect(codes(await call(sandbox, 'GET', `/customers?${query}`))).toEqual(['invalid_request', code]);
  });
});

describe('POST /customers/search', () => {
  it('finds several userIds with OR, ordered by id, ignoring the ones that do not exist', async () => {
    const sandbox = await start({ customers: people(6) });
    const answer = await search(sandbox, {
      filter: ['u-5', 'u-2', 'missing', 'u-4'].map(byUserId),
      comparison: 'OR',
      limit: 10,
      offset: 0,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(3);
    expect(userIds(answer.body)).toEqual(['u-2', 'u-4', 'u-5']);
  });

  it('matches userId exactly: no prefix, no case folding', async () => {
    const sandbox = await start({ customers: [{ userId: 'Abc' }, { userId: 'Abcd' }] });
    const answer = await search(sandbox, { filter: [byUserId('Abc'), byUserId('abc')], comparison: 'OR' });
    expect(userIds(answer.body)).toEqual(['Abc']);
  });

  it("keyCase 'insensitive': = folds case on userId and email (not on name); a userId differing only in case is taken", async () => {
    const sandbox = await start({
      keyCase: 'insensitive',
      customers: [{ userId: 'Abc', email: 'Bob@Example.com', name: 'Bob' }, { userId: 'Abcd' }],
    });
    const answer = await search(sandbox, { filter: [byUserId('aBC')], comparison: 'OR' });
    expect(userIds(answer.body)).toEqual(['Abc']);
    const byEmail = await search(sandbox, { filter: [{ field: 'customers.email', operator: '=', value: 'bob@example.com' }] });
    expect(userIds(byEmail.body)).toEqual(['Abc']);
    const byName = await search(sandbox, { filter: [{ field: 'customers.name', operator: '=', value: 'bob' }] });
    expect(userIds(byName.body)).toEqual([]);
    const taken = await call(sandbox, 'POST', '/customers', { userId: 'ABC' });
    expect(taken.status).toBe(400);
    expect(codes(taken)).toContain('invalid_userId_value');
    const moved = await call(sandbox, 'PUT', '/customers/batch', [{ customer: 2, userId: 'abc' }]);
    expect(codes(moved)).toContain('invalid_userId_value');
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['Abc', 'Abcd']);
  });

  it('ANDs filters when asked, and by default', async () => {
    const sandbox = await start({ customers: people(4) });
    const filter = [byUserId('u-1'), { field: 'customers.name', operator: '=', value: 'Person 2' }];
    expect((await search(sandbox, { filter, comparison: 'AND' })).body.total).toBe(0);
    expect((await search(sandbox, { filter })).body.total).toBe(0);
    expect((await search(sandbox, { filter, comparison: 'OR' })).body.total).toBe(2);
  });

  it('"~" matches a substring case-insensitively; "!=" skips empty fields', async () => {
    const sandbox = await start({ customers: people(4) });
    const contains = await search(sandbox, { filter: [{ field: 'customers.email', operator: '~', value: 'EXAMPLE' }] });
    expect(userIds(contains.body)).toEqual(['u-1', 'u-3']);
    const other = await search(sandbox, { filter: [{ field: 'customers.email', operator: '!=', value: 'p1@Example.com' }] });
    expect(userIds(other.body)).toEqual(['u-3']);
  });

  it('finds by customers.id given as a number or as digits', async () => {
    const sandbox = await start({ customers: people(3) });
    const filter = [
      { field: 'customers.id', operator: '=', value: 2 },
      { field: 'customers.id', operator: '=', value: '3' },
    ];
    expect(userIds((await search(sandbox, { filter, comparison: 'OR' })).body)).toEqual(['u-2', 'u-3']);
  });

  it('clamps limit to maxPageSize and pages with offset', async () => {
    const sandbox = await start({ customers: people(5), maxPageSize: 2 });
    const filter = [{ field: 'customers.userId', operator: '~', value: 'u-' }];
    const first = await search(sandbox, { filter, limit: 10, offset: 0 });
    expect(first.body.total).toBe(5);
    expect(userIds(first.body)).toEqual(['u-1', 'u-2']);
    expect(userIds((await search(sandbox, { filter, limit: 10, offset: 4 })).body)).toEqual(['u-5']);
  });

  it('refuses 11 filters with 400 invalid_filter saying the maximum', async () => {
    const sandbox = await start({ customers: people(11) });
    const answer = await search(sandbox, { filter: people(11).map((person) => byUserId(person.userId)), comparison: 'OR' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_filter']);
    expect(entryWith(answer, 'invalid_filter').message).toMatch(/too many filters.*10/i);
  });

  it('takes exactly 10 filters, and honours a lower maxSearchFilters', async () => {
    const sandbox = await start({ customers: people(10), maxSearchFilters: 10 });
    const ten = people(10).map((person) => byUserId(person.userId));
    expect((await search(sandbox, { filter: ten, comparison: 'OR' })).body.total).toBe(10);
    const strict = await start({ customers: people(10), maxSearchFilters: 3 });
    expect(codes(await search(strict, { filter: ten.slice(0, 4), comparison: 'OR' }))).toEqual(['invalid_request', 'invalid_filter']);
  });

  it.each([
    ['an unknown field', { filter: [{ field: 'customers.phone', operator: '=', value: 'x' }] }, 'invalid_filter'],
    ['an unknown operator', { filter: [{ field: 'customers.userId', operator: 'LIKE', value: 'x' }] }, 'invalid_filter'],
    ['a numeric userId value', { filter: [{ field: 'customers.userId', operator: '=', value: 5 }] }, 'invalid_filter'],
    ['no filter', { comparison: 'OR' }, 'invalid_filter'],
    ['an empty filter list', { filter: [] }, 'invalid_filter'],
    ['a lowercase comparison', { filter: [byUserId('u-1')], comparison: 'or' }, 'invalid_comparison'],
    ['a limit as a string', { filter: [byUserId('u-1')], limit: '10' }, 'invalid_limit'],
    ['an unknown key', { filter: [byUserId('u-1')], sort: 'name' }, 'unknown_field'],
  ])('refuses %s with 400', async (_label, body, code) => {
    const sandbox = await start({ customers: people(1) });
    expect(codes(await search(sandbox, body))).toEqual(['invalid_request', code]);
  });
});
