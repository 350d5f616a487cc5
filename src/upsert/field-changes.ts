/**
 * What a planned write changes, field by field: the lines of changes.csv. Built from the same values and
 * the same compare kinds as `planRow`'s decision, so the report cannot say something the write does not do.
 */
import { sameText, VALUE_KINDS, type ValueKindName } from '../fields/compare-values.js';
import { FIELDS, PLANNED_FIELDS } from '../fields/field-table.js';

/** One changed field of one row. `before` is '' for a create or an empty stored value; `after` '' clears. */
export interface FieldChange {
  /** The canonical field name (`name`, `email`, `tags`), or `customData.<property>` per custom attribute. */
  field: string;
  before: string;
  after: string;
}

const NAME_BY_PROPERTY = new Map<string, string>(FIELDS.map(({ property, name }) => [property, name]));
const KIND_BY_PROPERTY = new Map<string, ValueKindName>(PLANNED_FIELDS.map(({ property, kind }) => [property, kind]));

/** A stored or wanted value as one cell: tags by name joined with `;` in order, scalars as text, empty as ''. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map((item: unknown) => (typeof item === 'object' && item !== null ? String((item as { name?: unknown }).name) : String(item)))
      .join(';');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const customItems = (stored: unknown): Map<string, unknown> =>
  new Map(Array.isArray(stored) ? stored.map((item: { property: string; value: unknown }) => [item.property, item.value]) : []);

/**
 * The changes that writing `wanted` (wire properties → values, as `planRow` reads a contact) over `stored`
 * makes; a create passes no stored record. customData is listed per property, other kinds as one field;
 * a field the row does not carry, or that compares the same, has no line.
 */
export function fieldChanges(wanted: Readonly<Record<string, unknown>>, stored?: Readonly<Record<string, unknown>>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [property, value] of Object.entries(wanted)) {
    const kind = KIND_BY_PROPERTY.get(property) ?? 'text';
    const before = stored?.[property];
    if (stored === undefined ? value === null : VALUE_KINDS[kind].same(value, before)) continue;
    if (kind === 'customData') changes.push(...customChanges(value as Record<string, unknown> | null, before, stored === undefined));
    else {
      // `after` is what the write stores: tags in add mode are the stored ones plus the row's.
      const after = kind === 'tags' ? VALUE_KINDS.tags.merge(value, before) : value;
      changes.push({ field: NAME_BY_PROPERTY.get(property) ?? property, before: showValue(before), after: showValue(after) });
    }
  }
  return changes;
}

/** One line per custom attribute that changes; a null map clears every stored one. */
function customChanges(wanted: Record<string, unknown> | null, stored: unknown, create: boolean): FieldChange[] {
  const have = customItems(stored);
  const entries = wanted === null ? [...have.keys()].map((property): [string, unknown] => [property, null]) : Object.entries(wanted);
  return entries.flatMap(([property, value]) => {
    const before = have.get(property);
    const same = create ? value === null : sameText(value as string | null, before);
    return same ? [] : [{ field: `customData.${property}`, before: showValue(before), after: showValue(value) }];
  });
}
