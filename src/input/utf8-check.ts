import { isUtf8 } from 'node:buffer';
import { decodeWindows1252 } from './windows-1252.js';

/** Where a file first stops being valid UTF-8. */
export interface Utf8Flaw {
  /** Byte offset from the start of the file. */
  offset: number;
  /** Physical line (counting LF bytes), 1-based. */
  line: number;
  byte: number;
  /** The text around the byte, read as Windows-1252, so a person can find it. */
  context: string;
}

/**
 * Checks UTF-8 validity chunk by chunk with the native `isUtf8`. A multi-byte character may be cut by
 * a chunk boundary, so an incomplete sequence at the end of a chunk is held back and prepended to the
 * next one. Checking stops at the first flaw; the text around it is collected the same way wherever
 * the chunk boundaries fall.
 */
export class Utf8Check {
  private held: Buffer = Buffer.alloc(0);
  /** The last bytes checked, for the text before a flaw at the start of a chunk. */
  private recent: Buffer = Buffer.alloc(0);
  private offset = 0;
  private lines = 0;
  private found: Omit<Utf8Flaw, 'context'> | undefined;
  /** Bytes around the flaw: up to CONTEXT before it on its line, then up to CONTEXT from it on. */
  private context: Buffer = Buffer.alloc(0);
  private flawAt = 0;

  /** The first flaw, once `end` has been called. */
  get flaw(): Utf8Flaw | undefined {
    if (this.found === undefined) return undefined;
    const after = this.context.subarray(this.flawAt);
    const lineEnd = after.indexOf(10);
    const end = this.flawAt + Math.min(lineEnd === -1 ? after.length : lineEnd, CONTEXT);
    return { ...this.found, context: decodeWindows1252(this.context.subarray(0, end)).trim() };
  }

  write(chunk: Buffer): void {
    if (this.found !== undefined) {
      const missing = this.flawAt + CONTEXT - this.context.length;
      if (missing > 0) this.context = Buffer.concat([this.context, chunk.subarray(0, missing)]);
      return;
    }
    const bytes = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const complete = bytes.subarray(0, completeLength(bytes));
    if (isUtf8(complete)) {
      this.lines += countLineFeeds(complete, complete.length);
      this.offset += complete.length;
      this.recent = Buffer.from(Buffer.concat([this.recent, complete.subarray(-CONTEXT)]).subarray(-CONTEXT));
      this.held = Buffer.from(bytes.subarray(complete.length));
    } else {
      this.record(bytes, firstInvalid(complete));
    }
  }

  /** A sequence still incomplete at the end of the file is a flaw too. */
  end(): void {
    if (this.found === undefined && this.held.length > 0) this.record(this.held, 0);
  }

  private record(bytes: Buffer, at: number): void {
    this.found = { offset: this.offset + at, line: this.lines + countLineFeeds(bytes, at) + 1, byte: bytes[at] ?? 0 };
    const window = Buffer.concat([this.recent, bytes.subarray(0, at + CONTEXT)]);
    const center = this.recent.length + at;
    const from = Math.max(window.lastIndexOf(10, center) + 1, center - CONTEXT);
    this.context = Buffer.from(window.subarray(from));
    this.flawAt = center - from;
  }
}

const CONTEXT = 16;

/** Length of `bytes` without a trailing multi-byte sequence that the next chunk may complete. */
function completeLength(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return bytes.length - i < needed ? i : bytes.length;
    }
  }
  return bytes.length;
}

function countLineFeeds(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (only run once a check failed). */
function firstInvalid(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const size = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    // The second byte's range also rules out overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1] ?? 0;
    if (size === 0 || second < low || second > high) return i;
    for (let k = 2; k < size; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += size;
  }
  return Math.max(0, bytes.length - 1);
}
