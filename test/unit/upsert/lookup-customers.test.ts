import { describe, expect, it } from 'vitest';
import type { CustomerFields, Page, StoredCustomer } from '../../../src/api/customer-api.js';
import { findCustomer, lookupCustomers } from '../../../src/upsert/lookup-customers.js';
import { countingSender, FakeCustomerApi } from './fake-customer-api.js';

const seed = (count: number): CustomerFields[] =>
  Array.from({ length: count }, (_, i) => ({ userId: `u-${i}`, name: `N${i}`, email: `n${i}@example.com` }));

/** `count` customers the account never held, ids from `from`, as a server that invents them would answer. */
const invented = (from: number, count: number, userId = (i: number) => `new-${i}`): StoredCustomer[] =>
  Array.from({ length: count }, (_, k) => ({ id: from + k, fields: { userId: userId(from + k) } }));

/** Fails the test, instead of hanging it, when a lookup pages on without end (today's bug). */
function runaway(api: FakeCustomerApi): void {
  if (api.calls.length > 50) throw new Error('runaway: the lookup kept paging');
}

const inconsistent = { code: 'HCI_REMOTE_INCONSISTENT', kind: 'rejected', exitCode: 5 };

async function lookup(api: FakeCustomerApi, userIds: string[], searchFilters?: number, searchWindow?: number) {
  const sender = countingSender();
  const firstPage = await api.listCustomers({ offset: 0, limit: 100 });
  const strategies: string[] = [];
  const found = await lookupCustomers({
    api,
    sender,
    userIds,
    firstPage,
    searchFilters,
    searchWindow,
    onStrategy: (s) => strategies.push(s),
  });
  return { found, sender, strategy: strategies[0] };
}

