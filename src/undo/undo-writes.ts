/**
 * Sends an undo's writes: a `DELETE /customers/{id}` per customer the run created, and the before-images of
 * the customers it updated in `PUT /customers/batch` requests of up to ten (replace semantics put back every
 * field, tags and custom attributes included). A rejected batch is halved until the bad item stands alone,
 * as an import's are. Each step settles through `settle` as its answer comes; what ends the run is thrown
 * once every request in flight has settled.
 */
import { ApiError } from '../api/api-errors.js';
import type { CustomerApi, CustomerFields, DeleteApi } from '../api/customer-api.js';
import { describeFailure, isRowRejection } from '../upsert/classify-failure.js';
import type { RequestSender } from '../upsert/ports.js';
import { batchesOf } from '../upsert/update-batches.js';
import { runPool } from '../upsert/worker-pool.js';
import type { UndoOutcome, UndoStep } from './plan-undo.js';

/** The endpoints an undo writes with. */
export type UndoWriteApi = Pick<CustomerApi, 'batchUpdate'> & DeleteApi;

/** Options of `sendUndoWrites`. */
export interface UndoWriteOptions {
  api: UndoWriteApi;
  sender: RequestSender;
  /** Restores and deletes; other steps are ignored. Read twice: deletes first, then restores. */
  steps: Iterable<UndoStep>;
  /** Once aborted no new request is sent; those in flight settle. */
  signal: AbortSignal | undefined;
  concurrency: number;
  /** The record a restore sends back (read again from the run's journal). */
  beforeOf(step: UndoStep): CustomerFields;
  /** Synchronous, right before each request: the undo journal's intent goes first. */
  beforeSend(steps: readonly UndoStep[], action: 'restore' | 'delete'): void;
  settle(step: UndoStep, outcome: UndoOutcome, reason: string): void;
}

/** Sends every delete and restore batch through one pool of `concurrency` workers. */
export async function sendUndoWrites(options: UndoWriteOptions): Promise<void> {
  await runPool(jobsOf(options), (job) => job(), { concurrency: options.concurrency, signal: options.signal });
}

/** The requests, made as the pool takes them: a million deletes are not a million closures held at once. */
function* jobsOf(options: UndoWriteOptions): Generator<() => Promise<void>> {
  for (const step of stepsOf(options.steps, 'delete')) yield () => deleteOne(options, step);
  for (const batch of batchesOf(stepsOf(options.steps, 'restore'))) yield () => restore(options, batch);
}

function* stepsOf(steps: Iterable<UndoStep>, action: 'delete' | 'restore'): Generator<UndoStep> {
  for (const step of steps) if (step.action === action) yield step;
}

const failReason = (err: unknown): string => {
  const { code, message } = describeFailure(err);
  return `${code}: ${message}`;
};

async function deleteOne(options: UndoWriteOptions, step: UndoStep): Promise<void> {
  const id = step.id as number;
  options.beforeSend([step], 'delete');
  let attempts = 0;
  try {
    // Safe to retry: a delete whose answer was lost answers 404 the second time, and ids are never reused.
    await options.sender.run(
      'delete',
      () => {
        attempts += 1;
        return options.api.deleteCustomer(id);
      },
      { idempotent: true },
    );
    options.settle(step, 'deleted', step.reason);
  } catch (err) {
    // A 404 on a retry is most likely this undo's own delete, whose answer was lost (the lookup found it just now).
    if (err instanceof ApiError && err.status === 404 && attempts > 1) options.settle(step, 'deleted', step.reason);
    else if (err instanceof ApiError && err.status === 404) options.settle(step, 'already_undone', 'already deleted');
    else if (isRowRejection(err)) options.settle(step, 'failed', failReason(err));
    else throw err;
  }
}

async function restore(options: UndoWriteOptions, batch: readonly UndoStep[]): Promise<void> {
  options.beforeSend(batch, 'restore');
  try {
    const items = batch.map((step) => ({ id: step.id as number, fields: options.beforeOf(step) }));
    await options.sender.run('update', () => options.api.batchUpdate(items), { idempotent: true });
  } catch (err) {
    if (!isRowRejection(err)) throw err;
    const [only] = batch;
    if (batch.length === 1 && only !== undefined) {
      options.settle(only, 'failed', failReason(err));
      return;
    }
    const half = Math.ceil(batch.length / 2);
    for (const part of [batch.slice(0, half), batch.slice(half)]) {
      if (options.signal?.aborted === true) return;
      await restore(options, part);
    }
    return;
  }
  for (const step of batch) options.settle(step, 'restored', step.reason);
}
