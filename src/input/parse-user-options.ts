import { usageError } from '../errors.js';
import type { InputEncoding } from './inspect-input.js';

/** An encoding a user may force with `--encoding` (a BOM is honoured by every decoder anyway). */
export type ForcedEncoding = Exclude<InputEncoding, 'utf-8-bom'>;

// Keys are spellings with case, spaces, dashes and underscores removed. latin1 and ISO-8859-1 map to
// Windows-1252 as in the WHATWG Encoding standard: files labelled so are almost always 1252 (curly quotes, €).
const ENCODINGS: Record<string, ForcedEncoding> = {
  utf8: 'utf-8',
  utf8sig: 'utf-8',
  ascii: 'utf-8',
  usascii: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  windows1252: 'windows-1252',
  win1252: 'windows-1252',
  cp1252: 'windows-1252',
  ansi: 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  iso88591: 'windows-1252',
};

/** Parses a user's `--encoding` spelling (`utf8`, `UTF-16LE`, `latin1`, `cp1252`, ...). */
export function parseEncoding(spelling: string): ForcedEncoding {
  const key = spelling.toLowerCase().replace(/[\s_-]/g, '');
  const encoding = ENCODINGS[key];
  if (encoding !== undefined) return encoding;
  const hint =
    key === 'utf16' || key === 'ucs2'
      ? 'Say which byte order: utf-16le (what Windows writes) or utf-16be.'
      : 'Use utf-8, utf-16le, utf-16be or windows-1252 (also spelled latin1 or cp1252).';
  return fail(`unsupported encoding "${spelling}"`, hint);
}

const DELIMITERS: Record<string, string> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '|': '|',
  pipe: '|',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
};

/** Parses a user's `--delimiter` spelling: `,` `;` `|`, a tab as `\t` or `tab`, names like `semicolon`, or another single symbol. */
export function parseDelimiter(spelling: string): string {
  const named = DELIMITERS[spelling.toLowerCase()] ?? DELIMITERS[spelling.trim().toLowerCase()];
  if (named !== undefined) return named;
  // Letters, digits, quotes, spaces and line breaks would make most cells unreadable.
  if (spelling.length === 1 && /^[^\p{L}\p{N}\s"]$/u.test(spelling)) return spelling;
  return fail(`unsupported delimiter "${spelling}"`, 'Use one character such as , ; | or tab (written \\t or tab).');
}

function fail(message: string, hint: string): never {
  throw usageError(message, hint);
}
