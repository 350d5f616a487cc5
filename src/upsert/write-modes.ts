/**
 * `--mode` and the rows that settle without a write request: a mode's skips, and rows refused while
 * planning (an email that does not point at one customer to adopt). Pure decisions on a row's plan.
 */
import type { RefusedPlan, RowPlan } from './plan-upserts.js';

/** Which writes a run may make (`--mode`). */
export const WriteMode = { upsert: 'upsert', createOnly: 'create-only', updateOnly: 'update-only' } as const;
export type WriteMode = (typeof WriteMode)[keyof typeof WriteMode];

/** A row that settles at once, with no write request: skipped by the mode, or refused while planning. */
export type SettledPlan = { action: 'skip'; outcome: 'skipped_exists' | 'skipped_not_found'; id: number | null } | RefusedPlan;

/** Everything a planned row can need. */
export type WritePlan = RowPlan | SettledPlan;

/** `create-only` leaves every existing customer alone (changed or not); `update-only` never creates. */
export function applyMode(plan: WritePlan, mode: WriteMode): WritePlan {
  if (mode === WriteMode.createOnly && (plan.action === 'update' || plan.action === 'unchanged')) {
    return { action: 'skip', outcome: 'skipped_exists', id: plan.id };
  }
  if (mode === WriteMode.updateOnly && plan.action === 'create') return { action: 'skip', outcome: 'skipped_not_found', id: null };
  return plan;
}

/** How many rows a plan holds of each kind. */
export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  /** Rows the mode keeps from being written. */
  skipped: number;
  /** Rows refused while planning (adopt-by-email conflicts): failures that cost no request. */
  failed: number;
}

export function countPlans(plans: Iterable<WritePlan>): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const plan of plans) {
    if (plan.action === 'skip') counts.skipped += 1;
    else if (plan.action === 'refuse') counts.failed += 1;
    else counts[plan.action] += 1;
  }
  return counts;
}
