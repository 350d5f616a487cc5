/**
 * What every file hc-import writes shares: who may read it, writing a buffer whole, and how a disk that will
 * not take a write is said (a full disk, a quota, a file size limit: the report folder's problem, not a bug).
 */
import { writeSync } from 'node:fs';
import { ErrorCode, ErrorKind, HciError } from './errors.js';

/**
 * Report files, the journal and the spills hold customers' personal data (names, emails, phones; the journal
 * every record sent), so they are readable by their owner only, whatever the umask: 0666 under the usual
 * umask 022 was world-readable on a shared machine. Folders hc-import creates are 0700 for the same reason.
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** Writes all of `data`: a write may be cut short (a file size limit, a disk filling up); then the rest goes, or it throws. */
export function writeFullySync(fd: number, data: Buffer): void {
  for (let at = 0; at < data.length; ) {
    const written = writeSync(fd, data, at);
    if (written === 0) throw new Error('the write was cut short');
    at += written;
  }
}

/**
 * A file the disk would not take, said in one line naming it and why (exit 2, with `hint`), never as an
 * internal error's stack; `consequence` says what the run did about it. An HciError passes through as it is.
 */
export function diskWriteError(path: string, error: unknown, hint: string, consequence?: string): HciError {
  if (error instanceof HciError) return error;
  const why = `Cannot write ${path}: ${(error as Error).message}`;
  return new HciError({
    code: ErrorCode.reportDirInvalid,
    kind: ErrorKind.usage,
    message: consequence === undefined ? why : `${why}. ${consequence}`,
    hint,
    cause: error,
  });
}
