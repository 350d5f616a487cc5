import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { diskWriteError, PRIVATE_FILE, writeFullySync } from '../disk-writes.js';
import { HciError } from '../errors.js';
import { noRedaction, redactDeep, type Redact } from '../secrets/redact-secrets.js';
import type { FailedRow, SettledRow, WriteImage, WriteIntent } from '../upsert/ports.js';

/**
 * The crash journal: one JSON object per line in the report directory, appended with a synchronous
 * write before the next request goes out, so a crash or `kill -9` at any moment leaves at most a torn
 * last line, which the reader ignores. It is fsync'd when closed, not per line: a sync per line blocks
 * the event loop ~2 ms twice per request, and what it would add (surviving an OS crash or power loss
 * mid-run) is covered anyway, because a resume looks up every row it holds no confirmation for, so
 * nothing is ever created twice; at worst such a row is counted unchanged instead of created.
 *
 * The first line names the run: the input's sha256 and the options that change outcomes. Then, for
 * every write request, an `intent` line listing the rows it carries BEFORE it is sent, and an
 * `outcome` or `failed` line per row once HelpCrunch has answered. A row with an intent and no outcome
 * was in flight: on resume it is looked up before anything is re-sent. Before each intent, an `image` line
 * per row holds the record sent and, for an update, the stored record as it was: what `undo` restores.
 */

/** The options that change what a row becomes; resuming with different ones is refused. */
export interface OutcomeSettings {
  map: Record<string, string>;
  onDuplicate: string;
  blanks: string;
  /** The zone dates without one are read in. */
  timezone: string;
  /** `DMY`, `MDY`, or `none` (slashed dates rejected). */
  dateFormat: string;
  encoding: string;
  delimiter: string;
  /** `--limit`, when given: a resume must cut the file at the same row. */
  limit?: number;
  /** `--hash-user-id` and its options; absent without it (and in journals written before it existed). */
  hashScheme?: string;
  hashPrefix?: string;
  /** The hashing secret's fingerprint (hash-user-id.ts), never the secret. */
  hashSecretFingerprint?: string;
  keepOriginalIdAs?: string;
  /** The preset the file is read with; absent without one. */
  preset?: string;
  /** A preset mapping a mapping file held; absent without one. */
  presetMapping?: unknown;
  /**
   * Values a preset sets on every row from the file's name (Mailchimp's unsubscribed export): the same bytes
   * under another name (or on stdin) would import other rows. Absent when none.
   */
  presetConstants?: Record<string, string>;
  /**
   * The column each field was read from, as this version mapped the file (aliases, presets): the same options
   * on the same bytes may map otherwise in another version. Absent in older journals, and then not compared.
   */
  columns?: Record<string, string>;
  /** Tags and custom-attribute options; absent when none are given, so older journals compare equal. */
  openFields?: unknown;
  /** `--mode` other than upsert, and `--adopt-by-email`; absent at their defaults (and in older journals). */
  mode?: string;
  adoptByEmail?: boolean;
}

/**
 * Where the run writes: a resume must write to the same account. Absent in journals written before it (and
 * never the key itself: a fingerprint, see `describeTarget` in resume-check.ts).
 */
export interface JournalTarget {
  /** The API base URL, without any user name or password it held. */
  apiUrl: string;
  /** The first 8 hex of sha256("hc-import:api-key:" + key): tells a key rotated or another account's apart from the same. */
  keyFingerprint: string;
}

export type JournalEntry =
  | { type: 'header'; version: 1; inputSha256: string; settings: OutcomeSettings; startedAt: string; target?: JournalTarget }
  | { type: 'intent'; action: WriteIntent; lines: number[] }
  /** Written just before an intent (journals from before `undo` have none): what the write will change. */
  | ({ type: 'image' } & WriteImage)
  | ({ type: 'outcome' } & SettledRow)
  | ({ type: 'failed' } & FailedRow)
  | { type: 'finished'; at: string };

export type JournalHeader = Extract<JournalEntry, { type: 'header' }>;

/** Appends entries (an import's, or another command's own: `undo` journals itself the same way). */
export interface JournalWriter<E = JournalEntry> {
  append(entry: E): void;
  close(): void;
}

/**
 * Opens the journal for appending ('a+', but never through a symlink planted in the report folder);
 * `redact` keeps secrets out of every entry (a failure's message may echo one) but an `image`: that is
 * customer data (the record sent, the before-image), which `undo` looks up and writes back as it reads it.
 * A secret that happens to appear in it (a salt that is also the site's domain, in every email) is the
 * customer's data there, not an echo; redacted, undo would restore `[redacted]` onto the customer. The
 * journal is a local file of the user's, and images are only ever read back by undo, never printed.
 */
export function openJournalWriter<E = JournalEntry>(path: string, redact: Redact = noRedaction): JournalWriter<E> {
  const fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, PRIVATE_FILE);
  // Where the journal's last whole line ends: only this writer appends (the report folder's lock).
  let size = dropTornLine(fd);
  let open = true;
  let failure: HciError | undefined;
  return {
    append(entry) {
      if (failure) throw failure;
      // A write after close would leave without its line: refused like one the disk did not take.
      if (!open) throw journalWriteError(path, new Error('the journal is already closed'));
      // Redacted before serialising: the decoded strings are what a secret's forms are written for.
      const verbatim = redact === noRedaction || isImage(entry);
      const line = Buffer.from(`${JSON.stringify(verbatim ? entry : redactDeep(entry, redact))}\n`);
      try {
        writeFullySync(fd, line);
        size += line.length;
      } catch (error) {
        // Whatever this line got of the disk is cut off again (best effort; a resume drops a torn line anyway).
        try {
          ftruncateSync(fd, size);
        } catch {}
        failure = journalWriteError(path, error);
        throw failure;
      }
    },
    close() {
      if (!open) return;
      open = false;
      fdatasyncSync(fd);
      closeSync(fd);
    },
  };
}

const journalWriteErrors = new WeakSet<HciError>();

/**
 * A journal line the disk would not take (full, over a quota or a file size limit): the request it was
 * for must not leave, nor any after it, so the run stops at once. It is the report folder's problem, not a
 * bug (exit 2, naming the journal), and the run can be continued with --resume once there is room.
 */
function journalWriteError(path: string, error: unknown): HciError {
  const failure = diskWriteError(
    path,
    error,
    'Free some space on that disk (or raise the file size limit), then continue with --resume: ' +
      'the rows that were in flight are looked up, never sent twice.',
    'The run stopped there: no request is sent before its journal line is on disk.',
  );
  journalWriteErrors.add(failure);
  return failure;
}

/** Whether `error` is a journal that could not be written (the run stops, and is resumable). */
export const isJournalWriteError = (error: unknown): error is HciError => error instanceof HciError && journalWriteErrors.has(error);

/** An import's `image` line: customer data, kept verbatim (see `openJournalWriter`). */
function isImage(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && (entry as { type?: unknown }).type === 'image';
}

/**
 * A crash mid-append leaves a last line without its newline. The reader ignores it, but the next append
 * (a resume) would glue its entry onto it and damage the journal mid-file, so it is cut off first.
 */
function dropTornLine(fd: number): number {
  const chunk = Buffer.alloc(4096);
  const size = fstatSync(fd).size;
  let keep = 0;
  for (let end = size; end > 0; end -= chunk.length) {
    const start = Math.max(0, end - chunk.length);
    const read = readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) {
      keep = start + newline + 1;
      break;
    }
  }
  if (keep < size) ftruncateSync(fd, keep);
  return keep;
}
