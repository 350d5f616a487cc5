/**
 * Creates one customer per row, and never the same userId twice: a create whose answer was lost (no
 * answer, 5xx) is looked up before it is sent again, and "userId taken" turns the row into an update.
 */
import type { CustomerFields, StoredCustomer } from '../api/customer-api.js';
import type { ValidRow } from '../model.js';
import { unstoredProperties } from './check-attributes.js';
import { isRowRejection, isUserIdTaken, mayHaveApplied } from './classify-failure.js';
import { findCustomer } from './lookup-customers.js';
import { planRow } from './plan-upserts.js';
import type { PendingUpdate, WriteContext } from './write-types.js';

/**
 * Create attempts per row while answers keep getting lost and the lookup finds nothing. As many as the
 * runner gives any retried request (8), with the same jittered backoff between them: once the lookup proved
 * the last attempt was not applied, sending again is a plain retry. When they are used up, HelpCrunch is
 * taking no writes (a write outage: reads still answer), so the run stops, as it does when an update
 * batch's retries run out, rather than failing this row and burning every next one the same way; the row
 * stays in flight for `--resume`, which looks it up before anything is sent again.
 */
export const CREATE_ATTEMPTS = 8;

/**
 * Creates `row`. Returns the update that must follow when the row turned out to exist with other values
 * (it then joins the batch updates); otherwise the row's outcome is already recorded, or the run was
 * aborted between attempts (no outcome: the lookup proved nothing was created). Throws what ends the run,
 * the last attempt's error when every attempt was refused (5xx) or lost and never landed.
 */
export async function createRow(
  ctx: WriteContext,
  row: ValidRow,
  fields: CustomerFields,
  attempts = CREATE_ATTEMPTS,
): Promise<PendingUpdate | undefined> {
  // Set once an attempt may have been applied: a later "userId taken" is then most likely our own create.
  let mayHaveCreated = false;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (attempt > 0) {
      // Backed off like any retry: without it, a write outage took 8 creates and 8 lookups a row, back to back.
      try {
        await ctx.sender.backoff?.('create', attempt, lastError);
      } catch (err) {
        if (ctx.signal?.aborted !== true) throw err;
      }
      if (ctx.signal?.aborted === true) return undefined;
    }
    ctx.beforeSend([row], 'create', [{ line: row.line, userId: row.contact.userId, sent: fields }]);
    try {
      const stored = await ctx.sender.run('create', () => ctx.api.createCustomer(fields), { idempotent: false });
      ctx.attributes?.note(unstoredProperties(fields, stored));
      ctx.done(row, 'created', stored.id);
      return undefined;
    } catch (err) {
      if (isUserIdTaken(err)) return adoptExisting(ctx, row, err, mayHaveCreated ? 'created' : 'updated');
      if (isRowRejection(err)) {
        ctx.fail(row, err);
        return undefined;
      }
      if (!mayHaveApplied(err)) throw err;
      mayHaveCreated = true;
      lastError = err;
      const found = await findCustomer(ctx, row.contact.userId);
      if (found !== undefined) return adoptFound(ctx, row, found, 'created');
    }
  }
  // No outcome: the row's intent is journaled, so a resume looks it up and creates it once HelpCrunch writes again.
  throw lastError;
}

/** The userId exists: find it and carry on as an update (or nothing, when it already holds the row). */
async function adoptExisting(
  ctx: WriteContext,
  row: ValidRow,
  takenError: unknown,
  reportAs: 'created' | 'updated',
): Promise<PendingUpdate | undefined> {
  const found = await findCustomer(ctx, row.contact.userId);
  if (found === undefined) {
    // Taken but not findable (a search index lagging behind?): without an id it cannot be updated.
    ctx.fail(row, takenError);
    return undefined;
  }
  // Someone else's customer (not our own lost create): `--mode create-only` leaves it as the plan would have.
  if (reportAs === 'updated' && ctx.leaveExisting === true) {
    ctx.done(row, 'skipped_exists', found.id);
    return undefined;
  }
  return adoptFound(ctx, row, found, reportAs);
}

/** The customer exists: an update follows when it differs from the row, else the row is done. */
function adoptFound(ctx: WriteContext, row: ValidRow, found: StoredCustomer, reportAs: 'created' | 'updated'): PendingUpdate | undefined {
  const plan = planRow(row.contact, found);
  if (plan.action === 'refuse') {
    ctx.refuse(row, plan);
    return undefined;
  }
  if (plan.action === 'update') {
    // Found after our own lost create, the stored record is ours: undo deletes it, so it gets no before-image.
    const before = reportAs === 'updated' ? { before: plan.before } : {};
    return { row, id: plan.id, fields: plan.fields, reportAs, ...before };
  }
  ctx.done(row, reportAs === 'created' ? 'created' : 'unchanged', found.id);
  return undefined;
}
