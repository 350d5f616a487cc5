/**
 * Validate one CSV record against the contact schema (contact-schema.ts holds the rules).
 *
 * Every row first meets a fast path that accepts rows passing every rule without zod's object machinery;
 * anything else goes through the zod schema, which decides and words the reject. A rejected row yields
 * one reject: the first problem's code in field order, with a message listing all of its problems.
 * Tags and custom attributes (read-open-fields.ts) are read after the table's fields; their problems
 * follow the fields' in the message, and a row with any problem is rejected whole.
 */
import { DEFAULT_DATE_SETTINGS, type DateSettings } from '../fields/cell-reject.js';
import { FIELDS, type RawContact } from '../fields/field-table.js';
import type { BlanksPolicy, Contact, RawRecord, RejectedRow, ValidRow } from '../model.js';
import { blanksValue, createContactSchema, createFastPath, type FieldReader } from './contact-schema.js';
import { describeProblems, type RowProblem } from './describe-problems.js';
import type { ColumnMapping, FieldColumns, MappedFields } from './map-columns.js';
import { NO_OPEN_FIELDS, type OpenFieldOptions } from './open-field-options.js';
import { createOpenFieldReader, type OpenFieldVerdict } from './read-open-fields.js';

/** Options for {@link createRowValidator}. */
export interface RowValidatorOptions {
  mapping: ColumnMapping;
  blanks: BlanksPolicy;
  /** The zone and day/month order dates are read in; default UTC, no slashed dates. */
  dates?: DateSettings;
  /** Tags and custom attributes; default none beyond a tags column the mapping found. */
  open?: OpenFieldOptions;
  /** `false` sends every row through zod. Only for tests that check both paths agree. Default true. */
  fastPath?: boolean;
}

/** A valid row carrying its Contact, or the row's one reject. */
export type RowVerdict = { ok: true; row: ValidRow } | { ok: false; reject: RejectedRow };

/** Validates one record. Stateless: the verdict depends on the record alone, never on earlier rows. */
export type RowValidator = (record: RawRecord) => RowVerdict;

/** Build the per-row validator for one file's column mapping. */
export function createRowValidator({
  mapping,
  blanks,
  dates = DEFAULT_DATE_SETTINGS,
  open = NO_OPEN_FIELDS,
  fastPath = true,
}: RowValidatorOptions): RowValidator {
  const settings = { blank: blanksValue(blanks), dates };
  const schema = createContactSchema(settings);
  const readers = fieldReaders(mapping.fields);
  const accept = fastPath ? createFastPath(readers, settings) : undefined;
  const readOpen = createOpenFieldReader({ mapping, open, blanks });
  return ({ line, cells }) => {
    const extra = readOpen?.(cells);
    const quick = extra?.ok === false ? undefined : accept?.(cells);
    if (quick !== undefined) return { ok: true, row: { line, cells, contact: withOpenFields(quick, extra) } };
    const raw = readRaw(readers, cells);
    const result = schema.safeParse(raw);
    if (result.success && extra?.ok !== false) return { ok: true, row: { line, cells, contact: withOpenFields(result.data, extra) } };
    const problems = result.success ? [] : [describeProblems(result.error.issues, raw)];
    if (extra?.ok === false) problems.push(...extra.problems);
    const [first] = problems as [RowProblem, ...RowProblem[]];
    return { ok: false, reject: { line, cells, code: first.code, message: problems.map((problem) => problem.message).join('; ') } };
  };
}

function withOpenFields(contact: Contact, extra: OpenFieldVerdict | undefined): Contact {
  if (extra?.ok !== true) return contact;
  const { tags, customData } = extra.fields;
  if (tags !== undefined) contact.tags = tags;
  if (customData !== undefined) contact.customData = customData;
  return contact;
}

type Read = (cells: readonly string[]) => string;

/** Each field of the table with the reader of its column(s), in table order. */
function fieldReaders(fields: MappedFields): FieldReader[] {
  return FIELDS.map((field) => {
    const columns: FieldColumns | undefined = fields[field.name];
    return { field, read: columns && textReader(columns) };
  });
}

/** Each field's raw text for zod; a field without a column reads as undefined. */
function readRaw(readers: readonly FieldReader[], cells: readonly string[]): RawContact {
  const raw: Record<string, string | undefined> = {};
  for (const { field, read } of readers) raw[field.name] = read?.(cells);
  return raw as RawContact;
}

/**
 * One column is read as is (the schema trims). Several columns (first + last name) are trimmed and
 * joined with one space, skipping blank parts, so a missing last name does not leave a trailing space.
 */
function textReader({ indexes }: FieldColumns): Read {
  const [only] = indexes;
  if (indexes.length === 1 && only !== undefined) return (cells) => cells[only] ?? '';
  // A loop rather than map/filter/join: this runs on every row, and the arrays would be garbage at once.
  return (cells) => {
    let text = '';
    for (const index of indexes) {
      const part = (cells[index] ?? '').trim();
      if (part !== '') text = text === '' ? part : `${text} ${part}`;
    }
    return text;
  };
}
