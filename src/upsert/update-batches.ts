/**
 * Sends full merged records in `PUT /customers/batch` requests of up to ten. One bad item may sink the
 * whole batch (the API's per-item behaviour is unknown), so a rejected batch is split in halves until the
 * bad items stand alone: they fail with the API's error, every other row lands.
 */
import { isRowRejection } from './classify-failure.js';
import { BATCH_SIZE } from './plan-upserts.js';
import type { PendingUpdate, WriteContext } from './write-rows.js';

/** Cuts `items` into batches of at most `size`. */
export function chunk<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
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
  try {
    const body = items.map((item) => ({ id: item.id, fields: item.fields }));
    await ctx.sender.run('update', () => ctx.api.batchUpdate(body), { idempotent: true });
  } catch (err) {
    if (!isRowRejection(err)) throw err;
    await isolate(ctx, items, err);
    return;
  }
  for (const item of items) ctx.done(item.row, item.reportAs, item.id);
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
