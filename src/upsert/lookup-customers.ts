/**
 * Finds the stored customers for a set of userIds with as few requests as the account size allows:
 * list the whole account (⌈total/100⌉ pages) or search them (⌈ids/10⌉ requests), whichever is cheaper.
 * Pages and search chunks go out together, `concurrency` at most, paced by the runner like writes: one at
 * a time, latency alone would hold lookups to a third of the rate. Every answer is checked against the
 * question (check-answers.ts): a server whose answers disagree with it stops the lookup with a remote
 * failure instead of being paged without end.
 */
import { ApiError } from '../api/api-errors.js';
import type { CustomerApi, Page, StoredCustomer } from '../api/customer-api.js';
import { type IdChecklist, type WantedIds, wantedIdsOf } from '../plan/id-checklist.js';
import { ListCheck, receivedOf, SearchCheck } from './check-answers.js';
import { chooseLookup, LIST_PAGE_SIZE, SEARCH_FILTERS } from './plan-upserts.js';
import type { RequestSender } from './ports.js';
import { runPool } from './worker-pool.js';

type LookupApi = Pick<CustomerApi, 'listCustomers' | 'searchByUserIds'>;
type SearchApi = Pick<CustomerApi, 'searchByUserIds'>;

/** Options of `lookupCustomers`. */
export interface LookupOptions {
  api: LookupApi;
  sender: RequestSender;
  /** The userIds to find; found customers are returned only for these. A big run hands a checklist (plan/id-checklist.ts). */
  userIds: Iterable<string> | WantedIds;
  /** `GET /customers?offset=0&limit=100`, already fetched (it checked the key and gives `total`). */
  firstPage: Page<StoredCustomer>;
  /** userIds per search request at the start; shrinks when the server refuses that many. Default 10. */
  searchFilters?: number;
  /** The run's pace, requests per minute: an account that would take over a year to list is searched. */
  ratePerMinute?: number;
  /** Lookup requests in flight at most (the run's `--concurrency`). Default 4. */
  concurrency?: number;
  /** userIds a search reads back from the rows at a time. Default 10,000 (tests make it small). */
  searchWindow?: number;
  /** Told which strategy was taken for the ids page 0 did not hold ('none' when nothing was left). */
  onStrategy?(strategy: 'list' | 'search' | 'none'): void;
  /** Given: each wanted customer goes here as it is found, and the returned map stays empty (a big plan spills them). */
  onFound?(customer: StoredCustomer): void;
}

/** Collects the wanted customers out of pages, byte-exact on userId (a search may match loosely). */
class Wanted {
  readonly found = new Map<string, StoredCustomer>();
  readonly ids: WantedIds;
  readonly checklist: IdChecklist;
  private readonly onFound: ((customer: StoredCustomer) => void) | undefined;
  constructor(userIds: Iterable<string> | WantedIds, onFound?: (customer: StoredCustomer) => void) {
    this.ids = isWantedIds(userIds) ? userIds : wantedIdsOf(userIds);
    this.checklist = this.ids.checklist;
    this.onFound = onFound;
  }
  take(customers: readonly StoredCustomer[]): void {
    for (const customer of customers) {
      const userId = customer.fields.userId;
      if (typeof userId === 'string' && this.checklist.tick(userId)) {
        if (this.onFound) this.onFound(customer);
        else this.found.set(userId, customer);
      }
    }
  }
  /** The ids still missing, in the order given, `size` at a time: a search must name them, so it reads them again. */
  async *missingIds(size: number): AsyncGenerator<string[]> {
    let window: string[] = [];
    for await (const id of this.ids.list()) {
      if (!this.checklist.isMissing(id)) continue;
      window.push(id);
      if (window.length === size) {
        yield window;
        window = [];
      }
    }
    if (window.length > 0) yield window;
  }
}

const isWantedIds = (ids: Iterable<string> | WantedIds): ids is WantedIds => 'checklist' in ids;

/**
 * The stored customer of every wanted userId that exists, keyed by userId. Keeps only wanted customers,
 * so memory is bounded by the CSV, not the account. Pages advance by the items actually received.
 */
export async function lookupCustomers(options: LookupOptions): Promise<Map<string, StoredCustomer>> {
  const { firstPage } = options;
  const wanted = new Wanted(options.userIds, options.onFound);
  wanted.take(firstPage.data);
  const received = receivedOf(firstPage);
  const complete = received === 0 || (firstPage.totalKnown !== false && received >= firstPage.total);
  if (complete || wanted.checklist.missing === 0) {
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
    wanted: wanted.checklist.missing,
    pageSize,
    searchFilters: width,
    ratePerMinute: options.ratePerMinute,
  });
  options.onStrategy?.(strategy);
  if (strategy === 'list') await listRest(options, wanted);
  else {
    // The ids go a window at a time, so a million of them are never all in memory as strings.
    const widths: SearchWidth = { width, proven: width === 1 };
    for await (const ids of wanted.missingIds(options.searchWindow ?? SEARCH_WINDOW)) await searchAll(options, wanted, ids, widths);
  }
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

