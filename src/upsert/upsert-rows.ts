/**
 * The upsert in two steps, so the caller can show the plan and ask before the first write:
 * `prepare()` looks the rows up and plans them (reads only), `execute(plan)` writes.
 */
import type { CustomerApi, Page, StoredCustomer } from '../api/customer-api.js';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import type { ValidRow } from '../model.js';
import { applyUpserts, type ApplyResult, type PlannedRow } from './apply-upserts.js';
import { lookupCustomers } from './lookup-customers.js';
import { BATCH_SIZE, planRow, requestBudget } from './plan-upserts.js';
import type { RequestSender, UpsertHooks } from './ports.js';

/** Options of `upsertRows`. */
export interface UpsertRowsOptions {
  api: CustomerApi;
  sender: RequestSender;
  /** Valid rows, one per userId (the dedupe stage guarantees it). */
  rows: readonly ValidRow[];
  /** `GET /customers?offset=0&limit=100`, already fetched by the caller. */
  firstPage: Page<StoredCustomer>;
  signal?: AbortSignal;
  hooks?: UpsertHooks;
  /** Look up and plan only: `execute` sends nothing. */
  dryRun?: boolean;
  /** Requests in flight at most while writing. Default 4. */
  concurrency?: number;
  /** userIds per search request at the start. Default 10. */
  searchFilters?: number;
}

/** What `prepare` found: every row's action, and what the writes will cost. */
export interface UpsertPlan {
  rows: readonly PlannedRow[];
  counts: { create: number; update: number; unchanged: number };
  /** How the rows beyond page 0 were looked up, and the requests that took. */
  lookup: { strategy: 'list' | 'search' | 'none'; requests: number };
  /** Write requests if nothing goes wrong: one per create, one per ten updates. */
  writeRequests: number;
  /** `requestBudget` for this run, page 0 included. */
  budget: number;
}

/** What `execute` did. */
export interface UpsertResult extends ApplyResult {
  dryRun: boolean;
}

/** The two steps of an upsert run. */
export interface Upserter {
  prepare(): Promise<UpsertPlan>;
  execute(plan: UpsertPlan): Promise<UpsertResult>;
}

/** Builds the two-step upsert of `options.rows`. Nothing is sent before `prepare()` is called. */
export function upsertRows(options: UpsertRowsOptions): Upserter {
  return {
    prepare: () => prepareUpserts(options),
    execute: async (plan) => {
      if (options.dryRun === true) {
        return { created: 0, updated: 0, unchanged: 0, failed: 0, notAttempted: plan.rows.length, interrupted: false, dryRun: true };
      }
      const result = await applyUpserts({ ...options, rows: plan.rows });
      return { ...result, dryRun: false };
    },
  };
}

async function prepareUpserts(options: UpsertRowsOptions): Promise<UpsertPlan> {
  const userIds = uniqueUserIds(options.rows);
  let lookupRequests = 0;
  let strategy: UpsertPlan['lookup']['strategy'] = 'none';
  const countingSender: RequestSender = {
    run: (kind, send, runOptions) => {
      lookupRequests += 1;
      return options.sender.run(kind, send, runOptions);
    },
  };
  const stored = await lookupCustomers({
    api: options.api,
    sender: countingSender,
    userIds,
    firstPage: options.firstPage,
    searchFilters: options.searchFilters,
    onStrategy: (chosen) => (strategy = chosen),
  });
  const rows = options.rows.map((row) => ({ row, plan: planRow(row.contact, stored.get(row.contact.userId)) }));
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const { plan } of rows) counts[plan.action] += 1;
  return {
    rows,
    counts,
    lookup: { strategy, requests: lookupRequests },
    writeRequests: counts.create + Math.ceil(counts.update / BATCH_SIZE),
    budget: requestBudget({
      total: options.firstPage.total,
      valid: rows.length,
      created: counts.create,
      updated: counts.update,
    }),
  };
}

/** Two rows with one userId would race to create it; the dedupe stage must have removed them. */
function uniqueUserIds(rows: readonly ValidRow[]): Set<string> {
  const seen = new Set<string>();
  for (const { contact, line } of rows) {
    if (seen.has(contact.userId)) {
      throw new HciError({
        code: ErrorCode.invariant,
        kind: ErrorKind.internal,
        message: `userId on line ${line} appears on an earlier row too; rows must be deduplicated first`,
      });
    }
    seen.add(contact.userId);
  }
  return seen;
}