describe('lookupCustomers', () => {
  it('answers from page 0 alone when it holds the whole account', async () => {
    const { found, sender, strategy } = await lookup(new FakeCustomerApi({ customers: seed(80) }), ['u-3', 'u-79', 'nope']);
    expect([...found.keys()].sort()).toEqual(['u-3', 'u-79']);
    expect(found.get('u-3')?.id).toBe(4);
    expect(sender.counts.lookup).toBe(0);
    expect(strategy).toBe('none');
  });

  it('lists the rest of the account and keeps only wanted customers', async () => {
    const wanted = Array.from({ length: 60 }, (_, i) => `u-${i * 5}`);
    const { found, sender, strategy } = await lookup(new FakeCustomerApi({ customers: seed(300) }), wanted);
    expect(strategy).toBe('list');
    expect(found.size).toBe(60);
    expect(sender.counts.lookup).toBe(2);
  });

  it('stops listing once every wanted userId is found', async () => {
    // 100 left after page 0: 10 searches against 9 more pages, so it lists, and page 2 finds them all.
    const wanted = Array.from({ length: 200 }, (_, i) => `u-${i}`);
    const { found, sender, strategy } = await lookup(new FakeCustomerApi({ customers: seed(1000) }), wanted);
    expect(strategy).toBe('list');
    expect(found.size).toBe(200);
    expect(sender.counts.lookup).toBe(1);
  });

  it('pages by the items received when the server pages shorter than asked', async () => {
    const api = new FakeCustomerApi({ customers: seed(50), maxPageSize: 7 });
    const wanted = ['u-0', 'u-7', 'u-13', 'u-14', 'u-20', 'u-27', 'u-30', 'u-35', 'u-41', 'u-48', 'u-49'];
    const { found, sender, strategy } = await lookup(api, wanted, 1);
    expect(strategy).toBe('list'); // 10 single-filter searches against 7 more short pages
    expect([...found.keys()].sort()).toEqual([...wanted].sort());
    const offsets = api.calls.flatMap((c) => (c.method === 'list' ? [c.page.offset] : []));
    // A stop at the first short page (7 < 100) would have missed everything past u-6.
    expect(offsets).toEqual([0, 7, 14, 21, 28, 35, 42, 49]);
    expect(sender.counts.lookup).toBe(7);
  });

  it.each([
    ['lists', 1_000, Array.from({ length: 500 }, (_, i) => `u-${i * 2}`), 9],
    ['searches', 5_000, Array.from({ length: 100 }, (_, i) => `u-${i * 40}`), 10],
  ] as const)('%s with several requests in flight, never more than the concurrency', async (_what, size, wanted, requests) => {
    const api = new FakeCustomerApi({ customers: seed(size) });
    let inFlight = 0;
    let most = 0;
    // Each answer takes a turn of the event loop, so requests started together are in flight together.
    const sender = {
      run: async <T>(_kind: string, send: () => Promise<T>): Promise<T> => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return send();
      },
    };
    const firstPage = await api.listCustomers({ offset: 0, limit: 100 });
    const found = await lookupCustomers({ api, sender, userIds: wanted, firstPage, concurrency: 3 });
    expect(found.size).toBe(wanted.length);
    expect(api.calls.length - 1).toBe(requests);
    expect(most).toBe(3);
  });

  it('searches ten userIds per request in a big account', async () => {
    const api = new FakeCustomerApi({ customers: seed(3000) });
    const wanted = [...Array.from({ length: 18 }, (_, i) => `u-${2000 + i}`), 'missing-1', 'missing-2'];
    const { found, sender, strategy } = await lookup(api, wanted);
    expect(strategy).toBe('search');
    expect(found.size).toBe(18);
    expect(sender.counts.lookup).toBe(2);
  });

  it('keeps only byte-exact userId matches from a loose search', async () => {
    const api = new FakeCustomerApi({ customers: [...seed(300), { userId: 'ABC', name: 'x', email: 'x@e.com' }] });
    const { found } = await lookup(api, ['abc']);
    expect(found.size).toBe(0);
  });

  it('halves the filters on a 400 and remembers the smaller width', async () => {
    const api = new FakeCustomerApi({ customers: seed(3000), maxSearchFilters: 3 });
    const wanted = Array.from({ length: 20 }, (_, i) => `u-${1000 + i}`);
    const { found, sender } = await lookup(api, wanted);
    expect(found.size).toBe(20);
    const widths = api.calls.flatMap((c) => (c.method === 'search' ? [c.userIds.length] : []));
    // 10 and 5 refused once each; then 3 per request for the rest of the run.
    expect(widths).toEqual([10, 5, 3, 3, 3, 3, 3, 3, 2]);
    expect(sender.counts.lookup).toBe(9);
  });

  it('reads the ids a window at a time and keeps the width it learnt from one window to the next', async () => {
    const api = new FakeCustomerApi({ customers: seed(3000), maxSearchFilters: 3 });
    const wanted = [...Array.from({ length: 20 }, (_, i) => `u-${1000 + i}`), 'missing-1'];
    const { found, sender } = await lookup(api, wanted, undefined, 7);
    expect(found.size).toBe(20);
    const searched = api.calls.flatMap((c) => (c.method === 'search' ? [c.userIds] : []));
    // Windows of 7, 7 and 7 ids: 7 and 4 are refused in the first window only, then 2 at most.
    expect(searched.map((ids) => ids.length)).toEqual([7, 4, 2, 2, 2, 1, 2, 2, 2, 1, 2, 2, 2, 1]);
    expect(new Set(searched.slice(2).flat()).size).toBe(21);
    expect(sender.counts.lookup).toBe(14);
  });

  it('searches no more userIds per request than the server pages', async () => {
    const api = new FakeCustomerApi({ customers: seed(3000), maxPageSize: 7 });
    const wanted = Array.from({ length: 20 }, (_, i) => `u-${1000 + i}`);
    const { found, sender, strategy } = await lookup(api, wanted);
    expect(strategy).toBe('search');
    expect(found.size).toBe(20);
    const widths = api.calls.flatMap((c) => (c.method === 'search' ? [c.userIds.length] : []));
    expect(widths).toEqual([7, 7, 6]); // 10 per request would need 2 pages each: 4 requests
    expect(sender.counts.lookup).toBe(3);
  });

  it('pages a search whose loose matches fill more than a page', async () => {
    // Upper-case look-alikes come first, so the exact matches spill onto each search's second page.
    const upper = seed(300).map((c) => ({ ...c, userId: String(c.userId).toUpperCase() }));
    const api = new FakeCustomerApi({ customers: [...upper, ...seed(300)], maxPageSize: 15 });
    const wanted = Array.from({ length: 60 }, (_, i) => `u-${200 + i}`);
    const { found, sender, strategy } = await lookup(api, wanted);
    expect(strategy).toBe('search');
    expect([...found.values()].every((c) => c.id > 300)).toBe(true);
    expect(found.size).toBe(60);
    expect(sender.counts.lookup).toBe(12);
  });

  it('treats a 400 on a single filter as a real error', async () => {
    const api = new FakeCustomerApi({ customers: seed(3000), maxSearchFilters: 0 });
    await expect(lookup(api, ['u-500', 'u-501'])).rejects.toMatchObject({ status: 400 });
  });
});

