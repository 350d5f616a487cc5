/**
 * The write flow: takes the planned rows and yields each row's outcome as it settles. Unchanged rows
 * settle at once; creates go first (a few in flight), then every update (planned ones and those creates
 * turned into) in as few batches as possible. The caller consumes the stream in one place.
 */
import type { CustomerApi, CustomerFields } from '../api/customer-api.js';
import type { ValidRow } from '../model.js';
import { describeFailure } from './classify-failure.js';
import { CREATE_ATTEMPTS, createRow } from './create-customers.js';
import { createChannel } from './outcome-channel.js';
import type { UnstoredTally } from './check-attributes.js';
import type { WritePlan } from './write-modes.js';
import type { BeforeSend, RequestSender, RowOutcome, WrittenRow } from './ports.js';
import { chunk, sendBatch } from './update-batches.js';
import { runPool } from './worker-pool.js';

/** A valid row and what it needs. */
export interface PlannedRow {
  row: ValidRow;
  plan: WritePlan;
}

/** The customer endpoints the writes use (search: to resolve conflicts and lost creates). */
export type WriteApi = Pick<CustomerApi, 'createCustomer' | 'batchUpdate' | 'searchByUserIds'>;

/** Options of `writeRows`. */
export interface WriteOptions {
  api: WriteApi;
  sender: RequestSender;
  rows: readonly PlannedRow[];
  /** Called synchronously before each write request is sent: the journal's intent goes first. */
  beforeSend: BeforeSend;
  /** When aborted, no new write is sent; requests in flight finish and their outcomes are yielded. */
  signal?: AbortSignal;
  /** Writes in flight at most: the one cap (the pacer only spaces starts). Default 4. */
  concurrency?: number;
  /** Create attempts per row while answers are lost. Default 8. */
  createAttempts?: number;
  /** Told which custom attributes a create or batch answer did not hold (see check-attributes.ts). */
  attributes?: UnstoredTally;
}

/** A row waiting for a batch update, and the action its outcome will report once the batch lands. */
export interface PendingUpdate {
  row: ValidRow;
  id: number;
  /** The full merged record (batch updates replace). */
  fields: CustomerFields;
  /** `created` when the update completes a create whose answer was lost. */
  reportAs: 'created' | 'updated';
  /** The stored record before this run; absent when the run created the customer (undo deletes it). */
  before?: CustomerFields;
}

/** What the create and batch steps share: the ports, the abort signal, and where outcomes go. */
export interface WriteContext {
  api: WriteApi;
  sender: RequestSender;
  beforeSend: BeforeSend;
  /** Once aborted, no new write is sent; answers already on their way are still yielded. */
  signal: AbortSignal | undefined;
  done(row: ValidRow, action: WrittenRow['action'], id: number): void;
  fail(row: ValidRow, err: unknown): void;
  /** Where properties a write's answer did not hold are counted; absent: nobody asks. */
  attributes?: UnstoredTally | undefined;
}

/**
 * Writes the planned rows, yielding each outcome as it settles. The stream throws last (after every
 * request in flight settled and its outcome was yielded) on 401/403 or when the runner gave up retrying:
 * the caller stops the run and reports what was done. An aborted run ends the stream without an error.
 */
export function writeRows(options: WriteOptions): AsyncIterable<RowOutcome> {
  const channel = createChannel<RowOutcome>();
  const emit = (outcome: RowOutcome): void => channel.push(outcome);
  const ctx: WriteContext = {
    api: options.api,
    sender: options.sender,
    beforeSend: options.beforeSend,
    signal: options.signal,
    done: (row, action, id) => emit({ line: row.line, userId: row.contact.userId, action, id }),
    fail: (row, err) => emit({ line: row.line, userId: row.contact.userId, action: 'failed', ...describeFailure(err) }),
    attributes: options.attributes,
  };
  writeAll(ctx, options, emit).then(
    () => channel.end(),
    (error: unknown) => channel.end({ error }),
  );
  return channel;
}

async function writeAll(ctx: WriteContext, options: WriteOptions, emit: (outcome: RowOutcome) => void): Promise<void> {
  const pool = { concurrency: options.concurrency, signal: options.signal };
  const creates: { row: ValidRow; fields: CustomerFields }[] = [];
  const updates: PendingUpdate[] = [];
  for (const { row, plan } of options.rows) {
    const { line, contact } = row;
    // Rows that need no request settle at once, like unchanged ones.
    if (plan.action === 'skip') emit({ line, userId: contact.userId, action: plan.outcome, id: plan.id });
    else if (plan.action === 'refuse')
      emit({ line, userId: contact.userId, action: 'failed', status: null, code: plan.code, message: plan.message });
    else if (plan.action === 'unchanged') ctx.done(row, 'unchanged', plan.id);
    else if (plan.action === 'create') creates.push({ row, fields: plan.fields });
    else updates.push({ row, id: plan.id, fields: plan.fields, reportAs: 'updated', before: plan.before });
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
}
