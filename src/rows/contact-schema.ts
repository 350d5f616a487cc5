/**
 * The rules a row must pass, as one zod schema (describe-problems.ts words its issues), plus a fast
 * path for rows that pass them all.
 *
 * - Every value is trimmed (leading/trailing whitespace only) and at most {@link MAX_FIELD_LENGTH}
 *   characters long, counted as JavaScript does (UTF-16 units: an emoji counts two, which errs on the
 *   safe side of the API's unknown limit).
 * - user_id, name, email are required; a blank one is a `missing_*` reject. user_id stays a string,
 *   byte for byte: `007` stays `007`.
 * - user_id in spreadsheet scientific notation is rejected, see {@link isScientificNotation}.
 * - email must match zod 4's default `z.email()` rule ("practical email validation"): ASCII letters,
 *   digits and `_'+-.` before the `@` (no leading, trailing or doubled dot), dot-separated labels after
 *   it ending in a top-level domain of two letters or more. So `bob@`, `bob@gmail`, `bob@@x.com` and `a b@x.com` are
 *   rejected; internationalised addresses must use punycode domains. Stored as given (case kept).
 * - phone and company are optional: a blank cell becomes `undefined` (keep the stored value), or
 *   `null` (clear it) under `--blanks clear`.
 */
import { z } from 'zod';
import type { BlanksPolicy, Contact } from '../model.js';

export const MAX_FIELD_LENGTH = 255;

/**
 * zod 4's default email pattern (`z.regexes.email`), copied so that a zod upgrade cannot silently change
 * which rows are rejected. Linear time: a 100,000-character cell takes about a millisecond.
 */
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

const requiredText = () => z.string().trim().min(1).max(MAX_FIELD_LENGTH);

/** The row schema. Input: raw cell text per field (undefined when the CSV has no such column); output: a Contact. */
export function createContactSchema(blanks: BlanksPolicy) {
  const blank = blanksValue(blanks);
  const optionalText = z
    .string()
    .trim()
    .max(MAX_FIELD_LENGTH)
    .transform((value) => (value === '' ? blank : value))
    .optional();
  return z
    .object({
      user_id: requiredText().refine((value) => !isScientificNotation(value)),
      name: requiredText(),
      email: requiredText().regex(EMAIL_PATTERN),
      phone: optionalText,
      company: optionalText,
    })
    .transform(({ user_id, name, email, phone, company }) => ({ userId: user_id, name, email, phone, company }));
}

/** Raw text per field, before any rule applies. */
export type RawContact = z.input<ReturnType<typeof createContactSchema>>;

/** What a blank optional cell becomes under a blanks policy. */
export function blanksValue(blanks: BlanksPolicy): null | undefined {
  return blanks === 'clear' ? null : undefined;
}

/**
 * The schema's answer for a row that passes every rule, at a fraction of zod's cost (zod spends most of
 * a row on building its result; the benchmark validates a million rows). Returns undefined whenever any
 * rule might fail: the fast path never rejects, so the schema keeps the final word on every reject and
 * its message. Keep it in step with the schema above; contact-schema.test.ts checks both agree.
 */
export function acceptCommonCase(raw: RawContact, blank: null | undefined): Contact | undefined {
  const userId = raw.user_id.trim();
  const name = raw.name.trim();
  const email = raw.email.trim();
  const phone = raw.phone?.trim();
  const company = raw.company?.trim();
  if (!isFilledAndFits(userId) || !isFilledAndFits(name) || !isFilledAndFits(email)) return undefined;
  if (!fits(phone) || !fits(company)) return undefined;
  if (isScientificNotation(userId) || !EMAIL_PATTERN.test(email)) return undefined;
  return { userId, name, email, phone: phone === '' ? blank : phone, company: company === '' ? blank : company };
}

const fits = (value: string | undefined): boolean => value === undefined || value.length <= MAX_FIELD_LENGTH;
const isFilledAndFits = (value: string): boolean => value.length > 0 && value.length <= MAX_FIELD_LENGTH;
