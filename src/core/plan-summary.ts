import type { PlanSummary } from '../report/summary.js';
import type { PlanOutline } from '../upsert/prepare-writes.js';
import type { Connection } from './connect.js';

/** The rate the API documents; used for "how long would this take" when the run itself is unpaced. */
export const DEFAULT_RATE_PER_MINUTE = 120;

/** What the plan costs: requests already spent on lookups plus the writes, and the time at the rate. */
export function summarisePlan(
  plan: PlanOutline,
  connection: Connection,
  ratePerMinute: number,
  changes: PlanSummary['changes'],
): PlanSummary {
  const totalRequests = connection.runner.stats().requests + plan.writeRequests;
  const rate = Number.isFinite(ratePerMinute) ? ratePerMinute : DEFAULT_RATE_PER_MINUTE;
  return {
    create: plan.counts.create,
    update: plan.counts.update,
    unchanged: plan.counts.unchanged,
    skipped: plan.counts.skipped,
    failed: plan.counts.failed,
    adoptable: plan.adoptable,
    changes,
    writeRequests: plan.writeRequests,
    totalRequests,
    ratePerMinute: rate,
    minutesAtRate: totalRequests / rate,
  };
}
