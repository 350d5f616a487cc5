/**
 * The read half of an upsert: look every row up and decide what it needs, so the caller can show the
 * plan and ask before the first write. Sends lookups only.
 */
import type { CustomerApi, Page, StoredCustomer } from '../api/customer-api.js';
import { internalError } from '../errors.js';
import type { ValidRow } from '../model.js';
import { adoptPlan, findByEmails, isAdoptable, matchesOf } from './adopt-by-email.js';
import { lookupCustomers } from './lookup-customers.js';
import { BATCH_SIZE, planRow } from './plan-upserts.js';
import type { RequestSender } from './ports.js';
import { applyMode, countPlans, WriteMode, type PlanCounts } from './write-modes.js';
import type { PlannedRow } from './write-rows.js';

/** Options of `prepareWrites`. */
export interface PrepareOptions {
  api: Pick<CustomerApi, 'listCustomers' | 'searchByUserIds' | 'searchByEmails'>;
  sender: RequestSender;
  /** Valid rows, one per userId (the dedupe stage guarantees it). */
  rows: readonly ValidRow[];
  /** `GET /customers?offset=0&limit=100`, already fetched by the caller. */
  firstPage: Page<StoredCustomer>;
  /** userIds per search request at the start. Default 10. */
  searchFilters?: number;
  /** The run's pace in requests per minute; bounds how large an account is worth listing. */
  ratePerMinute?: number;
  /** `--mode`; default upsert. */
  mode?: WriteMode;
  /** `--adopt-by-email`: rows not found by user_id are searched by email and may adopt that customer. */
  adoptByEmail?: boolean;
  /** Search the emails of rows to create without adopting, only to count them (a keyed dry run). */
  countAdoptable?: boolean;
  /** Lookups in flight at most (`--concurrency`). Default 4. */
  concurrency?: number;
}

/** Every row's action, and the write requests they need if nothing goes wrong. */
export interface PreparedWrites {
  rows: readonly PlannedRow[];
  counts: PlanCounts;
  /** One per create, one per ten updates. */
  writeRequests: number;
  /** Rows to create whose email belongs to exactly one customer without a user id (counted without --adopt-by-email). */
  adoptable: number;
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
  const planned: PlannedRow[] = options.rows.map((row) => ({ row, plan: planRow(row.contact, stored.get(row.contact.userId)) }));
  const adoptable = await adoptByEmail(options, planned);
  const mode = options.mode ?? WriteMode.upsert;
  const rows = planned.map(({ row, plan }) => ({ row, plan: applyMode(plan, mode) }));
  const counts = countPlans(rows.map(({ plan }) => plan));
  return { rows, counts, writeRequests: counts.create + Math.ceil(counts.update / BATCH_SIZE), adoptable };
}

/**
 * Searches the emails of the rows that would be created (no request at all when neither adopting nor
 * counting). Adopting replaces their plans in place; counting only tells how many could be adopted.
 */
async function adoptByEmail(options: PrepareOptions, planned: PlannedRow[]): Promise<number> {
  if (!options.adoptByEmail && !options.countAdoptable) return 0;
  const creates = planned.filter(({ plan }) => plan.action === 'create');
  const found = await findByEmails({ api: options.api, sender: options.sender, emails: creates.map(({ row }) => row.contact.email) });
  if (!options.adoptByEmail) return creates.filter(({ row }) => isAdoptable(matchesOf(found, row.contact))).length;
  for (const entry of creates) entry.plan = adoptPlan(entry.row.contact, matchesOf(found, entry.row.contact)) ?? entry.plan;
  return 0;
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
