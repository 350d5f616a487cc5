/**
 * Decide which CSV column feeds each contact field.
 *
 * - Headers are recognised by the alias table in `column-aliases.ts` (case, whitespace, `_` and `-`
 *   ignored). Without a name column, First Name + Last Name columns (either alone also works) are
 *   joined with one space.
 * - `--map field=Header` beats the table: the header is matched exactly first, then normalised.
 * - Columns whose header starts with `_` are ignored: they are the report's own columns, so a fixed
 *   rejects.csv imports as is.
 * - When two columns match one field, the first wins and the other is listed as unmapped with a note,
 *   so the ambiguity is visible in the summary.
 * - A preset (`src/presets/`) passes its refused and bookkeeping columns as `excluded`: no alias reads
 *   them, only `--map`; they stay unmapped with the preset's note.
 * - A Tags/Labels/Segments column (or `--map tags=Header`) feeds the tags; `--custom` and `--custom-rest`
 *   columns feed custom attributes (`map-custom-columns.ts`).
 */
import { ErrorCode, inputError, usageError } from '../errors.js';
import { FIELDS, FIELD_NAMES, type FieldName, type RequiredFieldName } from '../fields/field-table.js';
import { findHeader, isMapTarget, listHeaders, roleOfHeader, unknownFieldError, type ColumnRole } from './column-aliases.js';
import { mapCustomColumns, type CustomColumn } from './map-custom-columns.js';
import type { OpenFieldOptions } from './open-field-options.js';

/** The column(s) a field is read from; `name` may list a first and a last name column, joined with one space. */
export interface FieldColumns {
  indexes: readonly number[];
  headers: readonly string[];
}

/** Where each field comes from. The required fields always have a column; the optional ones may not. */
export type MappedFields = Record<RequiredFieldName, FieldColumns> & Partial<Record<FieldName, FieldColumns>>;

/** A column no field reads. `note` says why when the column did match a field that another column feeds. */
export interface UnmappedColumn {
  index: number;
  header: string;
  note?: string;
}

/** Which columns feed which fields, and which columns nothing reads (for the summary). */
export interface ColumnMapping {
  fields: MappedFields;
  /** The column of tags, when there is one. */
  tags?: FieldColumns;
  /** Columns sent as custom attributes (`--custom`, `--custom-rest`), in column order. */
  custom: CustomColumn[];
  /** In column order. */
  unmapped: UnmappedColumn[];
  /** Headers starting with `_` (the report's own columns). */
  ignored: string[];
}

/** `--map` overrides: field (or `tags`) → header; a preset may also name the two halves of a name. */
export type MapOverrides = Partial<Record<ColumnRole, string>>;

/**
 * Map headers to fields. Throws a usage error (exit 2) for a bad `--map` override and an input error
 * (exit 3, `HCI_MISSING_COLUMN`) when a required field (user_id, name, email) has no column.
 */
export function mapColumns(
  headers: readonly string[],
  overrides: MapOverrides = {},
  open: Pick<OpenFieldOptions, 'custom' | 'customRest'> = { custom: [], customRest: false },
  excluded: ReadonlyMap<number, string> = new Map(),
): ColumnMapping {
  const forced = resolveOverrides(headers, overrides);
  const forcedIndexes = new Set(forced.values());
  const chosen = new Map<ColumnRole, number>();
  const unmapped: UnmappedColumn[] = [];
  const ignored: string[] = [];
  const takenBy = (role: ColumnRole) => forced.get(role) ?? chosen.get(role);
  headers.forEach((header, index) => {
    // A column named by --map is read even when it starts with `_` or also matches a taken field.
    const isForced = forcedIndexes.has(index);
    if (header.startsWith('_') && !isForced) {
      ignored.push(header);
      return;
    }
    // A preset's identity trap or bookkeeping column: no alias reads it, only --map.
    const why = excluded.get(index);
    if (why !== undefined && !isForced) {
      unmapped.push({ index, header, note: why });
      return;
    }
    const role = roleOfHeader(header);
    const taker = role === undefined ? undefined : takenBy(role);
    if (role !== undefined && taker === undefined) chosen.set(role, index);
    else if (!isForced && taker !== index) unmapped.push(unmappedColumn(headers, index, role, taker));
  });
  const fields = pickFields(headers, forced, chosen, (entry) => unmapped.push(entry));
  unmapped.sort((a, b) => a.index - b.index);
  const tagsIndex = forced.get('tags') ?? chosen.get('tags');
  const tags = tagsIndex === undefined ? undefined : { indexes: [tagsIndex], headers: [headers[tagsIndex] ?? ''] };
  const mapping: ColumnMapping = { fields: requireFields(fields, headers), custom: [], unmapped, ignored };
  if (tags !== undefined) mapping.tags = tags;
  return mapCustomColumns(headers, mapping, open);
}

function unmappedColumn(headers: readonly string[], index: number, role?: ColumnRole, taker?: number): UnmappedColumn {
  const header = headers[index] ?? '';
  if (role === undefined || taker === undefined) return { index, header };
  return { index, header, note: `also matches ${role}, which is read from ${quote(headers[taker] ?? '')}` };
}

type Columns = Partial<Record<FieldName, FieldColumns>>;

function pickFields(
  headers: readonly string[],
  forced: ReadonlyMap<ColumnRole, number>,
  chosen: ReadonlyMap<ColumnRole, number>,
  leaveUnmapped: (column: UnmappedColumn) => void,
): Columns {
  const columns = (indexes: number[]): FieldColumns => ({ indexes, headers: indexes.map((i) => headers[i] ?? '') });
  const fields: Columns = {};
  for (const field of FIELD_NAMES) {
    const index = forced.get(field) ?? chosen.get(field);
    if (index !== undefined) fields[field] = columns([index]);
  }
  const part = (role: 'first_name' | 'last_name') => forced.get(role) ?? chosen.get(role);
  const nameParts = [part('first_name'), part('last_name')].filter((i) => i !== undefined);
  const forcedIndexes = new Set(forced.values());
  if (fields.name === undefined) {
    if (nameParts.length > 0) fields.name = columns(nameParts);
    return fields;
  }
  const note = `name is read from ${quote(fields.name.headers[0] ?? '')}`;
  for (const index of nameParts.filter((i) => !forcedIndexes.has(i))) {
    leaveUnmapped({ index, header: headers[index] ?? '', note });
  }
  return fields;
}

function requireFields(fields: Columns, headers: readonly string[]): MappedFields {
  const missing = FIELDS.filter((field) => field.cell.required && fields[field.name] === undefined).map((field) => field.name);
  if (missing.length === 0) return fields as MappedFields;
  return failMissing(missing, headers);
}

function failMissing(missing: readonly FieldName[], headers: readonly string[]): never {
  throw inputError(
    ErrorCode.missingColumn,
    `no column for ${missing.join(', ')}; headers found: ${listHeaders(headers)}`,
    `name the column with --map ${missing[0] ?? 'field'}="<header>"`,
  );
}

function resolveOverrides(headers: readonly string[], overrides: MapOverrides): Map<ColumnRole, number> {
  const forced = new Map<ColumnRole, number>();
  for (const [field, header] of Object.entries(overrides)) {
    if (header === undefined) continue;
    if (!isMapTarget(field) && field !== 'first_name' && field !== 'last_name') throw unknownFieldError(field);
    const index = findHeader(headers, header);
    if (index < 0) {
      throw usageError(`--map ${field}=${quote(header)}: no such column; headers found: ${listHeaders(headers)}`);
    }
    forced.set(field, index);
  }
  return forced;
}

const quote = (text: string): string => JSON.stringify(text);
