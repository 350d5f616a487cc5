import { usageError, type HciError } from '../errors.js';
import { FIELDS, FIELD_NAMES, type FieldName } from '../fields/field-table.js';

/** What `--map` can name: a contact field, or the column of tags. */
export type MapTarget = FieldName | 'tags';
export const MAP_TARGETS: readonly MapTarget[] = [...FIELD_NAMES, 'tags'];
export const isMapTarget = (name: string): name is MapTarget => (MAP_TARGETS as readonly string[]).includes(name);

/** What a column can feed: a contact field, the tags, or half of a name built from first + last name columns. */
export type ColumnRole = MapTarget | 'first_name' | 'last_name';

/**
 * Header aliases, as users write them: each field's own from the field table, plus the two halves of a
 * name (First Name, Given Name; Last Name, Surname, Family Name), joined when there is no name column.
 * Matching ignores case, whitespace, `_` and `-` (see {@link normaliseHeader}).
 */
const ALIASES: readonly (readonly [ColumnRole, readonly string[]])[] = [
  ...FIELDS.map((field) => [field.name, field.aliases] as const),
  ['first_name', ['first name', 'given name']],
  ['last_name', ['last name', 'surname', 'family name']],
  ['tags', ['tags', 'labels', 'segments']],
];

/** Lower case without whitespace, `_` or `-`: the form in which headers are compared. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

const ROLE_BY_HEADER: ReadonlyMap<string, ColumnRole> = new Map(
  ALIASES.flatMap(([role, names]) => names.map((name) => [normaliseHeader(name), role] as const)),
);

/** The role a header plays by the alias table, or undefined when it names nothing we import. */
export function roleOfHeader(header: string): ColumnRole | undefined {
  return ROLE_BY_HEADER.get(normaliseHeader(header));
}

/** The usage error for `--map` naming a field we do not import. */
export function unknownFieldError(field: string): HciError {
  return usageError(`--map ${JSON.stringify(field)}: unknown field; the fields are ${MAP_TARGETS.join(', ')}`);
}

/** The exact header first, so `--map` can pick one of two columns that normalise alike. */
export function findHeader(headers: readonly string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const normalised = normaliseHeader(wanted);
  return headers.findIndex((header) => normaliseHeader(header) === normalised);
}

const quote = (text: string): string => JSON.stringify(text);

export const listHeaders = (headers: readonly string[]): string => (headers.length === 0 ? '(none)' : headers.map(quote).join(', '));
