/**
 * How a CSV cell becomes a Contact value, written once as data and turned into both the zod piece (which
 * decides and words every reject) and the fast path's accept (which never rejects, only defers to zod).
 * Because both come from one {@link TextCell}, they cannot drift apart.
 *
 * - Every value is trimmed (leading/trailing whitespace only) and at most {@link MAX_FIELD_LENGTH}
 *   characters long, counted as JavaScript does (UTF-16 units: an emoji counts two, which errs on the
 *   safe side of the API's limit).
 * - A required field's blank cell is its `missing` reject. An optional field's blank cell becomes the
 *   blanks policy's value: `undefined` (keep the stored value) or `null` (clear it).
 * - Checks run on the trimmed, non-blank value, in order; each names its reject code and sentence. Every
 *   cell starts with {@link noControlCharacters} (notes: {@link noControlCharactersButLineBreaks}), so no
 *   text field, present or future, can carry an ANSI escape to agents' screens.
 * - A cell with `convert` turns the checked text into its value (a date into UNIX seconds, a language
 *   name into its code, `yes` into true) or into a {@link CellReject}; the run's date settings reach it.
 */
import { z } from 'zod';
import { RejectCode } from '../reject-codes.js';
import type { Scalar } from './compare-values.js';
import { CellReject, type DateSettings } from './cell-reject.js';
import { noControlCharacters, noControlCharactersButLineBreaks, type TextCheck } from './text-checks.js';

export type { TextCheck } from './text-checks.js';

export const MAX_FIELD_LENGTH = 255;

/** What a blank optional cell becomes: `undefined` keeps the stored value, `null` clears it. */
export type Blank = null | undefined;

/** How this run reads cells: what a blank optional cell becomes, and how dates are read. */
export interface CellSettings {
  readonly blank: Blank;
  readonly dates: DateSettings;
}

/** Checked text → the value a Contact holds, or the reject that explains why the text is no such value. */
export type Convert<Value extends Scalar> = (value: string, dates: DateSettings) => Value | CellReject;

/**
 * A cell's rules. `required` is a literal so the table's types know which fields a Contact always has;
 * `Value` is what the cell holds once read (text unless the cell converts).
 */
export interface TextCell<Required extends boolean = boolean, Value extends Scalar = Scalar> {
  readonly required: Required;
  /** The reject for a blank cell of a required field. */
  readonly missing?: RejectCode;
  readonly checks: readonly TextCheck[];
  /** Absent (undefined) for text, which is kept as checked. */
  readonly convert: Convert<Value> | undefined;
}

/** The value type a cell yields. */
export type CellValue<Cell> = Cell extends TextCell<boolean, infer Value> ? Value : never;

/** A field every row must fill. */
export function requiredText(missing: RejectCode, checks: readonly TextCheck[] = []): TextCell<true, string> {
  return { required: true, missing, checks: [noControlCharacters, ...checks], convert: undefined };
}

/** A field a row may leave blank or lack a column for. */
export function optionalText(checks: readonly TextCheck[] = []): TextCell<false, string> {
  // `missing` and `convert` are present, though undefined, so every cell has one shape and the fast path stays monomorphic.
  return { required: false, missing: undefined, checks: [noControlCharacters, ...checks], convert: undefined };
}

/** Free text that may span lines (notes): line breaks are kept, every other control character is refused. */
export function multilineText(): TextCell<false, string> {
  return { required: false, missing: undefined, checks: [noControlCharactersButLineBreaks], convert: undefined };
}

/** An optional field whose text is read into a value (a date, a language code, a boolean). */
export function convertedCell<Value extends Scalar>(convert: Convert<Value>): TextCell<false, Value> {
  return { required: false, missing: undefined, checks: [noControlCharacters], convert };
}

/** The zod piece: raw cell text (undefined without a column) → the value a Contact holds. */
export function textSchema(cell: TextCell, { blank, dates }: CellSettings) {
  let text = z.string().trim();
  if (cell.required) text = text.min(1);
  text = text.max(MAX_FIELD_LENGTH);
  // `params.check` tells describe-problems which check an issue came from.
  cell.checks.forEach((check, index) => {
    text = text.refine((value) => value === '' || check.accepts(value), { params: { check: index } });
  });
  const { convert } = cell;
  const read = (value: string, ctx: z.core.$RefinementCtx<string>): Scalar => {
    if (convert === undefined) return value;
    const converted = convert(value, dates);
    if (!(converted instanceof CellReject)) return converted;
    // `params.reject` carries the code and the sentence to describe-problems.
    ctx.issues.push({ code: 'custom', message: converted.code, input: value, params: { reject: converted } });
    return z.NEVER;
  };
  if (cell.required) return convert === undefined ? text : text.transform(read);
  return text.transform((value, ctx) => (value === '' ? blank : read(value, ctx))).optional();
}

/** Returned by {@link acceptText} when a rule might fail: the row goes to zod. */
export const DEFER: unique symbol = Symbol('defer to zod');

/** The value zod would give for this cell when every rule surely passes; {@link DEFER} otherwise. */
export function acceptText(cell: TextCell, raw: string | undefined, settings: CellSettings): Scalar | Blank | typeof DEFER {
  if (raw === undefined) return cell.required ? DEFER : undefined;
  const value = raw.trim();
  if (value.length > MAX_FIELD_LENGTH) return DEFER;
  if (value === '') return cell.required ? DEFER : settings.blank;
  const { checks, convert } = cell;
  for (let i = 0; i < checks.length; i += 1) if (!(checks[i] as TextCheck).accepts(value)) return DEFER;
  if (convert === undefined) return value;
  const converted = convert(value, settings.dates);
  return converted instanceof CellReject ? DEFER : converted;
}

/** A reject as describe-problems words it: `explain` is absent for the blank and too-long rejects it words itself. */
export interface IssueReject {
  code: RejectCode;
  explain?: (field: string, value: string) => string;
}

/** The reject a zod issue on this cell stands for; undefined for an issue the cell cannot raise (a bug). */
export function rejectOfIssue(cell: TextCell, issue: z.core.$ZodIssue): IssueReject | undefined {
  if (issue.code === 'too_small') return cell.missing === undefined ? undefined : { code: cell.missing };
  if (issue.code === 'too_big') return { code: RejectCode.fieldTooLong };
  if (issue.code !== 'custom') return undefined;
  const reject = issue.params?.['reject'];
  if (reject instanceof CellReject) return reject;
  const check = cell.checks[Number(issue.params?.['check'])];
  return check && { code: check.code, explain: check.explain };
}
