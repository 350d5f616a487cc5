import type { OutcomeCounts } from '../report/summary.js';
import { formatDuration } from './render-summary.js';

/** Where the writes stand, as the last `write` event told it. */
export interface WriteProgress {
  done: number;
  total: number;
  outcomes: OutcomeCounts;
  /** Requests sent so far, of every kind (lookups before the plan included), retries included. */
  requests: number;
  retries: number;
  rateLimited: number;
}

/** What the pace is measured against. */
export interface PaceBasis {
  /** Requests per minute the run may send; Infinity when unpaced (the sandbox). */
  limit: number;
  /** Requests the plan needs in all, lookups already made included. */
  plannedRequests: number;
  /** Requests sent when the writes began, and when that was. */
  requestsAtStart: number;
  startedAt: number;
}

/** Under this much time the measured rate is noise (a few requests in flight at once), so the limit is used. */
const SETTLE_MS = 20_000;

const n = (value: number): string => Math.round(value).toLocaleString('en-US');

/**
 * The achieved rate (requests of every kind per minute since the writes began) and the time left: the
 * requests the plan still needs (plus nothing for retries already made) at the pace kept — the limit until
 * the measurement settles, then the slower of the limit and the measured rate. So the first ETA is the plan's.
 */
export function measurePace(progress: Pick<WriteProgress, 'requests' | 'retries'>, basis: PaceBasis, now: number) {
  const elapsed = now - basis.startedAt;
  const sent = progress.requests - basis.requestsAtStart;
  const measured = elapsed > 0 && sent > 0 ? sent / (elapsed / 60_000) : undefined;
  const settled = measured !== undefined && elapsed >= SETTLE_MS;
  const finite = Number.isFinite(basis.limit);
  const pace = finite ? (settled ? Math.min(basis.limit, measured) : basis.limit) : settled ? measured : undefined;
  const left = Math.max(0, basis.plannedRequests + progress.retries - progress.requests);
  return { perMinute: settled ? measured : undefined, measured, etaMinutes: pace ? left / pace : undefined, left };
}

/** `40 written, 18 unchanged, 0 failed`: a run that changes nothing must not read as if it wrote. */
export function describeOutcomes({ created, updated, unchanged, skipped, failed }: OutcomeCounts): string {
  const skips = skipped > 0 ? `, ${n(skipped)} skipped` : '';
  return `${n(created + updated)} written, ${n(unchanged)} unchanged${skips}, ${n(failed)} failed`;
}

/** `61 of 320 requests, 109/min of 110, ETA 2 min` (+ retries and 429s when there were any). */
export function describePace(progress: WriteProgress, basis: PaceBasis, now: number): string {
  const { perMinute, measured, etaMinutes } = measurePace(progress, basis, now);
  // At the end the whole run's average is the figure, however short the run was.
  const shown = progress.done >= progress.total ? measured : perMinute;
  const rate = `${shown === undefined ? '…' : n(shown)}/min${Number.isFinite(basis.limit) ? ` of ${n(basis.limit)}` : ''}`;
  const eta = progress.done >= progress.total ? 'done' : etaMinutes === undefined ? '…' : formatDuration(etaMinutes);
  const troubles =
    progress.retries + progress.rateLimited > 0 ? `, retries ${n(progress.retries)}, rate-limited ${n(progress.rateLimited)}` : '';
  return `${n(progress.requests)} of ${n(basis.plannedRequests + progress.retries)} requests, ${rate}, ETA ${eta}${troubles}`;
}

/** The bar itself: 20 cells. */
export function drawBar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((20 * Math.min(done, total)) / total) : 20;
  return `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
}
