/**
 * The read half of an upsert: look every row up and decide what it needs, so the caller can show the
 * plan and ask before the first write. Sends lookups only. Nothing grows with the rows but the userId
 * index: the found customers and the plan go to spill files (src/plan), and the rows are streamed.
 */
import type { CustomerApi, Page, StoredCustomer } from '../api/customer-api.js';
import type { ValidRow } from '../model.js';
import { openJsonlWriter, readJsonl, type JsonlWriter } from '../plan/jsonl-file.js';
import { PlanFile, type PlanFolder } from '../plan/plan-files.js';
import { openPlanSpill, type PlanSource, type PlanSpill } from '../plan/plan-spill.js';
import { memoryRows, type RowSpill } from '../plan/row-spill.js';
import { openStoredSpill } from '../plan/stored-spill.js';
import { adoptersByEmail, adoptPlan, adoptsAlone, findByEmails, matchesOf } from './adopt-by-email.js';
import { lookupCustomers } from './lookup-customers.js';
import { BATCH_SIZE, planRow } from './plan-upserts.js';
import type { RequestSender } from './ports.js';
import { applyMode, countPlans, WriteMode, type PlanCounts } from './write-modes.js';
import type { PlannedRow } from './write-types.js';

/** The valid rows to plan: a scan's spill, or rows in memory. */
export type RowSource = Pick<RowSpill, 'count' | 'takeUserIds' | 'rows'>;

/** Options of `preparePlan`. */
export interface PrepareOptions {
  api: Pick<CustomerApi, 'listCustomers' | 'searchByUserIds' | 'searchByEmails'>;
  sender: RequestSender;
  /** Valid rows, one per userId (the dedupe stage guarantees it). */
  rows: readonly ValidRow[] | RowSource;
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
  /** Where the plan spills (the run's report folder, or a temporary folder). */
  folder: PlanFolder;
  /** Rows left out of the plan and the lookup (settled by the resumed journal). */
  settled?: (line: number) => boolean;
  /** Told each planned row once, in file order (changes.csv). */
  onPlanned?: (entry: PlannedRow) => void;
}

/** Every row's action, and the write requests they need if nothing goes wrong. */
export interface PlanOutline {
  /** The planned rows, streamed back from the spill. */
  plan: PlanSource;
  counts: PlanCounts;
  /** One per create, one per ten updates. */
  writeRequests: number;
  /** Rows to create whose email belongs to exactly one customer without a user id (counted without --adopt-by-email). */
  adoptable: number;
}

/**
 * Looks the rows up and decides each one's action, spilling the plan. Found customers go to disk as the
 * pages arrive; then one pass over the rows plans each (a second pass when emails are searched, which
 * needs every create's email first).
 */
export async function preparePlan(options: PrepareOptions): Promise<PlanOutline> {
  const { folder } = options;
  const source = Array.isArray(options.rows) ? memoryRows(options.rows as readonly ValidRow[]) : (options.rows as RowSource);
  const settled = options.settled ?? (() => false);
  const stored = openStoredSpill(folder, source.count);
  // Every writer is closed on every path: a failed planning (an email search that gave up, a row file that
  // cannot be read) must not leave descriptors open in a library caller's process.
  let spill: PlanSpill | undefined;
  let raw: JsonlWriter | undefined;
  try {
    const userIds = source.takeUserIds();
    // Rows a resumed journal settled are ticked off as found: neither looked up nor planned.
    if (options.settled !== undefined)
      for await (const row of source.rows()) if (options.settled(row.line)) userIds.checklist.tick(row.contact.userId);
    await lookupCustomers({
      api: options.api,
      sender: options.sender,
      userIds,
      firstPage: options.firstPage,
      searchFilters: options.searchFilters,
      ratePerMinute: options.ratePerMinute,
      concurrency: options.concurrency,
      onFound: (customer) => stored.add(customer),
    });
    stored.open();
    const mode = options.mode ?? WriteMode.upsert;
    spill = openPlanSpill(folder);
    const plans = spill;
    const counts = countPlans([]);
    const searching = options.adoptByEmail === true || options.countAdoptable === true;
    let adoptable = 0;
    const finish = (entry: PlannedRow): void => {
      const final = { row: entry.row, plan: applyMode(entry.plan, mode) };
      const one = countPlans([final.plan]);
      for (const key of Object.keys(counts) as (keyof PlanCounts)[]) counts[key] += one[key];
      options.onPlanned?.(final);
      plans.add(final);
    };
    raw = searching ? openJsonlWriter(folder.path(PlanFile.raw)) : undefined;
    const emails: string[] = [];
    for await (const row of source.rows()) {
      if (settled(row.line)) continue;
      const entry: PlannedRow = { row, plan: planRow(row.contact, stored.get(row.contact.userId)) };
      if (raw === undefined) finish(entry);
      else {
        if (entry.plan.action === 'create') emails.push(row.contact.email);
        raw.append(entry);
      }
    }
    stored.close();
    if (raw !== undefined) {
      raw.close();
      // Searches the emails of the rows that would be created: adopting replaces their plans, counting only counts.
      const found = await findByEmails({ api: options.api, sender: options.sender, emails });
      // Two rows with one email cannot both adopt its customer.
      const adopters = adoptersByEmail(found, emails);
      emails.length = 0;
      for await (const entry of readJsonl<PlannedRow>(folder.path(PlanFile.raw))) {
        if (entry.plan.action === 'create') {
          const matches = matchesOf(found, entry.row.contact);
          if (options.adoptByEmail) entry.plan = adoptPlan(entry.row.contact, matches, adopters) ?? entry.plan;
          else if (adoptsAlone(matches, entry.row.contact, adopters)) adoptable += 1;
        }
        finish(entry);
      }
    }
    return { plan: plans.finish(), counts, writeRequests: counts.create + Math.ceil(counts.update / BATCH_SIZE), adoptable };
  } finally {
    // On the way out of a failure nothing buffered is written: a disk that refused a line would refuse
    // again and replace the error that stopped the planning.
    stored.close();
    raw?.discard();
    spill?.close();
  }
}
