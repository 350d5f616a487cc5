/**
 * The checks a field's text must pass beyond "filled and at most 255 characters", each with its reject
 * code and sentence. The field table names which field runs which check.
 */
import { RejectCode } from '../reject-codes.js';

/** One rule beyond "filled and short enough", with the reject it gives and the sentence that explains it. */
export interface TextCheck {
  code: RejectCode;
  accepts: (value: string) => boolean;
  /** The problem in words, naming the field and quoting the value. */
  explain: (field: string, value: string) => string;
}

/**
 * zod 4's default email pattern (`z.regexes.email`), copied so that a zod upgrade cannot silently change
 * which rows are rejected. Linear time: a 100,000-character cell takes about a millisecond.
 */
// biome-ignore lint/complexity/noUselessEscapeInRegex: kept byte for byte as zod writes it; a test compares the two
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/**
 * Digits with a decimal separator and an exponent, or with a signed exponent: what Excel, Sheets,
 * Numbers and LibreOffice (`1.23457E+11`, `1E+15`, and `1,23457E+11` in comma-decimal locales), Java
 * (`5.5E10`), JavaScript and Python (`1e+21`) write for a number. The id's digits are gone, so importing
 * it would create a contact nobody can log in as. An unsigned exponent without a decimal separator
 * (`12e45`, `1e5`) is accepted: short hexadecimal ids look exactly like that. Ids such as `E123`, `e5`,
 * `abc1e5` or `1e5x` never match.
 */
const SCIENTIFIC_NOTATION = /^[+-]?\d+(?:[.,]\d+[eE][+-]?|[eE][+-])\d+$/;

/** True for a value a spreadsheet wrote in scientific notation (see the rule above). */
export function isScientificNotation(value: string): boolean {
  return SCIENTIFIC_NOTATION.test(value);
}

const cut = (value: string): string => (value.length > 80 ? `${value.slice(0, 77)}…` : value);

/** Quote a value for a message; long values are cut so one bad cell cannot flood the report. */
export function quote(value: string): string {
  return JSON.stringify(cut(value));
}

/** An id a spreadsheet turned into a number: rejected, since its digits are lost. */
export const notScientific: TextCheck = {
  code: RejectCode.userIdScientificNotation,
  accepts: (value) => !isScientificNotation(value),
  explain: (field, value) =>
    `${field} ${quote(value)} is in scientific notation: the spreadsheet already lost its digits; re-export the column as text`,
};

/**
 * zod 4's "practical email validation": ASCII letters, digits and `_'+-.` before the `@` (no leading,
 * trailing or doubled dot), dot-separated labels after it ending in a top-level domain of two letters or
 * more. So `bob@`, `bob@gmail`, `bob@@x.com` and `a b@x.com` are rejected; internationalised addresses
 * must use punycode domains. Stored as given (case kept).
 */
export const emailAddress: TextCheck = {
  code: RejectCode.invalidEmail,
  accepts: (value) => EMAIL_PATTERN.test(value),
  explain: (field, value) => `${field} ${quote(value)} is not a valid address`,
};

/**
 * Unicode's control characters (category Cc) but tab: C0 (NUL, ESC, CR, LF, …), DEL and C1 (U+0080–U+009F,
 * whose U+009B is an 8-bit escape introducer and which otherwise only appear in doubly-encoded text).
 * HelpCrunch fields are single-line text shown on agents' screens, so an ANSI escape or a line break inside
 * a quoted cell is an export defect, never data. Tab stays allowed: it is whitespace some exports keep.
 * Line breaks at the ends of a cell are trimmed away before this check, like any whitespace.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/** `\u001B` for ESC: how a character that cannot be printed, or would not be seen, reads in a message. */
export function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A check refusing the characters `found` (a global pattern) matches; `rule` says what the field may hold. */
function refuse(found: RegExp, rule: string): TextCheck {
  const one = new RegExp(found.source);
  return {
    code: RejectCode.invalidCharacters,
    accepts: (value) => !one.test(value),
    explain: (field, value) => {
      const chars = [...new Set(value.match(found))].map(escapeChar).join(', ');
      // Escaped by hand rather than by JSON, so every control character reads alike (`\u000A`, not `\n`).
      const shown = `"${cut(value).replace(/["\\]/g, '\\$&').replace(CONTROL_CHARACTERS, escapeChar)}"`;
      return `${field} holds a control character (${chars}): ${shown}; ${rule}: remove it and re-export`;
    },
  };
}

/** A text field holding a control character (see CONTROL_CHARACTERS): rejected in every text field. */
export const noControlCharacters: TextCheck = refuse(CONTROL_CHARACTERS, 'HelpCrunch text is printable and single-line');

/**
 * Notes are free text that HelpCrunch shows in a multi-line box, and a note typed over several lines is
 * data, not an export defect: CR and LF are kept as written. Every other control character is refused.
 */
export const noControlCharactersButLineBreaks: TextCheck = refuse(
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g,
  'notes may hold line breaks but no other control character',
);
