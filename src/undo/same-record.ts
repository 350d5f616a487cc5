/**
 * Does HelpCrunch still hold exactly this record? A replacing write stores what it is sent and clears the
 * rest, so every writable field is compared: a field the record leaves out must be empty. Values compare by
 * the field table's kinds (compare-values.ts): text as text, tags as a set of names, custom attributes per
 * property. Read-only fields the server adds (ids, dates, location) are not writable and never count.
 */
import { WIRE_FIELDS, WRITABLE_FIELDS, type CustomDataItem, type CustomerFields, type CustomerTag } from '../api/customer-api.js';
import { sameCustomData, sameTags, sameText, type CustomDataMap, type Scalar } from '../fields/compare-values.js';

const tagNames = (tags: unknown): string[] => (Array.isArray(tags) ? (tags as CustomerTag[]).map((tag) => tag.name) : []);
const items = (value: unknown): CustomDataItem[] => (Array.isArray(value) ? (value as CustomDataItem[]) : []);

function sameField(kind: (typeof WIRE_FIELDS)[keyof typeof WIRE_FIELDS], wanted: unknown, stored: unknown): boolean {
  switch (kind) {
    case 'tags':
      return sameTags(tagNames(wanted), stored);
    case 'customData': {
      // Replace semantics: a property the record does not hold must be gone, not merely left alone.
      const map: CustomDataMap = Object.fromEntries(items(wanted).map((item) => [item.property, item.value]));
      return sameCustomData(map, stored) && items(stored).length === Object.keys(map).length;
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
