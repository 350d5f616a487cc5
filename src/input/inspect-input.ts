import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ErrorCode, inputError } from '../errors.js';
import { readFailure } from './read-failure.js';
import { Utf8Check, type Utf8Flaw } from './utf8-check.js';

/** How an input file's bytes become text. `utf-8-bom` is UTF-8 that starts with a byte order mark. */
export type InputEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What one pass over the raw bytes tells before parsing. */
export interface InputInspection {
  /** Hex SHA-256 of the raw bytes: a resumed run checks that the file did not change. */
  sha256: string;
  bytes: number;
  /** Line feed bytes: at least the records, a little more with line breaks inside quotes (sizes the indexes). */
  lineFeeds: number;
  encoding: InputEncoding;
  /** Set when the encoding is a guess (Windows-1252, UTF-16 without a BOM): says why, and what is read. */
  warning?: string;
  /** Offset of the first NUL byte in the first KB, when the file is not UTF-16: no text file has one. */
  nulAt?: number;
}

/** Bytes kept from the start of the file: a BOM, the header line for the UTF-16 test, NULs of a binary file. */
const HEAD_LENGTH = 1024;

/**
 * Hashes the file and detects its encoding in one streaming pass, deciding by evidence: a byte order
 * mark decides; a header line with a NUL byte in every other position is UTF-16 without one; a file
 * with any valid multi-byte UTF-8 character is UTF-8 (the reader rejects the rows holding bytes that
 * are not, one by one); only a file whose every non-ASCII byte is invalid UTF-8 is taken for
 * Windows-1252, the encoding of Excel's "CSV" export on Western Windows. `open` must return a fresh
 * stream of the file.
 */
export async function inspectInput(open: () => Readable): Promise<InputInspection> {
  const hash = createHash('sha256');
  const utf8 = new Utf8Check();
  let head = Buffer.alloc(0);
  let bytes = 0;
  let lineFeeds = 0;
  try {
    for await (const chunk of open() as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(buffer);
      if (head.length < HEAD_LENGTH) head = Buffer.concat([head, buffer.subarray(0, HEAD_LENGTH - head.length)]);
      bytes += buffer.length;
      for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lineFeeds += 1;
      utf8.write(buffer);
    }
  } catch (error) {
    throw readFailure(error);
  }
  utf8.end();
  const chosen = chooseEncoding(head, utf8);
  const nulAt = chosen.encoding.startsWith('utf-16') ? -1 : head.indexOf(0);
  return { sha256: hash.digest('hex'), bytes, lineFeeds, ...chosen, ...(nulAt === -1 ? {} : { nulAt }) };
}

/**
 * Stops a binary file (a program, a spreadsheet saved as .xlsx, a zip) before its bytes are shown as
 * column names. Read as UTF-16 (detected or forced), NULs are text, so only other encodings are checked.
 */
export function assertText(inspection: InputInspection, encoding: InputEncoding, label: string): void {
  if (inspection.nulAt === undefined || encoding.startsWith('utf-16')) return;
  throw inputError(
    ErrorCode.inputUnreadable,
    `${label} is not a CSV file: it holds binary data (a NUL byte at offset ${inspection.nulAt}).`,
    'Export the contacts as CSV (in Excel: Save As → CSV UTF-8); if the file is UTF-16 text, pass --encoding utf-16le or utf-16be.',
  );
}

function chooseEncoding(head: Buffer, utf8: Utf8Check): Pick<InputInspection, 'encoding' | 'warning'> {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be' };
  const utf16 = bomlessUtf16(head);
  if (utf16 !== undefined) {
    const name = utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    const warning =
      `the input has no byte order mark but looks like ${name} (NUL bytes in every other position), ` +
      'so it is read as such; pass --encoding if that is wrong';
    return { encoding: utf16, warning };
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const flaw = utf8.flaw;
  if (bom || flaw === undefined || utf8.multiByte) return { encoding: bom ? 'utf-8-bom' : 'utf-8' };
  const warning = `the input is not valid UTF-8 (${describe(flaw)}), so it is read as Windows-1252; pass --encoding if that is wrong`;
  return { encoding: 'windows-1252', warning };
}

/**
 * UTF-16 without a byte order mark, told by its first line: ASCII text in UTF-16 has a NUL in every
 * other byte (odd offsets little-endian, even ones big-endian), which no 8-bit text file has.
 */
function bomlessUtf16(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const lineFeed = head.indexOf(10);
  const pairs = (lineFeed === -1 ? head.length : lineFeed) >> 1;
  if (pairs < 2) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenNuls++;
    if (head[i + 1] === 0) oddNuls++;
  }
  const most = pairs * 0.75;
  const few = pairs * 0.125;
  if (oddNuls >= most && evenNuls <= few) return 'utf-16le';
  if (evenNuls >= most && oddNuls <= few) return 'utf-16be';
  return undefined;
}

function describe(flaw: Utf8Flaw): string {
  const byte = `0x${flaw.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return `byte ${byte} on line ${flaw.line}${flaw.context === '' ? '' : `: "${flaw.context}"`}`;
}
