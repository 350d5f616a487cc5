import type { ChalkInstance } from 'chalk';
import type { Summary } from '../report/summary.js';
import type { HashingDescription } from '../rows/hash-user-id.js';
import { BATCH_SIZE } from '../upsert/plan-upserts.js';
import { printableDeep } from './printable.js';
import { renderColumns } from './render-columns.js';
import { explainRowsNotApplied } from './explain-exit.js';
import { renderChanges, renderVerdict, verifyDiffers } from './render-changes.js';

const n = (value: number): string => value.toLocaleString('en-US');

/** Minutes as a person reads them: "40 s", "12 min", "3 h 20 min". */
export function formatDuration(minutes: number): string {
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))} s`;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes - hours * 60);
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The plan in one line, e.g. `1,204 to create, 310 to update (31 requests), 8,012 unchanged — 1,236 requests, about 10 min at 120/min`. */
export function renderPlan(plan: NonNullable<Summary['plan']>, minutes = plan.minutesAtRate): string {
  const batches = Math.ceil(plan.update / BATCH_SIZE);
  const rate = Number.isFinite(plan.ratePerMinute) ? `, about ${formatDuration(minutes)} at ${n(plan.ratePerMinute)}/min` : '';
  return (
    `${n(plan.create)} to create, ${n(plan.update)} to update (${n(batches)} request${batches === 1 ? '' : 's'}), ` +
    `${n(plan.unchanged)} unchanged${settledWithout(plan)} — ` +
    `${n(plan.writeRequests)} write request${plan.writeRequests === 1 ? '' : 's'}${rate}`
  );
}

/** How dates were read, when a column fed a date field: the zone a date without one was read in. */
function datesLine(summary: Summary): string | undefined {
  const { mapping } = summary.input;
  if (mapping['first_seen'] === undefined && mapping['last_seen'] === undefined) return undefined;
  const { timezone, dateFormat } = summary.options;
  const order = dateFormat === 'DMY' ? 'day first' : dateFormat === 'MDY' ? 'month first' : 'refused (no --date-format)';
  return `  dates without a zone read in ${String(timezone ?? 'UTC')}; slashed dates ${order}`;
}

/** Rows the mode skips and rows refused while planning, when there are any. */
function settledWithout({ skipped, failed }: NonNullable<Summary['plan']>): string {
  return `${skipped > 0 ? `, ${n(skipped)} skipped` : ''}${failed > 0 ? `, ${n(failed)} to fail` : ''}`;
}

/** The short human summary printed on stdout when --json is not given. */
export function renderSummary(given: Summary, chalk: ChalkInstance): string {
  // Headers, warnings, errors and values in it come from the file or from HelpCrunch: no control character reaches the terminal.
  const summary = printableDeep(given);
  const { counts, requests } = summary;
  const bad = (value: number, text: string): string => (value > 0 ? chalk.yellow(text) : text);
  const lines: string[] = [];
  lines.push(chalk.bold(`${title(summary)}: ${summary.input.path}`));
  lines.push(
    `  rows ${n(counts.rows)}: ${chalk.green(`${n(counts.valid)} valid`)}, ` +
      `${bad(counts.rejected, `${n(counts.rejected)} rejected`)}, ${bad(counts.duplicates, `${n(counts.duplicates)} duplicates`)}`,
  );
  const hashing = summary.options['hashUserId'] as HashingDescription | null | undefined;
  if (hashing) {
    const prefix = hashing.prefix === '' ? '' : ` after "${hashing.prefix}"`;
    lines.push(`  user_ids written as ${hashing.scheme} hashes${prefix} (secret fingerprint ${hashing.secretFingerprint})`);
  }
  if (summary.mode === 'apply') {
    lines.push(
      `  ${chalk.green(`${n(counts.created)} created`)}, ${n(counts.updated)} updated, ${n(counts.unchanged)} unchanged, ` +
        (counts.skipped > 0 ? `${n(counts.skipped)} skipped, ` : '') +
        `${counts.failed > 0 ? chalk.red(`${n(counts.failed)} failed`) : '0 failed'}`,
    );
  } else if (summary.plan) {
    lines.push(`  plan: ${renderPlan(summary.plan)}`);
  }
  lines.push(...renderChanges(summary), ...renderVerdict(summary, chalk));
  if (requests.total > 0) {
    const { lookup, create, update } = requests.byKind;
    lines.push(
      `  requests ${n(requests.total)} (lookup ${n(lookup)}, create ${n(create)}, update ${n(update)}), ` +
        `rate-limited ${n(requests.rateLimited)}, retries ${n(requests.retries)}`,
    );
  }
  const dates = datesLine(summary);
  if (dates) lines.push(dates);
  lines.push(...renderColumns(summary));
  const reasons = Object.entries(summary.reasons).map(([code, count]) => `${code} ${n(count)}`);
  if (reasons.length > 0) lines.push(`  reject reasons: ${reasons.join(', ')}`);
  for (const warning of summary.warnings) lines.push(chalk.yellow(`  warning: ${warning.message}`));
  if (summary.error) lines.push(chalk.red(`  stopped: ${summary.error.message}`));
  const why = verifyDiffers(summary) ? undefined : explainRowsNotApplied(summary);
  if (why !== undefined) lines.push(chalk.yellow(`  ${why}`));
  const end = endLine(summary);
  if (end) lines.push(chalk.yellow(`  ${end}`));
  lines.push(`  took ${formatDuration(summary.timings.durationMs / 60_000)}; report: ${summary.reportDir ?? 'none'}`);
  return `${lines.join('\n')}\n`;
}

function title(summary: Summary): string {
  if (summary.mode === 'dry-run') return 'Dry run';
  if (summary.mode === 'verify') return 'Verify';
  return summary.status === 'finished' ? 'Import finished' : `Import ${summary.status.replace('-', ' ')}`;
}

/** What an apply that did not finish left: nothing written at all, or how many rows are still to go. */
function endLine({ mode, status, counts, requests }: Summary): string | undefined {
  if (mode !== 'apply' || status === 'finished') return undefined;
  if (status === 'not-confirmed') return 'not confirmed: nothing was written';
  const left = counts.valid - (counts.created + counts.updated + counts.unchanged + counts.skipped + counts.failed);
  const rowsLeft = `${n(left)} row${left === 1 ? '' : 's'} left`;
  return requests.byKind.create + requests.byKind.update === 0
    ? `${status}: nothing was written, ${rowsLeft}`
    : `${status} with ${rowsLeft}`;
}