/** Jobs handed out one at a time from state that in-flight answers still change (runPool pulls lazily). */
function lazyJobs<T>(next: () => T | undefined): Iterable<T> {
  return {
    [Symbol.iterator]: () => ({
      next: (): IteratorResult<T> => {
        const value = next();
        return value === undefined ? { done: true, value } : { done: false, value };
      },
    }),
  };
}

/**
 * Lists the pages after page 0 together: their offsets are known from page 0's size and total. Page 1 goes
 * alone first, so a server that ignores `offset` costs one request, not a burst. A page shorter than page 0
 * (items the server dropped) gets a follow-up at the items it received, an empty one marks the end, and a
 * repeating page or one past the bound stops the listing (ListCheck throws).
 */
async function listRest({ api, sender, firstPage, concurrency }: LookupOptions, wanted: Wanted): Promise<void> {
  const check = new ListCheck(firstPage);
  const stride = receivedOf(firstPage);
  let end = firstPage.total;
  let next = stride;
  const followUps: number[] = [];
  const offsets = lazyJobs(() => {
    // Stop as soon as everything is found: the rest of the account cannot hold a wanted userId twice.
    if (wanted.checklist.missing === 0) return undefined;
    const followUp = followUps.shift();
    if (followUp !== undefined || next >= end) return followUp;
    next += stride;
    return next - stride;
  });
  const listPage = async (at: number): Promise<void> => {
    const page = await sender.run('lookup', () => api.listCustomers({ offset: at, limit: LIST_PAGE_SIZE }), { idempotent: true });
    const received = receivedOf(page);
    if (received === 0) {
      end = Math.min(end, at);
      return;
    }
    check.check(page, at);
    wanted.take(page.data);
    end = Math.max(end, page.total);
    if (received < stride && at + received < end) followUps.push(at + received);
  };
  const [first] = take(offsets);
  if (first === undefined) return;
  await listPage(first);
  await runPool(offsets, listPage, { concurrency });
}

/** userIds per window of a search: a thousand requests, after which the pool drains once (a few slots of its width). */
const SEARCH_WINDOW = 10_000;

/** The next job, if any, taken by hand before a pool takes the rest. */
const take = <T>(jobs: Iterable<T>): [T | undefined] => [jobs[Symbol.iterator]().next().value];

/**
 * Searches `userIds` in chunks, several at once. The server's filter limit is unknown: a 400 on a
 * multi-filter request halves the chunk size (10 → 5 → 3 → 2 → 1) for the rest of this lookup and sends
 * that chunk again in smaller pieces; a 400 on one filter is a real error. Chunks go one at a time until
 * one of the current width got through, so finding the limit costs no burst of 400s. `widths` carries what
 * was learnt from one window of ids to the next.
 */
async function searchAll(options: LookupOptions, wanted: Wanted, userIds: readonly string[], widths: SearchWidth): Promise<void> {
  let next = 0;
  // userIds of refused chunks, searched again first, topped up from the rest to the current width.
  const again: string[] = [];
  const chunks = lazyJobs(() => {
    const chunk = again.splice(0, widths.width);
    const more = userIds.slice(next, next + widths.width - chunk.length);
    next += more.length;
    chunk.push(...more);
    return chunk.length > 0 ? chunk : undefined;
  });
  /** Searches one chunk; false when the server refused its width (the chunk is queued again, narrower). */
  const search = async (chunk: readonly string[]): Promise<boolean> => {
    try {
      await searchChunk(options, wanted, chunk);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 400 && chunk.length > 1)) throw err;
      widths.width = Math.min(widths.width, Math.ceil(chunk.length / 2));
      again.unshift(...chunk);
      return false;
    }
  };
  while (!widths.proven) {
    const [chunk] = take(chunks);
    if (chunk === undefined) return;
    widths.proven = (await search(chunk)) || widths.width === 1;
  }
  await runPool(chunks, async (chunk) => void (await search(chunk)), { concurrency: options.concurrency });
}

/** The search width in use, and whether a chunk of that width got through (then chunks go out together). */
interface SearchWidth {
  width: number;
  proven: boolean;
}

async function searchChunk(
  { api, sender }: { api: SearchApi; sender: RequestSender },
  wanted: Wanted,
  chunk: readonly string[],
): Promise<void> {
  const pending = (): boolean => chunk.some((id) => wanted.checklist.isMissing(id));
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
