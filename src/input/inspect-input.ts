import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { readFailure } from './read-failure.js';
import { Utf8Check, type Utf8Flaw } from './utf8-check.js';

/** How an input file's bytes become text. `utf-8-bom` is UTF-8 that starts with a byte order mark. */
export type InputEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What one pass over the raw bytes tells before parsing. */
export interface InputInspection {
  /** Hex SHA-256 of the raw bytes: a resumed run checks that the file did not change. */
  sha256: string;
  bytes: number;
  encoding: InputEncoding;
  /** Set when the bytes are not valid UTF-8: says where, and which encoding is read instead. */
  warning?: string;
}

/**
 * Hashes the file and detects its encoding in one streaming pass: a UTF-16 or UTF-8 byte order mark
 * decides; otherwise a file that is valid UTF-8 throughout is UTF-8, and any other is taken for
 * Windows-1252, the encoding of Excel's "CSV" export on Western Windows. `open` must return a fresh
 * stream of the file.
 */
export async function inspectInput(open: () => Readable): Promise<InputInspection> {
  const hash = createHash('sha256');
  const utf8 = new Utf8Check();
  let head = Buffer.alloc(0);
  let bytes = 0;
  try {
    for await (const chunk of open() as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(buffer);
      if (head.length < 3) head = Buffer.concat([head, buffer.subarray(0, 3 - head.length)]);
      bytes += buffer.length;
      utf8.write(buffer);
    }
  } catch (error) {
    throw readFailure(error);
  }
  utf8.end();
  return { sha256: hash.digest('hex'), bytes, ...chooseEncoding(head, utf8.flaw) };
}

function chooseEncoding(head: Buffer, flaw: Utf8Flaw | undefined): Pick<InputInspection, 'encoding' | 'warning'> {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be' };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (flaw === undefined) return { encoding: bom ? 'utf-8-bom' : 'utf-8' };
  if (bom) {
    // The byte order mark says UTF-8 explicitly; reading the rest as anything else would garble the header.
    const warning = `the input starts as UTF-8 but is not valid UTF-8 (${describe(flaw)}); such bytes are read as "\uFFFD"`;
    return { encoding: 'utf-8-bom', warning };
  }
  const warning = `the input is not valid UTF-8 (${describe(flaw)}), so it is read as Windows-1252; pass --encoding if that is wrong`;
  return { encoding: 'windows-1252', warning };
}

function describe(flaw: Utf8Flaw): string {
  const byte = `0x${flaw.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return `byte ${byte} on line ${flaw.line}${flaw.context === '' ? '' : `: "${flaw.context}"`}`;
}
