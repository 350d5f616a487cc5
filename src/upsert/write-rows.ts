/**
 * The write flow: takes the planned rows and yields each row's outcome as it settles. Unchanged rows
 * settle at once; creates go first (a few in flight), then every update (planned ones and those creates
 * turned into) in as few batches as possible. The caller consumes the stream in one place.
 */
import type { ValidRow } from '../model.js';
import { memoryPlan, type PlanSource } from '../plan/plan-spill.js';
import { describeFailure } from './classify-failure.js';
import { CREATE_ATTEMPTS, createRow } from './create-customers.js';
import { createChannel } from './outcome-channel.js';
import type { UnstoredTally } from './check-attributes.js';
import type { BeforeSend, RequestSender, RowOutcome } from './ports.js';
import type { PendingUpdate, PlannedRow, WriteApi, WriteContext } from './write-types.js';
import { BATCH_SIZE } from './plan-upserts.js';
import { batchesOf, sendBatch } from './update-batches.js';
import { runPool } from './worker-pool.js';
import { WriteMode } from './write-modes.js';

export type { PlannedRow } from './write-types.js';

/** Options of `writeRows`. */
export interface WriteOptions {
  api: WriteApi;
  sender: RequestSender;
  /** The plan: in memory, or streamed from its spill files. */
  rows: readonly PlannedRow[] | PlanSource;
  /** Told each row just before its outcome is yielded (the recorder takes a failure's cells from it). */
  settling?: (row: ValidRow) => void;
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
  /** `--mode`: under create-only, a customer a create finds already there is left alone, as the plan leaves one it found. */
  mode?: WriteMode;
}

/**
 * Writes the planned rows, yielding each outcome as it settles. The stream throws last (after every
 * request in flight settled and its outcome was yielded) on 401/403, when the runner gave up retrying, or
 * when a create's attempts ran out on refused (5xx) or lost answers that never landed (a write outage): the
 * caller stops the run and reports what was done. An aborted run ends the stream without an error.
 */
export function writeRows(options: WriteOptions): AsyncIterable<RowOutcome> {
  const channel = createChannel<RowOutcome>();
  const emit = (outcome: RowOutcome): void => channel.push(outcome);
  const ctx: WriteContext = {
    api: options.api,
    sender: options.sender,
    beforeSend: options.beforeSend,
    signal: options.signal,
    done: (row, action, id) => {
      options.settling?.(row);
      emit({ line: row.line, userId: row.contact.userId, action, id });
    },
    fail: (row, err) => {
      options.settling?.(row);
      emit({ line: row.line, userId: row.contact.userId, action: 'failed', ...describeFailure(err) });
    },
    refuse: (row, { code, message }) => {
      options.settling?.(row);
      emit({ line: row.line, userId: row.contact.userId, action: 'failed', status: null, code, message });
    },
    attributes: options.attributes,
    leaveExisting: options.mode === WriteMode.createOnly,
  };
  writeAll(ctx, options, emit).then(
    () => channel.end(),
    (error: unknown) => channel.end({ error }),
  );
  return channel;
}

/** Jobs taken off the plan files at a time: enough to keep every worker busy, few enough to stay small. */
const WINDOW = 1_000;

async function writeAll(ctx: WriteContext, options: WriteOptions, emit: (outcome: RowOutcome) => void): Promise<void> {
  const pool = { concurrency: options.concurrency, signal: options.signal };
  const source = Array.isArray(options.rows) ? memoryPlan(options.rows as readonly PlannedRow[]) : (options.rows as PlanSource);
  for await (const { row, plan } of source.settled()) {
    const { line, contact } = row;
    // Rows that need no request settle at once, like unchanged ones.
    if (plan.action === 'skip') {
      options.settling?.(row);
      emit({ line, userId: contact.userId, action: plan.outcome, id: plan.id });
    } else if (plan.action === 'refuse') ctx.refuse(row, plan);
    else if (plan.action === 'unchanged') ctx.done(row, 'unchanged', plan.id);
  }
  // Creates first: the rows they turn into updates then share batches with the planned updates.
  const followUps: PendingUpdate[] = [];
  const createOne = async ({ row, plan }: PlannedRow): Promise<void> => {
    if (plan.action !== 'create') return;
    const followUp = await createRow(ctx, row, plan.fields, options.createAttempts ?? CREATE_ATTEMPTS);
    if (followUp !== undefined) followUps.push(followUp);
  };
  for await (const window of windows(source.creates(), WINDOW)) {
    if (options.signal?.aborted) return;
    await runPool(window, createOne, pool);
  }
  // Whole batches only until the last: a remainder waits for the next window, so batches are as few as in memory.
  let carried: PendingUpdate[] = [];
  for await (const window of windows(source.updates(), WINDOW)) {
    if (options.signal?.aborted) return;
    const updates = [...carried, ...window.flatMap(pendingOf)];
    const whole = updates.length - (updates.length % BATCH_SIZE);
    carried = updates.slice(whole);
    await runPool(batchesOf(updates.slice(0, whole)), (batch) => sendBatch(ctx, batch), pool);
  }
  if (options.signal?.aborted) return;
  await runPool(batchesOf([...carried, ...followUps]), (batch) => sendBatch(ctx, batch), pool);
}

const pendingOf = ({ row, plan }: PlannedRow): PendingUpdate[] =>
  plan.action === 'update' ? [{ row, id: plan.id, fields: plan.fields, reportAs: 'updated', before: plan.before }] : [];

/** The items of `items`, `size` at a time. */
async function* windows<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let window: T[] = [];
  for await (const item of items) {
    window.push(item);
    if (window.length === size) {
      yield window;
      window = [];
    }
  }
  if (window.length > 0) yield window;
}
