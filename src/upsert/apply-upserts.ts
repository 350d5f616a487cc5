/**
 * Executes a plan: records the unchanged rows, creates the new customers (a few in flight), then sends
 * every update (planned ones and those that creates turned into) in as few batches as possible.
 */
import type { ValidRow } from '../model.js';
import { OutcomeRecorder, type ApplyContext, type OutcomeCounts, type PendingUpdate, type WriteApi } from './apply-context.js';
import { CREATE_ATTEMPTS, createRow } from './create-customers.js';
import type { RowPlan } from './plan-upserts.js';
import type { RequestSender, UpsertHooks } from './ports.js';
import { chunk, sendBatch } from './update-batches.js';
import { runPool } from './worker-pool.js';

/** A valid row and what it needs. */
export interface PlannedRow {
  row: ValidRow;
  plan: RowPlan;
}

/** Options of `applyUpserts`. */
export interface ApplyOptions {
  api: WriteApi;
  sender: RequestSender;
  rows: readonly PlannedRow[];
  hooks?: UpsertHooks;
  /** When aborted, no new work is taken; requests in flight finish and their outcomes are recorded. */
  signal?: AbortSignal;
  /** Requests in flight at most. Default 4; the sender's pacer keeps the account's rate. */
  concurrency?: number;
  /** Create attempts per row while answers are lost. Default 8. */
  createAttempts?: number;
}

/** What a run of `applyUpserts` did. */
export interface ApplyResult extends OutcomeCounts {
  /** Rows with no outcome: the run was aborted before they were (fully) written. */
  notAttempted: number;
  interrupted: boolean;
}

/**
 * Writes the planned rows and reports each row's outcome through `hooks.onOutcome`. Throws (after the
 * requests in flight settled) on 401/403 or when the runner gave up retrying: the caller stops the run
 * and reports what was done.
 */
export async function applyUpserts(options: ApplyOptions): Promise<ApplyResult> {
  const hooks = options.hooks ?? {};
  const recorder = new OutcomeRecorder(hooks);
  const ctx: ApplyContext = { api: options.api, sender: options.sender, hooks, recorder, signal: options.signal };
  const pool = { concurrency: options.concurrency, signal: options.signal };

  const creates: { row: ValidRow; fields: PendingUpdate['fields'] }[] = [];
  const updates: PendingUpdate[] = [];
  for (const { row, plan } of options.rows) {
    if (plan.action === 'unchanged') recorder.done(row, 'unchanged', plan.id);
    else if (plan.action === 'create') creates.push({ row, fields: plan.fields });
    else updates.push({ row, id: plan.id, fields: plan.fields, reportAs: 'updated' });
  }

  // Creates first: the rows they turn into updates then share batches with the planned updates.
  await runPool(
    creates,
    async ({ row, fields }) => {
      const followUp = await createRow(ctx, row, fields, options.createAttempts ?? CREATE_ATTEMPTS);
      if (followUp !== undefined) updates.push(followUp);
    },
    pool,
  );
  await runPool(chunk(updates), (batch) => sendBatch(ctx, batch), pool);

  return {
    ...recorder.counts,
    notAttempted: options.rows.length - recorder.recorded,
    interrupted: options.signal?.aborted === true,
  };
}
