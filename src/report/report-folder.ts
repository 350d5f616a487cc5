/**
 * What a run may do with its report folder before it writes there. A folder belongs to one run: a new run
 * refuses a folder holding another run's report unless told to replace it (`overwrite`, which removes every
 * report file first, so the folder never mixes two runs); `--resume` continues the unfinished run it holds.
 * The lock against a second run writing at the same time is the CLI's (src/cli/report-lock.ts).
 */
import type { Stats } from 'node:fs';
import { lstat, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { readJournal, type JournalState } from '../journal/read-journal.js';
import { assertNoUnfinishedRun } from '../journal/resume-check.js';
import { PLAN_FILES } from '../plan/plan-files.js';
import { ensureReportDir, partialName, ReportFile } from './report-files.js';

/** Every name a run writes in its folder: the reports, the partial names they are written under, and the plan's spill files. */
export const REPORT_NAMES: readonly string[] = [...Object.values(ReportFile).flatMap((name) => [name, partialName(name)]), ...PLAN_FILES];

const folderError = (message: string, hint: string, code: ErrorCode = ErrorCode.reportDirInvalid): HciError =>
  new HciError({ code, kind: ErrorKind.usage, message, hint });

async function statOrNone(path: string, dir: string, follow = false): Promise<Stats | undefined> {
  try {
    return await (follow ? stat(path) : lstat(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw folderError(`${dir} is not a folder: a part of its path is a file.`, 'Give --report-dir a folder.');
    throw error;
  }
}

/**
 * The report files a folder holds (none when it does not exist yet). A file in the folder's place, or a
 * report name that is a symlink or not a plain file, is refused: a planted link would make the run write
 * over some other file.
 */
export async function reportFilesIn(dir: string): Promise<string[]> {
  // The folder itself may be a symlink to a folder (the user's choice); the names inside may not.
  const folder = await statOrNone(dir, dir, true);
  if (folder === undefined) return [];
  if (!folder.isDirectory()) {
    throw folderError(`${dir} is a file, not a folder.`, 'Give --report-dir a folder (it is created if missing), or leave it out.');
  }
  const found: string[] = [];
  for (const name of REPORT_NAMES) {
    const entry = await statOrNone(join(dir, name), dir);
    if (entry === undefined) continue;
    if (!entry.isFile()) {
      const what = entry.isSymbolicLink() ? 'a symlink' : 'not a plain file';
      throw folderError(
        `${join(dir, name)} is ${what}; hc-import writes its reports only as plain files.`,
        'Remove it, or choose another --report-dir.',
      );
    }
    found.push(name);
  }
  return found;
}

/** What a report folder holds before a run: its report files and the journal, if any. */
export interface FolderContents {
  held: string[];
  previous: JournalState | undefined;
}

/** Reads a folder (nothing when `dir` is null: no report) and refuses it before any input is read, where it must. */
export async function readReportFolder(
  dir: string | null,
  options: { resume: boolean; overwrite: boolean; dryRun?: boolean },
): Promise<FolderContents> {
  if (dir === null) return { held: [], previous: undefined };
  const held = await reportFilesIn(dir);
  const previous = await readJournal(join(dir, ReportFile.journal));
  if (!options.resume) assertNoUnfinishedRun(previous, dir);
  // A dry run writes nothing, so it continues nothing: taking the folder over would remove the unfinished
  // run's partial reports (its outcomes so far) and leave a dry run's summary in its place.
  else if (options.dryRun === true && previous !== undefined && !previous.finished) {
    throw folderError(
      `${dir} holds an unfinished run (${previous.settledCount} rows confirmed so far); a dry run cannot continue it.`,
      'Continue it without --dry-run (hc-import … --resume), or dry-run into another --report-dir.',
      ErrorCode.reportDirBusy,
    );
  }
  assertFolderFree({ dir, held, previous, ...options });
  return { held, previous };
}

/** Creates the folder and removes what an earlier run left there: all of it, or a resumed run's partial files. */
export async function clearReportFolder(dir: string | null, held: readonly string[], resuming: boolean): Promise<void> {
  if (dir === null) return;
  await ensureReportDir(dir);
  await removeReportFiles(dir, filesToClear(held, resuming));
}

/** What decides whether a run may use a folder that already holds report files. */
export interface FolderClaim {
  dir: string;
  /** The report files in the folder (reportFilesIn). */
  held: readonly string[];
  /** The journal found there, if any. */
  previous: JournalState | undefined;
  resume: boolean;
  overwrite: boolean;
}

/**
 * Refuses a folder holding another run's report unless `overwrite`. `resume` takes the folder's run over: it
 * continues an unfinished journal, and starts again a run that never wrote (no journal: stopped or
 * interrupted before its first write, or a dry run); a finished apply's report is never replaced without
 * `overwrite`. A new run over an unfinished one is refused earlier, `overwrite` or not (resume-check.ts).
 */
export function assertFolderFree({ dir, held, previous, resume, overwrite }: FolderClaim): void {
  const takingOver = resume && (previous === undefined || !previous.finished);
  if (takingOver || overwrite || held.length === 0) return;
  const hint = resume
    ? 'Its run finished, so there is nothing to resume: add --overwrite to start a new run there, or choose a new --report-dir.'
    : 'Choose a new --report-dir (or leave it out for a fresh folder), or add --overwrite to replace that report.';
  throw folderError(`${dir} holds the report of an earlier run (${held.join(', ')}).`, hint, ErrorCode.reportDirBusy);
}

/** The files to remove before writing: an earlier run's whole report, or only the partial files a resumed run left. */
export function filesToClear(held: readonly string[], resuming: boolean): string[] {
  return resuming ? held.filter((name) => name.endsWith(partialName(''))) : [...held];
}

export async function removeReportFiles(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => rm(join(dir, name), { force: true })));
}
