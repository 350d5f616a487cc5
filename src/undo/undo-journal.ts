/**
 * The undo's own journal, `undo/<UTC time>/journal.jsonl` in the run's report folder, kept like an import's:
 * an intent is on disk before its request leaves, every customer's end is a `settled` line, and `finished`
 * closes it. A resume settles nothing twice and looks up again what an intent left in flight.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { forEachEntry } from '../journal/read-journal.js';
import { ReportFile } from '../report/report-files.js';
import { type SettledStep, SettledSteps } from './settled-steps.js';

export type UndoJournalEntry =
  /** `runStartedAt`: the undone run's own start (its journal's header); absent in undos written before it. */
  | { type: 'undo-header'; version: 1; run: string; runStartedAt?: string; startedAt: string; force: boolean }
  | { type: 'intent'; action: 'restore' | 'delete'; lines: number[] }
  | ({ type: 'settled' } & SettledStep)
  | { type: 'finished'; at: string };

/** What an earlier undo's journal says. */
export interface UndoJournalState {
  dir: string;
  settled: SettledSteps;
  /** Lines whose write was sent with no answer recorded, and what it was. */
  inFlight: Map<number, 'restore' | 'delete'>;
  finished: boolean;
  /** The start of the run it undid, as its header names it. */
  runStartedAt?: string;
  /** Whether it was started with --force: a resume continues it so. */
  force: boolean;
}

/** The folder every undo of a run writes under. */
export const UNDO_FOLDER = 'undo';

/** Reads one undo folder's journal, folding it as it streams; undefined when it has none. */
export async function readUndoJournal(dir: string): Promise<UndoJournalState | undefined> {
  const state: UndoJournalState = { dir, settled: new SettledSteps(), inFlight: new Map(), finished: false, force: false };
  let first: UndoJournalEntry['type'] | undefined;
  await forEachEntry<UndoJournalEntry>(join(dir, ReportFile.journal), (entry) => {
    first ??= entry.type;
    if (first !== 'undo-header') return;
    if (entry.type === 'undo-header')
      Object.assign(state, { force: entry.force }, entry.runStartedAt === undefined ? {} : { runStartedAt: entry.runStartedAt });
    if (entry.type === 'intent') for (const line of entry.lines) state.inFlight.set(line, entry.action);
    if (entry.type === 'settled') {
      state.settled.add({ line: entry.line, userId: entry.userId, action: entry.action, reason: entry.reason });
      state.inFlight.delete(entry.line);
    }
    if (entry.type === 'finished') state.finished = true;
  });
  return first === 'undo-header' ? state : undefined;
}

/** An undo folder's name: its UTC start (`createUndoFolder`), and `-N` when others started in the same ms. */
const UNDO_NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)(?:-([1-9]\d*))?$/;

/**
 * The undo folder names among `names`, oldest first: by start time, then by suffix as a number (as text,
 * `-10` sorted before `-9`, and the eleventh undo of one ms passed for older than the tenth). Anything else
 * in the folder is left out: a stray file must not hide the newest undo.
 */
export function undoFoldersInOrder(names: Iterable<string>): string[] {
  const parsed: Array<{ name: string; stamp: string; suffix: number }> = [];
  for (const name of names) {
    const match = UNDO_NAME.exec(name);
    if (match !== null) parsed.push({ name, stamp: match[1] as string, suffix: Number(match[2] ?? 0) });
  }
  parsed.sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : a.suffix - b.suffix));
  return parsed.map(({ name }) => name);
}

/**
 * The newest undo of this run that did not finish, if any (`undoFoldersInOrder`).
 * `runStartedAt` names the run: an undo of the run an `--overwrite` replaced in this folder is not its
 * (its settled lines are another run's rows).
 */
export async function findUnfinishedUndo(runDir: string, runStartedAt?: string): Promise<UndoJournalState | undefined> {
  const root = join(runDir, UNDO_FOLDER);
  const names = await readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const newest = undoFoldersInOrder(names).at(-1);
  if (newest === undefined) return undefined;
  const state = await readUndoJournal(join(root, newest));
  const ours = state?.runStartedAt === undefined || state.runStartedAt === runStartedAt;
  return state?.finished === false && ours ? state : undefined;
}

/** Refuses a new undo over an unfinished one (a resume with nothing to resume starts afresh, as an import's does). */
export function checkResume(unfinished: UndoJournalState | undefined, resume: boolean, runDir: string): void {
  if (unfinished === undefined || resume) return;
  throw usageError(
    `An undo of ${runDir} did not finish (${unfinished.dir}).`,
    `Add --resume to continue it: hc-import undo ${runDir} --resume`,
  );
}
