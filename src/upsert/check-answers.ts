/**
 * Checks each lookup answer against the question asked, so a broken or hostile server (an endless `total`,
 * the same page forever, search results for other userIds) stops the run instead of drawing requests for
 * months. What the answers may do is bounded by the question alone, never by what the server claims.
 */
import type { Page, StoredCustomer } from '../api/customer-api.js';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';

/** Customers added to the account while it is listed: a listing may run this share past page 0's total. */
export const LIST_GROWTH = 0.1;
/**
 * Customers one searched userId may match: the exact one, and look-alikes from a search that ignores case
 * (`ABC` for `abc`). More than this is not an answer to the search.
 */
export const MATCHES_PER_USER_ID = 10;

/** The server's answers contradict the query: a remote failure (exit 5) like a refused request. */
export function inconsistentAnswer(detail: string): HciError {
  return new HciError({
    code: ErrorCode.remoteInconsistent,
    kind: ErrorKind.rejected,
    message: `HelpCrunch's answers do not match the query: ${detail}`,
    hint: 'Check that the base URL points at the HelpCrunch API; the lookup stopped rather than page on without end.',
  });
}

/** Items a page holds, usable or not. */
export const receivedOf = (page: Page<StoredCustomer>): number => page.received ?? page.data.length;

/**
 * Bounds the listing of an account: no further than page 0's total plus `LIST_GROWTH`, and never a page
 * made only of customers already listed (the server ignores `offset`). Listing is chosen only for an account
 * about as small as the CSV, so remembering the ids seen costs what the CSV costs.
 */
export class ListCheck {
  private readonly seen = new Set<number>();
  private readonly limit: number;

  constructor(private readonly firstPage: Page<StoredCustomer>) {
    this.limit = Math.ceil(firstPage.total * (1 + LIST_GROWTH));
    for (const { id } of firstPage.data) this.seen.add(id);
  }

  /** Throws unless `page`, asked at `offset`, is a plausible next page of the account. */
  check(page: Page<StoredCustomer>, offset: number): void {
    const end = offset + receivedOf(page);
    if (end > this.limit) {
      throw inconsistentAnswer(`listing went past ${this.limit} customers, but the account held ${this.firstPage.total} when it started`);
    }
    if (page.data.length > 0 && page.data.every(({ id }) => this.seen.has(id))) {
      throw inconsistentAnswer(`the customers at offset ${offset} were all listed already (the server repeats its pages)`);
    }
    for (const { id } of page.data) this.seen.add(id);
  }
}

/**
 * Bounds the answers to one search for `userIds`: each result must carry one of them (ignoring case), no
 * customer or userId may come twice, and there are at most `MATCHES_PER_USER_ID` per userId asked.
 */
export class SearchCheck {
  private readonly asked: Set<string>;
  private readonly count: number;
  private readonly limit: number;
  private readonly ids = new Set<number>();
  private readonly userIds = new Set<string>();
  private received = 0;

  constructor(userIds: readonly string[]) {
    this.asked = new Set(userIds.map(looseKey));
    this.count = userIds.length;
    this.limit = userIds.length * MATCHES_PER_USER_ID;
  }

  /** Throws unless `page` can be part of the answer to this search. */
  check(page: Page<StoredCustomer>): void {
    // Counted from what arrived, not from `total`: what a search's total counts is not documented.
    this.received += receivedOf(page);
    if (this.received > this.limit) {
      throw inconsistentAnswer(`a search for ${this.count} userIds answered ${this.received} customers, more than it can match`);
    }
    for (const { id, fields } of page.data) {
      const { userId } = fields;
      if (typeof userId !== 'string' || !this.asked.has(looseKey(userId))) {
        throw inconsistentAnswer(`a search for ${this.count} userIds answered customer ${id}, who carries none of them`);
      }
      if (this.ids.has(id) || this.userIds.has(userId)) {
        throw inconsistentAnswer(`a search answered customer ${id} (or its userId) twice`);
      }
      this.ids.add(id);
      this.userIds.add(userId);
    }
  }
}

/** How a search that matches loosely may compare a userId. */
const looseKey = (userId: string): string => userId.normalize('NFKC').toLowerCase();
