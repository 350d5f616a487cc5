/**
 * How a cell becomes tags or a typed custom attribute. Pure functions of the cell text; each problem
 * names its reject code and a sentence naming the column and quoting the value.
 *
 * - Tags: split on `--tag-separator`, or on the most frequent of `,` `;` `|` and a line break in the cell;
 *   each trimmed, empty ones dropped, case kept, repeats collapsed; each at most 255 characters.
 * - Attributes: `string` (at most 255 characters), `number` (`42`, `-1.5`), `boolean` (true/false, yes/no,
 *   1/0, y/n, any case), `date` (UNIX seconds of 9 or 10 digits, or ISO 8601 `2024-05-31`, `2024-05-31T10:00:00Z`; without a
 *   zone read as UTC), sent as UNIX seconds. Every text passes the control-character check.
 */
import { RejectCode } from '../reject-codes.js';
import { MAX_FIELD_LENGTH } from './text-cell.js';
import { noControlCharacters } from './text-checks.js';

/** How a custom attribute's cell is read and sent: dates go out as UNIX seconds. */
export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** A cell's problem: the reject code and the sentence. */
export interface CellProblem {
  code: RejectCode;
  message: string;
}

const SEPARATORS = [',', ';', '|', '\n'] as const;
const show = (value: string): string => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);

/** The separator a tag cell uses: the most frequent candidate, the first listed on a tie. */
export function sniffTagSeparator(cell: string): string {
  let best: string = SEPARATORS[0];
  let bestCount = 0;
  for (const separator of SEPARATORS) {
    const count = cell.split(separator).length - 1;
    if (count > bestCount) [best, bestCount] = [separator, count];
  }
  return best;
}

/** The tags of one cell, or its first problem. */
export function readTagCell(column: string, cell: string, separator?: string): { tags: string[] } | CellProblem {
  const parts = cell.replace(/\r\n?/g, '\n').split(separator ?? sniffTagSeparator(cell));
  const tags = [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
  for (const tag of tags) {
    const problem = textProblem(column, tag);
    if (problem !== undefined) return problem;
  }
  return { tags };
}

/** A tag's or a string attribute's problem: too long, or a control character; undefined when fine. */
export function textProblem(column: string, value: string): CellProblem | undefined {
  if (value.length > MAX_FIELD_LENGTH) {
    return { code: RejectCode.fieldTooLong, message: `${column} is ${value.length} characters long; the limit is ${MAX_FIELD_LENGTH}` };
  }
  if (!noControlCharacters.accepts(value)) return { code: noControlCharacters.code, message: noControlCharacters.explain(column, value) };
  return undefined;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
// 9 or 10 digits, as for first_seen (parse-date.ts): `2024` or `20240531` is a year or a date, not a second count.
const UNIX_SECONDS = /^\d{9,10}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A custom attribute's value from its trimmed, non-blank cell, or the cell's problem. */
export function readAttributeCell(column: string, type: AttributeType, value: string): { value: string | number | boolean } | CellProblem {
  const text = textProblem(column, value);
  if (text !== undefined) return text;
  if (type === 'string') return { value };
  if (type === 'number') {
    const number = Number(value);
    if (NUMBER.test(value) && Number.isFinite(number)) return { value: number };
    return { code: RejectCode.invalidNumber, message: `${column} is not a number: ${show(value)}` };
  }
  if (type === 'boolean') {
    const lower = value.toLowerCase();
    if (TRUE.has(lower) || FALSE.has(lower)) return { value: TRUE.has(lower) };
    return { code: RejectCode.invalidBoolean, message: `${column} is not true or false (yes/no, 1/0): ${show(value)}` };
  }
  const seconds = readDate(value);
  if (seconds !== undefined) return { value: seconds };
  return { code: RejectCode.invalidDate, message: `${column} is not a date (2024-05-31, ISO 8601 or UNIX seconds): ${show(value)}` };
}

/** UNIX seconds of a date cell; undefined when it is not one (a 31st of February included). */
function readDate(value: string): number | undefined {
  if (UNIX_SECONDS.test(value)) return Number(value);
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', zone = 'Z'] = match;
  const ms = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  );
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls 2024-02-31 over to March; a date that does not round-trip did not exist.
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) return undefined;
  return Math.floor(ms / 1000);
}
