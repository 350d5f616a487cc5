/**
 * JSON Lines spill files: what a big run would otherwise hold in memory (its valid rows, its plan) goes
 * to disk and is streamed back. Writes are buffered and synchronous, so the byte offset of every line is
 * known when it is appended and a line can be read back alone (`readLineAt`).
 */
import { closeSync, createReadStream, openSync, readSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';

const FLUSH_AT = 1 << 16;

/** An append-only JSONL file. */
export interface JsonlWriter {
  /** Appends one value; returns where its line starts and how many bytes it takes (newline excluded). */
  append(value: unknown): { offset: number; length: number };
  readonly lines: number;
  /** Writes out what is buffered; the file is readable up to here. */
  flush(): void;
  close(): void;
}

export function openJsonlWriter(path: string): JsonlWriter {
  const fd = openSync(path, 'w', 0o600);
  let pending: Buffer[] = [];
  let buffered = 0;
  let written = 0;
  let lines = 0;
  let closed = false;
  const flush = (): void => {
    if (buffered === 0) return;
    const data = Buffer.concat(pending, buffered);
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at);
    pending = [];
    buffered = 0;
  };
  return {
    append(value) {
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
      closed = true;
      flush();
      closeSync(fd);
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
    input.destroy();
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
