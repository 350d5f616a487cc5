/**
 * Does HelpCrunch still hold exactly this record? A replacing write stores what it is sent and clears the
 * rest, so every writable field is compared: a field the record leaves out must be empty. Values compare by
 * the field table's kinds (compare-values.ts): text as text, tags as a set of names, custom attributes per
 * property. Read-only fields the server adds (ids, dates, location) are not writable and never count.
 */
import { WIRE_FIELDS, WRITABLE_FIELDS, type CustomDataItem, type CustomerFields, type CustomerTag } from '../api/customer-api.js';
import { isDeepStrictEqual } from 'node:util';
import { sameTags, sameText, type Scalar } from '../fields/compare-values.js';

const tagNames = (tags: unknown): string[] => (Array.isArray(tags) ? (tags as CustomerTag[]).map((tag) => tag.name) : []);
const items = (value: unknown): CustomDataItem[] => (Array.isArray(value) ? (value as CustomDataItem[]) : []);

/** A scalar compares as the planner compares it (42 equals "42"); a value hc-import keeps verbatim, exactly. */
function sameValue(sent: unknown, stored: unknown): boolean {
  const scalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);
  return scalar(sent) && scalar(stored) ? sameText(sent as Scalar | null, stored) : isDeepStrictEqual(sent, stored);
}

function sameField(kind: (typeof WIRE_FIELDS)[keyof typeof WIRE_FIELDS], wanted: unknown, stored: unknown): boolean {
  switch (kind) {
    case 'tags':
      return sameTags(tagNames(wanted), stored);
    case 'customData': {
      // Replace semantics: a property the record does not hold must be gone, not merely left alone.
      const have = new Map(items(stored).map((item) => [item.property, item.value]));
      const sent = items(wanted);
      return sent.length === have.size && sent.every((item) => have.has(item.property) && sameValue(item.value, have.get(item.property)));
    }
    case 'boolean':
      // An unset flag may read back as false.
      return (wanted ?? false) === (stored ?? false);
    case 'text':
      return sameText((wanted ?? null) as Scalar | null, stored);
  }
}

/** True when `stored` holds `record` and nothing else a write could have set. */
export function holdsRecord(stored: CustomerFields, record: CustomerFields): boolean {
  return WRITABLE_FIELDS.every((key) => sameField(WIRE_FIELDS[key], record[key], stored[key]));
}