describe('lookupCustomers against a broken or hostile server', () => {
  const missing = (count: number): string[] => Array.from({ length: count }, (_, i) => `x-${i}`);

  it('ends a listing that runs past the account size page 0 gave (an endless total)', async () => {
    const api = new FakeCustomerApi({
      customers: seed(150),
      listAnswer: (page, honest): Page<StoredCustomer> => {
        runaway(api);
        return page.offset === 0 ? honest : { data: invented(10_000 + page.offset, 100), total: 1e12 };
      },
    });
    const error = await lookup(api, missing(60)).catch((err: unknown) => err);
    expect(error).toMatchObject(inconsistent);
    expect(String(error)).toMatch(/answers do not match the query/);
    // 150 + 10% = 165 customers at most: page 1 already reaches 200.
    expect(api.count('list')).toBe(2);
  });

  it('ends a listing whose pages repeat customers already seen', async () => {
    const api = new FakeCustomerApi({
      customers: seed(300),
      listAnswer: (_, honest): Page<StoredCustomer> => ({ ...honest, data: api.customers.slice(0, 100) }),
    });
    await expect(lookup(api, missing(60))).rejects.toMatchObject(inconsistent);
    expect(api.count('list')).toBe(2);
  });

  it('pages past items without a usable id by what was received', async () => {
    const api = new FakeCustomerApi({
      customers: seed(300),
      listAnswer: (page, honest): Page<StoredCustomer> => (page.offset === 100 ? { data: [], total: 300, received: 100 } : honest),
    });
    const { found, strategy } = await lookup(api, ['u-250', ...missing(59)]);
    expect(strategy).toBe('list');
    expect([...found.keys()]).toEqual(['u-250']);
    expect(api.calls.map((c) => (c.method === 'list' ? c.page.offset : -1))).toEqual([0, 100, 200]);
  });

  it('searches when page 0 gave no usable total: a listing would have no known end', async () => {
    const api = new FakeCustomerApi({
      customers: seed(300),
      listAnswer: (page, honest): Page<StoredCustomer> => ({ ...honest, total: page.offset + 101, totalKnown: false }),
    });
    const { found, strategy } = await lookup(api, ['u-250', ...missing(59)]);
    expect(strategy).toBe('search');
    expect([...found.keys()]).toEqual(['u-250']);
  });

  it('ends a search that answers customers carrying none of the userIds asked', async () => {
    const api = new FakeCustomerApi({
      customers: seed(3000),
      searchAnswer: (_, page): Page<StoredCustomer> => {
        runaway(api);
        return { data: invented(50_000 + page.offset, 100), total: 1e12 };
      },
    });
    await expect(lookup(api, ['u-2000', 'u-2001'])).rejects.toMatchObject(inconsistent);
    expect(api.count('search')).toBe(1);
  });

  it('ends a search that answers more customers than the userIds asked can match', async () => {
    // Every answer carries a wanted userId, but in more look-alike spellings than a search can return.
    const spell = (i: number): string => `u-${i.toString(2).replaceAll('0', 'a').replaceAll('1', 'A')}`;
    const wanted = [...Array.from({ length: 9 }, (_, i) => `x-${i}`), 'u-aaaaaaa'];
    const api = new FakeCustomerApi({
      customers: seed(3000),
      searchAnswer: (_, page): Page<StoredCustomer> => {
        runaway(api);
        return { data: invented(page.offset, 30, (i) => spell(128 + i).replace('u-A', 'u-')), total: page.offset + 31, totalKnown: false };
      },
    });
    await expect(lookup(api, wanted)).rejects.toMatchObject(inconsistent);
    // At most 10 per userId asked: 100 customers, 4 pages of 30.
    expect(api.count('search')).toBe(4);
  });

  it('ends a search that answers the same customer again (a repeating page)', async () => {
    const api = new FakeCustomerApi({
      customers: seed(3000),
      searchAnswer: (): Page<StoredCustomer> => ({ data: api.byUserId('u-2000'), total: 5 }),
    });
    await expect(lookup(api, ['u-2000', 'u-2001'])).rejects.toMatchObject(inconsistent);
    expect(api.count('search')).toBe(2);
  });

  it('keeps the lookup inside the bounds for findCustomer too', async () => {
    const api = new FakeCustomerApi({ searchAnswer: (): Page<StoredCustomer> => ({ data: invented(1, 1), total: 1 }) });
    await expect(findCustomer({ api, sender: countingSender() }, 'u-1')).rejects.toMatchObject(inconsistent);
  });
});

describe('findCustomer', () => {
  it('finds one userId with one search, or answers undefined', async () => {
    const api = new FakeCustomerApi({ customers: seed(5) });
    const sender = countingSender();
    expect((await findCustomer({ api, sender }, 'u-4'))?.id).toBe(5);
    expect(await findCustomer({ api, sender }, 'U-4')).toBeUndefined();
    expect(sender.counts.lookup).toBe(2);
  });
});
