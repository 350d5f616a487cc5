/**
 * UTF-8 at the byte level, shared by the inspection (is this file UTF-8?) and the decoder (which bytes
 * of it are not?). The native `isUtf8` answers for a whole chunk; these loops only run on a chunk it
 * refused, or to find the first multi-byte character of a file that has none before its first flaw.
 */

/** Length of `bytes` without a trailing multi-byte sequence that the next chunk may complete. */
export function completeLength(bytes: Uint8Array): number {
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

/** Length of the valid multi-byte sequence starting at `at`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at] ?? 0;
  const size = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  // The second byte's range also rules out overlong forms, surrogates and code points past U+10FFFF.
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  const second = bytes[at + 1] ?? 0;
  if (size === 0 || second < low || second > high) return 0;
  for (let k = 2; k < size; k++) if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return 0;
  return size;
}

/** Offset of the first byte at or after `from` that does not start a valid UTF-8 sequence, or -1. */
export function nextInvalid(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    if ((bytes[i] ?? 0) < 0x80) i++;
    else {
      const size = sequenceLength(bytes, i);
      if (size === 0) return i;
      i += size;
    }
  }
  return -1;
}

/** A lead byte and a continuation byte, read as Latin-1: where a multi-byte sequence may start. */
const LEAD_AND_CONTINUATION = /[\xC2-\xF4][\x80-\xBF]/g;

/**
 * True when `bytes` from `from` on hold at least one valid multi-byte sequence. The candidates are
 * found by a native regex over the Latin-1 view (one byte, one character): a file in Windows-1252 is
 * read through to its end by this search, and a byte loop in JavaScript took twice the inspection's time.
 */
export function hasMultiByte(bytes: Buffer, from: number): boolean {
  const text = bytes.toString('latin1', from);
  LEAD_AND_CONTINUATION.lastIndex = 0;
  for (let match = LEAD_AND_CONTINUATION.exec(text); match !== null; match = LEAD_AND_CONTINUATION.exec(text)) {
    if (sequenceLength(bytes, from + match.index) !== 0) return true;
    LEAD_AND_CONTINUATION.lastIndex = match.index + 1;
  }
  return false;
}

/**
 * A byte that is not UTF-8 becomes the lone surrogate U+DC80–U+DCFF (Python's "surrogateescape").
 * Decoding valid UTF-8 never yields a lone surrogate, so the reader can find the row that held the
 * byte, and show the byte itself, while every other row decodes as UTF-8.
 */
const ESCAPE_BASE = 0xdc00;

/** Decodes complete UTF-8 bytes, escaping each byte that is not part of a valid sequence. */
export function decodeEscaping(bytes: Buffer): string {
  let text = '';
  let from = 0;
  for (let at = nextInvalid(bytes, 0); at !== -1; at = nextInvalid(bytes, from)) {
    text += bytes.toString('utf8', from, at) + String.fromCharCode(ESCAPE_BASE + (bytes[at] ?? 0));
    from = at + 1;
  }
  return text + bytes.toString('utf8', from);
}

// With the `u` flag a surrogate pair is one code point, so only a lone (escaped) surrogate matches.
const ESCAPED = /[\uDC80-\uDCFF]/u;
const ESCAPED_ALL = /[\uDC80-\uDCFF]/gu;

/** True when `text` holds a byte `decodeEscaping` escaped. */
export const hasEscapedBytes = (text: string): boolean => ESCAPED.test(text);

/** Shows each escaped byte as `\xE9`, the way a hex editor or Python would name it. */
export function showEscapedBytes(text: string): string {
  return text.replace(ESCAPED_ALL, (char) => `\\x${(char.charCodeAt(0) - ESCAPE_BASE).toString(16).toUpperCase()}`);
}
