/**
 * Pure decisions of an undo: what each touched customer needs, given what HelpCrunch holds now. A customer
 * is written back only while it still holds exactly what the run wrote; one changed since (an agent, the
 * widget, another import) is kept and reported, never overwritten (`--force` overrides that for restores,
 * never for deletes).
 */
import type { StoredCustomer } from '../api/customer-api.js';
import type { EntrySpan } from '../journal/read-journal.js';
import type { TouchedCustomer, TouchedRecords } from './read-run-journal.js';
import { holdsRecord } from './same-record.js';

/** What the undo will do for one customer. */
export const UNDO_ACTIONS = ['restore', 'delete', 'keep', 'already_undone'] as const;
export type UndoAction = (typeof UNDO_ACTIONS)[number];

/** How one customer's undo ended, as `undone.csv` names it. */
export const UNDO_OUTCOMES = ['restored', 'deleted', 'kept', 'already_undone', 'failed'] as const;
export type UndoOutcome = (typeof UNDO_OUTCOMES)[number];

/**
 * The customer a planned step acts on: what its write and its report line need. No record is held: a
 * million-row undo would hold every one until it ends; a restore reads its before-image again to send it.
 */
export interface UndoTarget {
  line: number;
  userId: string;
  /** Where the journal holds the record a restore sends back; only on a restore. */
  beforeAt?: EntrySpan;
}

/** One customer's planned step. `id` is set for a restore or a delete. */
export interface UndoStep {
  customer: UndoTarget;
  action: UndoAction;
  id?: number;
  reason: string;
}

function step({ line, userId, beforeAt }: TouchedCustomer, action: UndoAction, reason: string, id?: number): UndoStep {
  const customer: UndoTarget = action === 'restore' && beforeAt !== undefined ? { line, userId, beforeAt } : { line, userId };
  return { customer, action, reason, ...(id === undefined ? {} : { id }) };
}

/**
 * Decides one customer's step from its `records` (as the run sent it, and before) and `current`, the
 * customer holding its user_id now (undefined: none). A customer found under another id than the run wrote
 * is another customer: the run's one is gone.
 */
export function planUndoStep(
  customer: TouchedCustomer,
  records: TouchedRecords,
  current: StoredCustomer | undefined,
  force: boolean,
): UndoStep {
  const same = current !== undefined && (customer.id === undefined || current.id === customer.id);
  if (customer.change === 'created') {
    if (!same) return step(customer, 'already_undone', customer.confirmed ? 'no longer in HelpCrunch' : 'never created');
    if (holdsRecord(current.fields, records.sent)) return step(customer, 'delete', 'created by the run', current.id);
    return step(customer, 'keep', 'changed since the run; a delete is never forced');
  }
  if (!same) {
    return current === undefined
      ? step(customer, 'keep', 'deleted since the run: it cannot be restored')
      : step(customer, 'keep', `deleted since the run; customer ${current.id} holds its user_id now`);
  }
  if (holdsRecord(current.fields, records.before ?? {})) return step(customer, 'already_undone', 'already as before the run');
  if (holdsRecord(current.fields, records.sent)) return step(customer, 'restore', 'updated by the run', current.id);
  if (force) return step(customer, 'restore', 'changed since the run; restored with --force', current.id);
  return step(customer, 'keep', 'changed since the run');
}

/** The plan's counts, for the question and the summary. */
export interface UndoPlanCounts {
  restore: number;
  delete: number;
  keep: number;
  already_undone: number;
}

export function countSteps(steps: Iterable<UndoStep>): UndoPlanCounts {
  const counts: UndoPlanCounts = { restore: 0, delete: 0, keep: 0, already_undone: 0 };
  for (const { action } of steps) counts[action] += 1;
  return counts;
}

/** Write requests the plan needs: one per delete, one per ten restores. */
export function undoWriteRequests(counts: UndoPlanCounts, batchSize: number): number {
  return counts.delete + Math.ceil(counts.restore / batchSize);
}

/** What a planned step ends as when it needs no request. */
export const settledAs: Partial<Record<UndoAction, UndoOutcome>> = { keep: 'kept', already_undone: 'already_undone' };
