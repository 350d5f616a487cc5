/**
 * Finds the stored customers for a set of userIds with as few requests as the account size allows:
 * list the whole account (⌈total/100⌉ pages) or search them (⌈ids/10⌉ requests), whichever is cheaper.
 * Every answer is checked against the question (check-answers.ts): a server whose answers disagree with it
 * stops the lookup with a remote failure instead of being paged without end.
 */
import { ApiError } from '../api/api-errors.js';
import type { CustomerApi, Page, StoredCustomer } from '../api/customer-api.js';
import { ListCheck, receivedOf, SearchCheck } from './check-answers.js';
import { chooseLookup, LIST_PAGE_SIZE, SEARCH_FILTERS } from './plan-upserts.js';
import type { RequestSender } from './ports.js';

type LookupApi = Pick<CustomerApi, 'listCustomers' | 'searchByUserIds'>;
type SearchApi = Pick<CustomerApi, 'searchByUserIds'>;

/** Options of `lookupCustomers`. */
export interface LookupOptions {
  api: LookupApi;
  sender: RequestSender;
  /** The userIds to find; found customers are returned only for these. */
  userIds: Iterable<string>;
  /** `GET /customers?offset=0&limit=100`, already fetched (it checked the key and gives `total`). */
  firstPage: Page<StoredCustomer>;
  /** userIds per search request at the start; shrinks when the server refuses that many. Default 10. */
  searchFilters?: number;
  /** The run's pace, requests per minute: an account that would take over a year to list is searched. */
  ratePerMinute?: number;
  /** Told which strategy was taken for the ids page 0 did not hold ('none' when nothing was left). */
  onStrategy?(strategy: 'list' | 'search' | 'none'): void;
}

/** Collects the wanted customers out of pages, byte-exact on userId (a search may match loosely). */
class Wanted {
  readonly found = new Map<string, StoredCustomer>();
  readonly missing: Set<string>;
  constructor(userIds: Iterable<string>) {
    this.missing = new Set(userIds);
  }
  take(customers: readonly StoredCustomer[]): void {
    for (const customer of customers) {
      const userId = customer.fields.userId;
      if (typeof userId === 'string' && this.missing.delete(userId)) this.found.set(userId, customer);
    }
  }
}

/**
 * The stored customer of every wanted userId that exists, keyed by userId. Keeps only wanted customers,
 * so memory is bounded by the CSV, not the account. Pages advance by the items actually received.
 */
export async function lookupCustomers(options: LookupOptions): Promise<Map<string, StoredCustomer>> {
  const { firstPage } = options;
  const wanted = new Wanted(options.userIds);
  wanted.take(firstPage.data);
  const received = receivedOf(firstPage);
  const complete = received === 0 || (firstPage.totalKnown !== false && received >= firstPage.total);
  if (complete || wanted.missing.size === 0) {
    options.onStrategy?.('none');
    return wanted.found;
  }
  // Page 0 came back short of both the limit and the total: the server pages at most this many. A search
  // of more userIds than that would need a second page per chunk, so each chunk holds no more than one page.
  const pageSize = received;
  const width = Math.max(1, Math.min(options.searchFilters ?? SEARCH_FILTERS, pageSize));
  const strategy = chooseLookup({
    // Without a total the account's size is unknown, and so is the end of a listing: search, bounded by the CSV.
    total: firstPage.totalKnown === false ? Infinity : firstPage.total,
    wanted: wanted.missing.size,
    pageSize,
    searchFilters: width,
    ratePerMinute: options.ratePerMinute,
  });
  options.onStrategy?.(strategy);
  if (strategy === 'list') await listRest(options, wanted);
  else await searchAll(options, wanted, [...wanted.missing], width);
  return wanted.found;
}

/** The stored customer with this exact userId, or undefined: one search (more only on long answers). */
export async function findCustomer(
  options: { api: SearchApi; sender: RequestSender },
  userId: string,
): Promise<StoredCustomer | undefined> {
  const wanted = new Wanted([userId]);
  await searchChunk(options, wanted, [userId]);
  return wanted.found.get(userId);
}

async function listRest({ api, sender, firstPage }: LookupOptions, wanted: Wanted): Promise<void> {
  const check = new ListCheck(firstPage);
  let offset = receivedOf(firstPage);
  let total = firstPage.total;
  // Stop as soon as everything is found: the rest of the account cannot hold a wanted userId twice.
  while (offset < total && wanted.missing.size > 0) {
    const at = offset;
    const page = await sender.run('lookup', () => api.listCustomers({ offset: at, limit: LIST_PAGE_SIZE }), {
      idempotent: true,
    });
    if (receivedOf(page) === 0) break;
    check.check(page, at);
    wanted.take(page.data);
    offset += receivedOf(page);
    total = page.total;
  }
}

/**
 * Searches `userIds` in chunks. The server's filter limit is unknown: a 400 on a multi-filter request
 * halves the chunk size (10 → 5 → 3 → 2 → 1) for the rest of this lookup; a 400 on one filter is a real
 * error.
 */
async function searchAll(options: LookupOptions, wanted: Wanted, userIds: readonly string[], initialWidth: number): Promise<void> {
  let width = initialWidth;
  let next = 0;
  while (next < userIds.length) {
    const chunk = userIds.slice(next, next + width);
    try {
      await searchChunk(options, wanted, chunk);
      next += chunk.length;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 400 && chunk.length > 1)) throw err;
      width = Math.ceil(chunk.length / 2);
    }
  }
}

async function searchChunk(
  { api, sender }: { api: SearchApi; sender: RequestSender },
  wanted: Wanted,
  chunk: readonly string[],
): Promise<void> {
  const pending = (): boolean => chunk.some((id) => wanted.missing.has(id));
  const check = new SearchCheck(chunk);
  let offset = 0;
  let total = Infinity;
  while (offset < total && pending()) {
    const at = offset;
    const page = await sender.run('lookup', () => api.searchByUserIds(chunk, { offset: at, limit: LIST_PAGE_SIZE }), {
      idempotent: true,
    });
    if (receivedOf(page) === 0) break;
    check.check(page);
    wanted.take(page.data);
    offset += receivedOf(page);
    total = page.total;
  }
}
