/**
 * The undo's record keeping: its journal (before each request, and as each customer settles) and, at the
 * end, `undone.csv` (one line per customer the run touched) and `summary.json` in its own folder.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type JournalWriter, openJournalWriter } from '../journal/journal.js';
import { PRIVATE_FOLDER } from '../disk-writes.js';
import { openCsvReport, partialName, ReportFile, writeJsonAtomically } from '../report/report-files.js';
import { removeReportFiles } from '../report/report-folder.js';
import type { Redact } from '../secrets/redact-secrets.js';
import type { UndoStep } from './plan-undo.js';
import { type SettledStep, SettledSteps, type UndoCounts } from './settled-steps.js';
import { UNDO_FOLDER, type UndoJournalEntry, type UndoJournalState } from './undo-journal.js';

/** The undo's report of what became of each customer. */
export const UNDONE_CSV = 'undone.csv';
const UNDONE_HEADER = ['_line', 'user_id', 'action', 'reason'];

/** Journal and tally of one undo. */
export interface UndoRecorder {
  readonly dir: string;
  beforeSend(steps: readonly UndoStep[], action: 'restore' | 'delete'): void;
  settle(step: SettledStep): void;
  /** Every customer settled so far, those of the undo being resumed included. */
  readonly settled: Pick<SettledSteps, 'has' | 'size'>;
  counts(): UndoCounts;
  finish(at: string): void;
  /** Writes undone.csv and summary.json, and closes the journal. */
  close(summary: unknown): Promise<void>;
}

/** Lines of undone.csv written between waits for the file: a million lines at once were 190 MB of buffers. */
const DRAIN_EVERY = 1000;

/** A fresh folder `undo/<UTC time to the ms>` (another suffix if two undos start in the same ms). */
export async function createUndoFolder(runDir: string, now: number): Promise<string> {
  const root = join(runDir, UNDO_FOLDER);
  await mkdir(root, { recursive: true, mode: PRIVATE_FOLDER });
  const stamp = new Date(now).toISOString().replaceAll(':', '-');
  for (let attempt = 0; ; attempt += 1) {
    const dir = join(root, attempt === 0 ? stamp : `${stamp}-${attempt}`);
    try {
      await mkdir(dir, { mode: PRIVATE_FOLDER });
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Options of `openUndoRecorder`. */
export interface UndoRecorderOptions {
  dir: string;
  /** The undo being continued; its settled customers are carried into this run's report. */
  resumed: UndoJournalState | undefined;
  /** Written first in a fresh journal. */
  header: Extract<UndoJournalEntry, { type: 'undo-header' }>;
  redact: Redact;
}

export async function openUndoRecorder({ dir, resumed, header, redact }: UndoRecorderOptions): Promise<UndoRecorder> {
  // A killed undo leaves its reports half-written under their partial names.
  if (resumed !== undefined) await removeReportFiles(dir, [UNDONE_CSV, ReportFile.summary].map(partialName));
  const journal: JournalWriter<UndoJournalEntry> = openJournalWriter<UndoJournalEntry>(join(dir, ReportFile.journal), redact);
  if (resumed === undefined) journal.append(header);
  // Taken over from the undo being resumed: its settled customers are this one's too.
  const settled = resumed?.settled ?? new SettledSteps();
  return {
    dir,
    settled,
    beforeSend: (steps, action) => journal.append({ type: 'intent', action, lines: steps.map((step) => step.customer.line) }),
    settle(step) {
      journal.append({ type: 'settled', ...step });
      settled.add(step);
    },
    counts: () => settled.counts(),
    finish: (at) => journal.append({ type: 'finished', at }),
    async close(summary) {
      journal.close();
      const csv = openCsvReport(dir, UNDONE_CSV, UNDONE_HEADER, redact);
      let written = 0;
      for (const step of settled.inLineOrder()) {
        csv.write([String(step.line), step.userId, step.action, step.reason]);
        written += 1;
        if (written % DRAIN_EVERY === 0) await csv.drained();
      }
      await csv.close();
      await writeJsonAtomically(dir, ReportFile.summary, summary);
    },
  };
}
