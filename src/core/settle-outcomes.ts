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
 * A row an interrupted run had in flight, found unchanged now, was written by that run: it counts as the
 * create or update that was in flight, so the resumed summary matches an uninterrupted run.
 */
export function reclassify(outcome: RowOutcome, resumed: JournalState | undefined): RowOutcome {
  const inFlight = resumed?.inFlight.get(outcome.line);
  if (inFlight === undefined || outcome.action !== 'unchanged') return outcome;
  return { ...outcome, action: inFlight === 'create' ? 'created' : 'updated' };
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
