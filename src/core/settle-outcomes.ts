import type { JournalWriter } from '../journal/journal.js';
import type { JournalState } from '../journal/read-journal.js';
import type { ValidRow } from '../model.js';
import type { ApplyReports } from '../report/row-reports.js';
import type { RowOutcome } from '../upsert/ports.js';

export type AppliedCounts = { created: number; updated: number; unchanged: number; failed: number };

/** Where confirmed rows go: the journal first (it is the truth on resume), then the reports. */
export interface Sinks {
  journal: JournalWriter;
  reports: ApplyReports;
}

/**
 * A row an interrupted run had in flight was written by that run if it is found now: a create in flight
 * counts as created (even if the row now needs an update too, as an uninterrupted run counts a lost create
 * it finds), an update in flight found unchanged counts as updated. So the resumed summary matches an
 * uninterrupted run.
 */
export function reclassify(outcome: RowOutcome, resumed: JournalState | undefined): RowOutcome {
  const inFlight = resumed?.inFlight.get(outcome.line);
  if (inFlight === 'create' && (outcome.action === 'unchanged' || outcome.action === 'updated')) return { ...outcome, action: 'created' };
  if (inFlight === 'update' && outcome.action === 'unchanged') return { ...outcome, action: 'updated' };
  return outcome;
}

/** Records one row's fate: journal line (flushed), report line, count. */
export function settle(sinks: Sinks, outcome: RowOutcome, byLine: Map<number, ValidRow>, applied: AppliedCounts): void {
  if (outcome.action === 'failed') {
    sinks.journal.append({ type: 'failed', ...outcome });
    sinks.reports.failure({ ...outcome, cells: byLine.get(outcome.line)?.cells ?? [] });
  } else {
    sinks.journal.append({ type: 'outcome', ...outcome });
    sinks.reports.result(outcome);
  }
  applied[outcome.action] += 1;
}

/** On resume, rows the journal settled go into this run's reports and counts without a request. */
export function replaySettled(sinks: Sinks, resumed: JournalState, byLine: Map<number, ValidRow>, applied: AppliedCounts): void {
  for (const outcome of resumed.outcomes.values()) {
    sinks.reports.result(outcome);
    applied[outcome.action] += 1;
  }
  for (const failure of resumed.failures.values()) {
    sinks.reports.failure({ ...failure, cells: byLine.get(failure.line)?.cells ?? [] });
    applied.failed += 1;
  }
}
