/**
 * Windows-1252 decoding. Node's own `TextDecoder('windows-1252')` decodes as Latin-1 on its fast path
 * since 20.18.3 (nodejs/node#56542, #60888), turning ’ “ ” € into invisible control characters, which
 * is exactly what Excel exports contain. So: Latin-1 (one byte, one code unit; no state across chunks),
 * then the 32 code points where 1252 differs, as the WHATWG Encoding Standard maps them.
 */
const HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const C1_RANGE = /[\u0080-\u009F]/g;

/** Decodes Windows-1252 bytes; every byte is defined, so nothing is lost. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_RANGE, (char) => HIGH.charAt(char.charCodeAt(0) - 0x80));
}
