/**
 * The rules a row must pass, as one zod schema (describe-problems.ts words its issues), plus a fast path
 * for rows that pass them all. Both are built from the field table: each field's `cell` (see
 * `fields/text-cell.ts`) yields its zod piece and its fast accept, so the two cannot drift apart.
 * user_id stays a string, byte for byte: `007` stays `007`.
 */
import { z } from 'zod';
import { FIELDS, type FieldSpec, type RawContact } from '../fields/field-table.js';
import type { Scalar } from '../fields/compare-values.js';
import { acceptText, DEFER, textSchema, type Blank, type CellSettings } from '../fields/text-cell.js';
import type { BlanksPolicy, Contact } from '../model.js';

/** The row schema. Input: raw cell text per field (undefined when the CSV has no such column); output: a Contact. */
export function createContactSchema(settings: CellSettings): z.ZodType<Contact, RawContact> {
  const shape = Object.fromEntries(FIELDS.map((field) => [field.name, textSchema(field.cell, settings)]));
  return z.object(shape).transform((raw) => {
    const contact: Record<string, unknown> = {};
    for (const field of FIELDS) contact[field.property] = raw[field.name];
    return contact as unknown as Contact;
  }) as unknown as z.ZodType<Contact, RawContact>;
}

/** What a blank optional cell becomes under a blanks policy. */
export function blanksValue(blanks: BlanksPolicy): Blank {
  return blanks === 'clear' ? null : undefined;
}

/** A field and the reader of its column(s) in one file; `read` is undefined when the file has no such column. */
export interface FieldReader {
  readonly field: FieldSpec;
  readonly read: ((cells: readonly string[]) => string) | undefined;
}

/**
 * The schema's answer for a row that passes every rule, at a fraction of zod's cost (zod spends most of
 * a row on building its result; the benchmark validates a million rows). Returns undefined whenever any
 * rule might fail: the fast path never rejects, so the schema keeps the final word on every reject and
 * its message. The contact is the only object a row allocates.
 *
 * A field without a column reads as undefined (an optional one becomes undefined; a required one defers),
 * so only the file's columns are visited. Their values go into one reused array, and the contact is made
 * from it by one object literal naming every property in table order: every contact has the schema's keys
 * in the schema's order and one hidden class.
 */
export function createFastPath(readers: readonly FieldReader[], settings: CellSettings): (cells: readonly string[]) => Contact | undefined {
  if (readers.some(({ field, read }) => read === undefined && field.cell.required)) return () => undefined;
  const mapped = readers.flatMap(({ field, read }, position) => (read === undefined ? [] : [{ cell: field.cell, read, position }]));
  const contactOf = literalMaker(readers.map(({ field }) => field.property));
  const values: (Scalar | Blank)[] = readers.map(() => undefined);
  return (cells) => {
    for (let i = 0; i < mapped.length; i += 1) {
      const { cell, read, position } = mapped[i] as (typeof mapped)[number];
      const value = acceptText(cell, read(cells), settings);
      if (value === DEFER) return undefined;
      values[position] = value;
    }
    return contactOf(values) as unknown as Contact;
  };
}

/**
 * `(values) => ({ userId: values[0], name: values[1], … })` for these property names. Generated (the names
 * are the field table's, never input) because a literal is 3× faster than filling a copied template by
 * computed names, whose stores V8 cannot specialise: ~60 ns a row, 6% of a million-row dry run.
 */
function literalMaker(properties: readonly string[]): (values: readonly unknown[]) => Record<string, unknown> {
  const body = properties.map((property, i) => `${JSON.stringify(property)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${body} };`) as (values: readonly unknown[]) => Record<string, unknown>;
}
