import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { PRIVATE_FILE } from '../disk-writes.js';

/** The lock file a run holds in its report folder while it writes there; it holds the run's pid. */
export const LOCK_NAME = '.lock';

/** This process, and a way to tell whether another one still runs (the bin wires `process.kill(pid, 0)`). */
export interface LockOwner {
  pid: number;
  isProcessAlive: (pid: number) => boolean;
}

const busy = (message: string, hint: string): HciError =>
  new HciError({ code: ErrorCode.reportDirBusy, kind: ErrorKind.usage, message, hint });

/**
 * Takes the folder's lock, created exclusively ('wx'), so two runs never write one folder at once. A lock
 * whose pid is no longer alive was left by a run that died (kill -9): it is removed (see `takeOver`) and
 * taken. Returns the release, which removes the lock only while it still names this process.
 */
export async function lockReportFolder(dir: string, owner: LockOwner): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await tryCreate(path, owner.pid, dir)) return () => releaseLock(path, owner.pid);
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder === undefined) {
      // Empty or unreadable: another run is taking it this very moment, or it was edited. Never guess.
      throw busy(`${dir} is locked by another hc-import run (${path} names no pid).`, `If no run is writing there, delete ${path}.`);
    }
    if (owner.isProcessAlive(holder)) {
      throw busy(
        `${dir} is in use by another hc-import run (pid ${holder}).`,
        // A pid can be reused (a new container starts with the same ones): say how to clear a lock nobody holds.
        `Wait for it to end, or choose another --report-dir (or leave it out for a fresh folder). If no hc-import run ` +
          `is writing there (the pid may now belong to another program), delete ${path}.`,
      );
    }
    await takeOver(path, holder, owner, dir);
  }
  throw busy(`${dir}: could not take its lock ${path}; other runs keep taking it.`, 'Choose another --report-dir.');
}

/**
 * Removes a dead run's lock, atomically with respect to other runs doing the same: the one that creates the
 * takeover file ('wx') reads the lock again and removes it only if it still names the dead pid. Without it, a
 * run that read the dead pid could remove the lock another run had just taken over, and both would write.
 * The takeover file lives a few milliseconds; one whose run died in them (kill -9) is named for deletion.
 */
async function takeOver(path: string, dead: number, owner: LockOwner, dir: string): Promise<void> {
  const guard = `${path}.takeover`;
  for (let attempt = 0; !(await tryCreate(guard, owner.pid, dir)); attempt += 1) {
    const taker = await readHolder(guard);
    if (taker === 'gone') continue;
    if (attempt >= 50 || (taker !== undefined && !owner.isProcessAlive(taker))) {
      throw busy(
        `${dir}: another hc-import run was taking over its lock and did not finish.`,
        `If no run is writing there, delete ${guard}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  try {
    if ((await readHolder(path)) === dead) await rm(path, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

async function tryCreate(path: string, pid: number, dir: string): Promise<boolean> {
  try {
    await writeFile(path, `${pid}\n`, { flag: 'wx', mode: PRIVATE_FILE });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new HciError({
      code: ErrorCode.reportDirInvalid,
      kind: ErrorKind.usage,
      message: `Cannot write in the report folder ${dir}: ${(error as Error).message}`,
      hint: 'Choose a folder you can write to with --report-dir.',
      cause: error,
    });
  }
}

/** The pid in a lock file; 'gone' when it was removed meanwhile; undefined when it names none. */
async function readHolder(path: string): Promise<number | 'gone' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return undefined;
  }
  const pid = Number(text.trim());
  return /^\d+$/.test(text.trim()) && pid > 0 ? pid : undefined;
}

async function releaseLock(path: string, pid: number): Promise<void> {
  if ((await readHolder(path)) === pid) await rm(path, { force: true });
}
