import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, realpath, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ErrorCode, ErrorKind, HciError, usageError } from '../errors.js';
import { PRIVATE_FOLDER } from '../disk-writes.js';
import { type LockOwner, lockReportFolder } from './report-lock.js';

/** Where a run's report goes: nowhere (`--report-dir -` / `--no-report`), a named folder, or a fresh one under `parent`. */
export type ReportFolderChoice = { kind: 'none' } | { kind: 'named'; dir: string } | { kind: 'fresh'; parent: string };

/** The flags that choose the report folder. */
export interface ReportFolderFlags {
  reportDir?: string;
  /** False with `--no-report`. */
  report: boolean;
  resume: boolean;
  dryRun: boolean;
}

/** Decides where the report goes from the flags alone, so their usage errors come before anything starts. */
export function chooseReportFolder(flags: ReportFolderFlags, cwd: string): ReportFolderChoice {
  if (!flags.report || flags.reportDir === '-') {
    if (flags.resume) throw usageError('--resume needs the report folder of the run to continue; it cannot go with no report.');
    if (!flags.dryRun) {
      throw usageError(
        'An import needs its report folder: the journal that makes it resumable and every row’s outcome are written there.',
        'Use --report-dir - (or --no-report) only with --dry-run.',
      );
    }
    return { kind: 'none' };
  }
  if (flags.reportDir !== undefined) return { kind: 'named', dir: resolve(cwd, flags.reportDir) };
  if (flags.resume) throw usageError('--resume needs --report-dir: the directory of the run to continue.');
  return { kind: 'fresh', parent: join(cwd, 'hc-import-report') };
}

/** A report folder this run holds the lock of; `dir` is null when no report is written. */
export interface ClaimedFolder {
  dir: string | null;
  release: () => Promise<void>;
}

export interface ClaimOptions {
  /** The input file's path; null for standard input (spooled elsewhere). */
  inputPath: string | null;
  owner: LockOwner;
  now: () => number;
}

/** Creates the chosen folder (a fresh one exclusively) and takes its lock; refuses an input that lies in it. */
export async function claimReportFolder(choice: ReportFolderChoice, options: ClaimOptions): Promise<ClaimedFolder> {
  if (choice.kind === 'none') return { dir: null, release: async () => {} };
  let dir: string;
  let created = true;
  if (choice.kind === 'named') {
    dir = choice.dir;
    await assertInputOutside(dir, options.inputPath);
    created = !existsSync(dir);
    await makeFolder(dir, { recursive: true });
  } else {
    dir = await makeFreshFolder(choice.parent, options.now());
  }
  const unlock = await lockReportFolder(dir, options.owner);
  const release = async (): Promise<void> => {
    await unlock();
    // A run stopped before its report began (bad input, say) leaves no empty folder behind; rmdir keeps a full one.
    if (created) await rmdir(dir).catch(() => {});
  };
  return { dir, release };
}

/**
 * The run replaces every report file in its folder, so an input there (a fixed rejects.csv imported with
 * `--report-dir` set to its own folder) would be overwritten by the run reading it. Real paths, so a
 * symlink to the folder or to the file counts too.
 */
async function assertInputOutside(dir: string, inputPath: string | null): Promise<void> {
  if (inputPath === null) return;
  const folder = await realpath(dir).catch(() => undefined);
  if (folder === undefined || dirname(await realpath(inputPath)) !== folder) return;
  throw new HciError({
    code: ErrorCode.reportDirInvalid,
    kind: ErrorKind.usage,
    message: `The input file ${inputPath} lies in the report folder ${dir}: the run would replace it with its own report.`,
    hint: 'Leave out --report-dir (every run gets a fresh folder), or give a folder that does not hold the input.',
  });
}

/** `hc-import-report/<UTC time to the millisecond>-<random>`, made with an exclusive mkdir: no two runs share one. */
async function makeFreshFolder(parent: string, now: number): Promise<string> {
  await makeFolder(parent, { recursive: true });
  const stamp = new Date(now).toISOString().replaceAll(':', '-').replace('.', '-');
  const name = `${stamp}-${randomBytes(3).toString('hex')}`;
  for (let attempt = 0; ; attempt += 1) {
    const dir = join(parent, attempt === 0 ? name : `${name}-${attempt}`);
    if (await makeFolder(dir, { recursive: false })) return dir;
  }
}

/** mkdir with the reasons it fails said plainly; false when a non-recursive mkdir finds the folder taken. */
async function makeFolder(dir: string, { recursive }: { recursive: boolean }): Promise<boolean> {
  try {
    await mkdir(dir, { recursive, mode: PRIVATE_FOLDER });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && !recursive) return false;
    const notFolder =
      code === 'EEXIST' ? `${dir} is a file, not a folder.` : code === 'ENOTDIR' ? `A part of the path ${dir} is a file.` : undefined;
    throw new HciError({
      code: ErrorCode.reportDirInvalid,
      kind: ErrorKind.usage,
      message: notFolder ?? `Cannot create the report folder ${dir}: ${(error as Error).message}`,
      hint: 'Give --report-dir a folder (it is created if missing), or leave it out.',
      cause: error,
    });
  }
}
