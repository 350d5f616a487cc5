/**
 * The one consumer of the write flow. It owns the journal, the results/failures reports and the one
 * tally: an intent goes to the journal synchronously before its request is sent (`beforeSend`), and each
 * outcome goes to the journal first (it is the truth on resume), then to the reports, then to the tally.
 */
import { join } from 'node:path';
import { internalError } from '../errors.js';
import { openJournalWriter, type JournalHeader, type JournalWriter } from '../journal/journal.js';
import { settledOutcomes, type JournalState } from '../journal/read-journal.js';
import type { ValidRow } from '../model.js';
import { ReportFile } from '../report/report-files.js';
import { openWriteReports, type RowLayout, type WriteReports } from '../report/row-reports.js';
import type { OutcomeCounts } from '../report/summary.js';
import type { Redact } from '../secrets/redact-secrets.js';
import type { BeforeSend, RowOutcome, WriteImage } from '../upsert/ports.js';
import { LineSet } from '../line-set.js';

/** Where an apply writes, and what it continues. */
export interface RecorderOptions {
  reportDir: string | null;
  layout: RowLayout;
  /**
   * The row of a line being recorded, for the cells a failure repeats and the original id of a hashed one;
   * asked once per outcome (so the caller may drop the row), the resumed journal's rows included.
   */
  rowOf: (line: number) => ValidRow | undefined;
  /** Written first in a fresh journal. */
  header: JournalHeader;
  /** An unfinished earlier run being resumed: its settled rows are replayed into this run's reports. */
  resumed: JournalState | undefined;
  /** Keeps the run's secrets out of the journal and the reports. */
  redact?: Redact;
  /** `--hash-user-id`: the rows carry their original ids, and the reports show both. */
  hashedIds?: boolean;
}

/** Journal, reports and tally behind one interface. */
export interface OutcomeRecorder {
  /** Records the intent of a write before it is sent. Synchronous: the line is on disk when it returns. */
  beforeSend: BeforeSend;
  record(outcome: RowOutcome): void;
  readonly counts: OutcomeCounts;
  /** Marks the journal finished: nothing is left to resume. */
  finish(at: string): void;
  close(): Promise<void>;
}

export const noOutcomes = (): OutcomeCounts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 });

/** The tally an outcome counts in: both skips are `skipped`. */
const countKey = (action: RowOutcome['action']): keyof OutcomeCounts =>
  action === 'skipped_exists' || action === 'skipped_not_found' ? 'skipped' : action;

/** Opened just before the first write: a run that stops earlier leaves no journal and blocks nothing. */
export async function openOutcomeRecorder(options: RecorderOptions): Promise<OutcomeRecorder> {
  if (options.reportDir === null) throw internalError('An apply needs a report folder for its journal');
  const journal = openJournalWriter(join(options.reportDir, ReportFile.journal), options.redact);
  if (options.resumed === undefined) journal.append(options.header);
  // Holds the one row being recorded: the reports read its original id while it is written.
  const originalIds = options.hashedIds ? new Map<number, string>() : undefined;
  const reports = openWriteReports(options.reportDir, options.layout, options.redact, originalIds);
  const counts = noOutcomes();
  const seen = new LineSet();
  const store = (outcome: RowOutcome, sinks: { journal?: JournalWriter; reports: WriteReports }): void => {
    // Keyed by line: the dedupe stage guarantees one row per userId, and a line is never written twice.
    if (!seen.add(outcome.line)) throw internalError(`Row on line ${outcome.line} got a second outcome`);
    const row = options.rowOf(outcome.line);
    originalIds?.clear();
    originalIds?.set(outcome.line, row?.originalUserId ?? '');
    if (outcome.action === 'failed') {
      sinks.journal?.append({ type: 'failed', ...outcome });
      sinks.reports.failure(outcome, row?.cells ?? []);
    } else {
      sinks.journal?.append({ type: 'outcome', ...outcome });
      sinks.reports.result(outcome);
    }
    counts[countKey(outcome.action)] += 1;
  };
  // Rows the resumed journal settled go into this run's reports and counts without a request; its outcomes
  // are read again from the journal, not held (a million-row resume).
  if (options.resumed) {
    for await (const outcome of settledOutcomes(options.resumed)) store(outcome, { reports });
    for (const failure of options.resumed.failures.values()) store({ ...failure, action: 'failed' }, { reports });
  }
  return {
    beforeSend: (rows, action, images = []) => {
      for (const image of images) journal.append({ type: 'image', ...ownImage(image, options.resumed) });
      journal.append({ type: 'intent', action, lines: rows.map((row) => row.line) });
    },
    record: (outcome) => store(reclassify(outcome, options.resumed), { journal, reports }),
    counts,
    finish: (at) => journal.append({ type: 'finished', at }),
    close: async () => {
      journal.close();
      await reports.close();
    },
  };
}

/**
 * A row whose create an interrupted run had in flight, found now and updated, was that run's own: it is
 * counted created (`reclassify`), so its image gets no before-image, as after a lost create the run finds
 * itself (`adoptFound`). With one, an undo of a run stopped again while this update was in flight would
 * restore the record the run created instead of deleting it.
 */
function ownImage(image: WriteImage, resumed: JournalState | undefined): WriteImage {
  if (image.before === undefined || resumed?.inFlight.get(image.line) !== 'create') return image;
  const { before: _, ...sent } = image;
  return sent;
}

/**
 * A row an interrupted run had in flight was written by that run if it is found now: a create in flight
 * counts as created (even if the row now needs an update too, as an uninterrupted run counts a lost create
 * it finds, or `--mode create-only` skips it as existing: it exists because of that create), an update in
 * flight found unchanged counts as updated. So the resumed summary matches an uninterrupted run, and undo
 * deletes the customer the create made.
 */
export function reclassify(outcome: RowOutcome, resumed: JournalState | undefined): RowOutcome {
  const inFlight = resumed?.inFlight.get(outcome.line);
  if (inFlight === 'create' && (outcome.action === 'unchanged' || outcome.action === 'updated')) return { ...outcome, action: 'created' };
  if (inFlight === 'create' && outcome.action === 'skipped_exists' && outcome.id !== null)
    return { ...outcome, id: outcome.id, action: 'created' };
  if (inFlight === 'update' && outcome.action === 'unchanged') return { ...outcome, action: 'updated' };
  return outcome;
}
