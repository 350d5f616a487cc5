/**
 * Sends full merged records in `PUT /customers/batch` requests of up to ten. One bad item may sink the
 * whole batch (the API's per-item behaviour is unknown), so a rejected batch is split in halves until the
 * bad items stand alone: they fail with the API's error, every other row lands.
 */
import type { StoredCustomer } from '../api/customer-api.js';
import { unstoredProperties } from './check-attributes.js';
import { isRowRejection } from './classify-failure.js';
import { BATCH_SIZE } from './plan-upserts.js';
import type { PendingUpdate, WriteContext } from './write-types.js';

/** Cuts `items` into batches of at most `size`, in order, as they are taken (a pool takes them one by one). */
export function* batchesOf<T>(items: Iterable<T>, size = BATCH_SIZE): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Sends one batch and records its rows. A full record sent twice stores the same thing, so the request is
 * idempotent and the runner may retry it after a 5xx or a lost answer. Throws what ends the run.
 */
export async function sendBatch(ctx: WriteContext, items: readonly PendingUpdate[]): Promise<void> {
  const images = items.map(({ row, id, fields, before }) => ({ line: row.line, userId: row.contact.userId, id, sent: fields, before }));
  ctx.beforeSend(
    items.map((item) => item.row),
    'update',
    images,
  );
  let answer: readonly StoredCustomer[] | undefined;
  try {
    const body = items.map((item) => ({ id: item.id, fields: item.fields }));
    answer = (await ctx.sender.run('update', () => ctx.api.batchUpdate(body), { idempotent: true })) ?? undefined;
  } catch (err) {
    if (!isRowRejection(err)) throw err;
    await isolate(ctx, items, err);
    return;
  }
  checkAnswer(ctx, items, answer);
  for (const item of items) ctx.done(item.row, item.reportAs, item.id);
}

/** When the batch answer holds the customers, the attributes sent are checked against them. */
function checkAnswer(ctx: WriteContext, items: readonly PendingUpdate[], answer: readonly StoredCustomer[] | undefined): void {
  if (ctx.attributes === undefined || answer === undefined || answer.length === 0) return;
  ctx.attributes.checkedUpdates();
  const byId = new Map(answer.map((customer) => [customer.id, customer]));
  for (const item of items) {
    const stored = byId.get(item.id);
    if (stored !== undefined) ctx.attributes.note(unstoredProperties(item.fields, stored));
  }
}

async function isolate(ctx: WriteContext, items: readonly PendingUpdate[], err: unknown): Promise<void> {
  const [only] = items;
  if (items.length === 1 && only !== undefined) {
    ctx.fail(only.row, err);
    return;
  }
  const half = Math.ceil(items.length / 2);
  for (const part of [items.slice(0, half), items.slice(half)]) {
    // The halves are new requests: after an abort they are not sent, and their rows stay unattempted.
    if (ctx.signal?.aborted === true) return;
    await sendBatch(ctx, part);
  }
}
