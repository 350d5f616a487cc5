/**
 * The read half of an upsert: look every row up and decide what it needs, so the caller can show the
 * plan and ask before the first write. Sends lookups only.
 */
import type { CustomerApi, Page, StoredCustomer } from '../api/customer-api.js';
import { internalError } from '../errors.js';
import type { ValidRow } from '../model.js';
import { lookupCustomers } from './lookup-customers.js';
import { BATCH_SIZE, planRow } from './plan-upserts.js';
import type { RequestSender } from './ports.js';
import type { PlannedRow } from './write-rows.js';

/** Options of `prepareWrites`. */
export interface PrepareOptions {
  api: Pick<CustomerApi, 'listCustomers' | 'searchByUserIds'>;
  sender: RequestSender;
  /** Valid rows, one per userId (the dedupe stage guarantees it). */
  rows: readonly ValidRow[];
  /** `GET /customers?offset=0&limit=100`, already fetched by the caller. */
  firstPage: Page<StoredCustomer>;
  /** userIds per search request at the start. Default 10. */
  searchFilters?: number;
  /** The run's pace in requests per minute; bounds how large an account is worth listing. */
  ratePerMinute?: number;
  /** Lookups in flight at most (`--concurrency`). Default 4. */
  concurrency?: number;
}

/** Every row's action, and the write requests they need if nothing goes wrong. */
export interface PreparedWrites {
  rows: readonly PlannedRow[];
  counts: { create: number; update: number; unchanged: number };
  /** One per create, one per ten updates. */
  writeRequests: number;
}

/** Looks the rows up and decides each one's action. */
export async function prepareWrites(options: PrepareOptions): Promise<PreparedWrites> {
  const stored = await lookupCustomers({
    api: options.api,
    sender: options.sender,
    userIds: uniqueUserIds(options.rows),
    firstPage: options.firstPage,
    searchFilters: options.searchFilters,
    ratePerMinute: options.ratePerMinute,
    concurrency: options.concurrency,
  });
  const rows = options.rows.map((row) => ({ row, plan: planRow(row.contact, stored.get(row.contact.userId)) }));
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const { plan } of rows) counts[plan.action] += 1;
  return { rows, counts, writeRequests: counts.create + Math.ceil(counts.update / BATCH_SIZE) };
}

/** Two rows with one userId would race to create it; the dedupe stage must have removed them. */
function uniqueUserIds(rows: readonly ValidRow[]): Set<string> {
  const seen = new Set<string>();
  for (const { contact, line } of rows) {
    if (seen.has(contact.userId)) {
      throw internalError(`userId on line ${line} appears on an earlier row too; rows must be deduplicated first`);
    }
    seen.add(contact.userId);
  }
  return seen;
}
