/**
 * How a CSV cell becomes a text value, written once as data and turned into both the zod piece (which
 * decides and words every reject) and the fast path's accept (which never rejects, only defers to zod).
 * Because both come from one {@link TextCell}, they cannot drift apart.
 *
 * - Every value is trimmed (leading/trailing whitespace only) and at most {@link MAX_FIELD_LENGTH}
 *   characters long, counted as JavaScript does (UTF-16 units: an emoji counts two, which errs on the
 *   safe side of the API's unknown limit).
 * - A required field's blank cell is its `missing` reject. An optional field's blank cell becomes the
 *   blanks policy's value: `undefined` (keep the stored value) or `null` (clear it).
 * - Checks run on the trimmed, non-blank value, in order; each names its reject code and sentence. Every
 *   cell starts with {@link noControlCharacters}, so no text field, present or future, can carry an
 *   ANSI escape or a line break to agents' screens.
 */
import { z } from 'zod';
import { RejectCode } from '../model.js';
import { noControlCharacters } from './text-checks.js';

export const MAX_FIELD_LENGTH = 255;

/** What a blank optional cell becomes: `undefined` keeps the stored value, `null` clears it. */
export type Blank = null | undefined;

/** One rule beyond "filled and short enough", with the reject it gives and the sentence that explains it. */
export interface TextCheck {
  code: RejectCode;
  accepts: (value: string) => boolean;
  /** The problem in words, naming the field and quoting the value. */
  explain: (field: string, value: string) => string;
}

/** A text cell's rules. `required` is a literal so the table's types know which fields a Contact always has. */
export interface TextCell<Required extends boolean = boolean> {
  readonly required: Required;
  /** The reject for a blank cell of a required field. */
  readonly missing?: RejectCode;
  readonly checks: readonly TextCheck[];
}

/** A field every row must fill. */
export function requiredText(missing: RejectCode, checks: readonly TextCheck[] = []): TextCell<true> {
  return { required: true, missing, checks: [noControlCharacters, ...checks] };
}

/** A field a row may leave blank or lack a column for. */
export function optionalText(checks: readonly TextCheck[] = []): TextCell<false> {
  // `missing` is present, though undefined, so every cell has one shape and the fast path stays monomorphic.
  return { required: false, missing: undefined, checks: [noControlCharacters, ...checks] };
}

/** The zod piece: raw cell text (undefined without a column) → the value a Contact holds. */
export function textSchema(cell: TextCell, blank: Blank) {
  let text = z.string().trim();
  if (cell.required) text = text.min(1);
  text = text.max(MAX_FIELD_LENGTH);
  // `params.check` tells describe-problems which check an issue came from.
  cell.checks.forEach((check, index) => {
    text = text.refine((value) => value === '' || check.accepts(value), { params: { check: index } });
  });
  if (cell.required) return text;
  return text.transform((value) => (value === '' ? blank : value)).optional();
}

/** Returned by {@link acceptText} when a rule might fail: the row goes to zod. */
export const DEFER: unique symbol = Symbol('defer to zod');

/** The value zod would give for this cell when every rule surely passes; {@link DEFER} otherwise. */
export function acceptText(cell: TextCell, raw: string | undefined, blank: Blank): string | Blank | typeof DEFER {
  if (raw === undefined) return cell.required ? DEFER : undefined;
  const value = raw.trim();
  if (value.length > MAX_FIELD_LENGTH) return DEFER;
  if (value === '') return cell.required ? DEFER : blank;
  const { checks } = cell;
  for (let i = 0; i < checks.length; i += 1) if (!(checks[i] as TextCheck).accepts(value)) return DEFER;
  return value;
}

/** The reject a zod issue on this cell stands for; undefined for an issue the cell cannot raise (a bug). */
export function rejectOfIssue(cell: TextCell, issue: z.core.$ZodIssue): { code: RejectCode; check?: TextCheck } | undefined {
  if (issue.code === 'too_small') return cell.missing === undefined ? undefined : { code: cell.missing };
  if (issue.code === 'too_big') return { code: RejectCode.fieldTooLong };
  if (issue.code !== 'custom') return undefined;
  const check = cell.checks[Number(issue.params?.['check'])];
  return check && { code: check.code, check };
}
