/**
 * JSON Lines spill files: what a big run would otherwise hold in memory (its valid rows, its plan) goes
 * to disk and is streamed back. Writes are buffered and synchronous, so the byte offset of every line is
 * known when it is appended and a line can be read back alone (`readLineAt`).
 */
import { once } from 'node:events';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { diskWriteError, PRIVATE_FILE, writeFullySync } from '../disk-writes.js';
import type { HciError } from '../errors.js';

const FLUSH_AT = 1 << 16;

/** An append-only JSONL file. */
export interface JsonlWriter {
  /** Appends one value; returns where its line starts and how many bytes it takes (newline excluded). */
  append(value: unknown): { offset: number; length: number };
  readonly lines: number;
  /** Writes out what is buffered; the file is readable up to here. */
  flush(): void;
  /** Writes out what is buffered and closes the file. */
  close(): void;
  /**
   * Closes the file without writing what is buffered, and never throws: for a file about to be removed, or
   * left behind by a run that failed (whose own error must not be replaced by this file's).
   */
  discard(): void;
}

/**
 * A spill file the disk will not take (full, over a quota or a file size limit, gone read-only) is the
 * report folder's problem, not a bug: one line naming the file and why (exit 2), as for a report file.
 * Spills are written while the file is read, looked up and planned, all before the first write request:
 * a run stopped by one has sent nothing.
 */
export function spillWriteError(path: string, error: unknown): HciError {
  const hint =
    'It holds the rows and the plan of this run before anything is sent, and nothing was sent. Free some space on that disk (or choose another --report-dir), then run again.';
  return diskWriteError(path, error, hint);
}

export function openJsonlWriter(path: string): JsonlWriter {
  let fd: number;
  try {
    fd = openSync(path, 'w', PRIVATE_FILE);
  } catch (error) {
    throw spillWriteError(path, error);
  }
  let pending: Buffer[] = [];
  let buffered = 0;
  let written = 0;
  let lines = 0;
  let closed = false;
  // The first write the disk refused: the file lacks lines from then on, so every later call refuses too.
  let failure: HciError | undefined;
  const flush = (): void => {
    if (failure) throw failure;
    if (buffered === 0) return;
    const data = Buffer.concat(pending, buffered);
    pending = [];
    buffered = 0;
    try {
      writeFullySync(fd, data);
    } catch (error) {
      failure = spillWriteError(path, error);
      throw failure;
    }
  };
  const closeFile = (): void => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
  return {
    append(value) {
      if (failure) throw failure;
      const bytes = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
      const offset = written;
      pending.push(bytes);
      buffered += bytes.length;
      written += bytes.length;
      lines += 1;
      if (buffered >= FLUSH_AT) flush();
      return { offset, length: bytes.length - 1 };
    },
    get lines() {
      return lines;
    },
    flush,
    close() {
      if (closed) return;
      let error: unknown;
      try {
        flush();
      } catch (refused) {
        error = refused;
      }
      try {
        closeFile();
      } catch (refused) {
        // A close can report a write the disk refused late (NFS, a quota): the file is as short.
        error ??= spillWriteError(path, refused);
      }
      if (error !== undefined) throw error;
    },
    discard() {
      pending = [];
      buffered = 0;
      try {
        closeFile();
      } catch {
        // Only a descriptor that is already gone fails to close; the file is being dropped anyway.
      }
    },
  };
}

/**
 * Every value of a JSONL file, in order. A reader that stops early (an aborted or stopped write flow) closes
 * the file too: readline's close leaves its input open, a descriptor per stopped run in a library caller.
 */
export async function* readJsonl<T>(path: string): AsyncGenerator<T> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line !== '') yield JSON.parse(line) as T;
  } finally {
    lines.close();
    // Closed before the generator returns, so a caller that stopped early holds no descriptor once it is done.
    if (!input.closed) {
      const closed = once(input, 'close');
      input.destroy();
      await closed;
    }
  }
}

/** Random access to the lines of a flushed JSONL file by their offset and length. */
export interface JsonlReader {
  readAt<T>(offset: number, length: number): T;
  close(): void;
}

export function openJsonlReader(path: string): JsonlReader {
  const fd = openSync(path, 'r');
  let buffer = Buffer.alloc(FLUSH_AT);
  return {
    readAt<T>(offset: number, length: number): T {
      if (buffer.length < length) buffer = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const got = readSync(fd, buffer, read, length - read, offset + read);
        if (got === 0) break;
        read += got;
      }
      return JSON.parse(buffer.toString('utf8', 0, read)) as T;
    },
    close: () => closeSync(fd),
  };
}
