/**
 * Turns a customer as HelpCrunch returns it into `StoredCustomer`, the one shape the engine diffs against.
 * Read answers differ from the write shape and between doc versions (customData object vs array, dates as
 * numbers); read-only keys (location, device, createdAt, …) are dropped because they can never be written.
 * Anything else hc-import cannot read (a field the API adds later, a known field in a shape it does not
 * know, a custom attribute holding null, an object or a list) is kept verbatim, since a replacing update
 * must send it back or erase it.
 */
import {
  WIRE_FIELDS,
  wireFieldsOf,
  type CustomDataItem,
  type CustomDataValue,
  type CustomerFields,
  type CustomerTag,
  type StoredCustomer,
} from './customer-api.js';
import { isRecord } from './read-error-answer.js';

const TEXT_FIELDS = wireFieldsOf('text');
const BOOLEAN_FIELDS = wireFieldsOf('boolean');
/** Keys a read answer holds that no write may carry (documented, or seen in answers). */
const READ_ONLY = new Set(['id', 'location', 'device', 'createdAt', 'updatedAt', 'status']);

/** HelpCrunch's integer id, also accepted as a numeric string; undefined when there is none. */
export function readCustomerId(raw: unknown): number | undefined {
  if (!isRecord(raw)) return undefined;
  const id = raw['id'];
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  if (typeof id === 'string' && /^\d+$/.test(id)) return Number(id);
  return undefined;
}

/** The customer in engine shape, or undefined when it has no usable id (it could not be updated anyway). */
export function normalizeCustomer(raw: unknown): StoredCustomer | undefined {
  const id = readCustomerId(raw);
  if (id === undefined || !isRecord(raw)) return undefined;
  const fields: CustomerFields = {};
  for (const key of TEXT_FIELDS) {
    const value = readText(raw[key]);
    if (value !== undefined) fields[key] = value;
  }
  for (const key of BOOLEAN_FIELDS) {
    const value = readBoolean(raw[key]);
    if (value !== undefined) fields[key] = value;
  }
  const tags = readTags(raw['tags']);
  if (tags !== undefined) fields.tags = tags;
  const customData = readCustomData(raw['customData']);
  if (customData !== undefined) fields.customData = customData;
  const unknown = unreadValues(raw, fields);
  return unknown === undefined ? { id, fields } : { id, fields, unknown };
}

/** The keys that are neither read-only nor read into `fields`, verbatim; undefined when there are none. */
function unreadValues(raw: Record<string, unknown>, fields: CustomerFields): Record<string, unknown> | undefined {
  let unknown: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (READ_ONLY.has(key) || value === undefined || Object.hasOwn(fields, key)) continue;
    if (Object.hasOwn(WIRE_FIELDS, key) && value === null) continue;
    unknown ??= {};
    unknown[key] = value;
  }
  return unknown;
}

/**
 * `{prop: value}` (current docs) or `[{property, value}]` (older docs) → always the array form. A list
 * holding one item of another shape is unreadable as a whole (undefined): kept verbatim, it is sent back
 * as it came, where reading the rest would drop that item from the replacing update and erase it.
 */
export function readCustomData(raw: unknown): CustomDataItem[] | null | undefined {
  if (raw === null) return null;
  if (Array.isArray(raw)) {
    const items: CustomDataItem[] = [];
    for (const item of raw) {
      if (!isRecord(item) || typeof item['property'] !== 'string') return undefined;
      items.push({ property: item['property'], value: storedValue(item['value']) });
    }
    return items;
  }
  if (isRecord(raw)) return Object.entries(raw).map(([property, value]) => ({ property, value: storedValue(value) }));
  return undefined;
}

/** Names or `{name, color?}`; a list holding one item of another shape is unreadable as a whole (see readCustomData). */
function readTags(raw: unknown): CustomerTag[] | null | undefined {
  if (raw === null) return null;
  if (!Array.isArray(raw)) return undefined;
  const tags: CustomerTag[] = [];
  for (const item of raw) {
    if (typeof item === 'string') tags.push({ name: item });
    else if (!isRecord(item) || typeof item['name'] !== 'string') return undefined;
    else tags.push(typeof item['color'] === 'string' ? { name: item['name'], color: item['color'] } : { name: item['name'] });
  }
  return tags;
}

/** Strings stay byte-identical; numbers become their decimal string; null stays null; anything else: unknown. */
function readText(raw: unknown): string | null | undefined {
  if (raw === null) return null;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}

function readBoolean(raw: unknown): boolean | null | undefined {
  if (raw === null) return null;
  if (typeof raw === 'boolean') return raw;
  if (raw === 0 || raw === 1) return raw === 1;
  return undefined;
}

/** A custom attribute's stored value as it came: scalars, null, objects and lists alike (undefined reads as null). */
function storedValue(value: unknown): CustomDataValue {
  return value === undefined ? null : (value as CustomDataValue);
}
