import { isAscii, isUtf8 } from 'node:buffer';
import { completeLength, hasMultiByte, nextInvalid } from './utf8-bytes.js';
import { decodeWindows1252 } from './windows-1252.js';

/** Where a file first stops being valid UTF-8. */
export interface Utf8Flaw {
  /** Byte offset from the start of the file. */
  offset: number;
  /** Physical line (LF, CRLF and a lone CR each end one, as in an editor), 1-based. */
  line: number;
  byte: number;
  /** The text around the byte, read as Windows-1252, so a person can find it. */
  context: string;
}

/**
 * Checks UTF-8 validity chunk by chunk with the native `isUtf8`, and collects the evidence for the
 * encoding: the first flaw, and whether the file holds any valid multi-byte character at all. A
 * multi-byte character (or a CRLF) may be cut by a chunk boundary, so an incomplete sequence at the end
 * of a chunk is held back and prepended to the next one. After the first flaw only the search for a
 * multi-byte character goes on; the text around the flaw is collected the same way wherever the chunk
 * boundaries fall.
 */
export class Utf8Check {
  /** True once a valid multi-byte character was seen anywhere: then the file is UTF-8, flaws or not. */
  multiByte = false;
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
    const end = this.flawAt + Math.min(lineEnd(after), CONTEXT);
    return { ...this.found, context: decodeWindows1252(this.context.subarray(0, end)).trim() };
  }

  write(chunk: Buffer): void {
    if (this.found !== undefined) {
      const missing = this.flawAt + CONTEXT - this.context.length;
      if (missing > 0) this.context = Buffer.concat([this.context, chunk.subarray(0, missing)]);
      if (this.multiByte) return;
    }
    const bytes = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    let length = completeLength(bytes);
    if (bytes[length - 1] === CR) length--; // its LF may come next
    const complete = bytes.subarray(0, length);
    this.held = Buffer.from(bytes.subarray(length));
    if (this.found !== undefined) this.multiByte = hasMultiByte(complete, 0);
    else if (isUtf8(complete)) this.pass(complete);
    else this.fail(complete, Math.max(0, nextInvalid(complete, 0)));
  }

  /** A sequence still incomplete at the end of the file is a flaw too. */
  end(): void {
    if (this.found === undefined && !isUtf8(this.held)) this.record(this.held, 0);
  }

  private pass(complete: Buffer): void {
    if (!this.multiByte && !isAscii(complete)) this.multiByte = true;
    this.lines += countLineBreaks(complete, complete.length);
    this.offset += complete.length;
    this.recent = Buffer.from(Buffer.concat([this.recent, complete.subarray(-CONTEXT)]).subarray(-CONTEXT));
  }

  private fail(complete: Buffer, at: number): void {
    // The valid text before the flaw has a multi-byte character exactly when it is not all ASCII.
    this.multiByte ||= !isAscii(complete.subarray(0, at)) || hasMultiByte(complete, at + 1);
    this.record(complete, at);
    // The bytes held back for the next chunk belong to the context when it reaches them.
    if (complete.length < at + CONTEXT) this.context = Buffer.concat([this.context, this.held]);
  }

  private record(bytes: Buffer, at: number): void {
    this.found = { offset: this.offset + at, line: this.lines + countLineBreaks(bytes, at) + 1, byte: bytes[at] ?? 0 };
    const window = Buffer.concat([this.recent, bytes.subarray(0, at + CONTEXT)]);
    const center = this.recent.length + at;
    const lineStart = Math.max(window.lastIndexOf(LF, center), window.lastIndexOf(CR, center)) + 1;
    const from = Math.max(lineStart, center - CONTEXT);
    this.context = Buffer.from(window.subarray(from));
    this.flawAt = center - from;
  }
}

const CONTEXT = 16;
const LF = 10;
const CR = 13;

/** Where the line of `bytes` ends (the first CR or LF), or its length. */
function lineEnd(bytes: Buffer): number {
  const lf = bytes.indexOf(LF);
  const cr = bytes.indexOf(CR);
  return Math.min(lf === -1 ? bytes.length : lf, cr === -1 ? bytes.length : cr);
}

/** LFs and lone CRs before `end`; a CR at the very end is never passed here unless the file ends. */
function countLineBreaks(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(LF); i !== -1 && i < end; i = bytes.indexOf(LF, i + 1)) count++;
  for (let i = bytes.indexOf(CR); i !== -1 && i < end; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) count++;
  return count;
}
