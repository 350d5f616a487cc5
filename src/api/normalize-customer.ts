/**
 * Turns a customer as HelpCrunch returns it into `StoredCustomer`, the one shape the engine diffs against.
 * Read answers differ from the write shape and between doc versions (customData object vs array, dates as
 * numbers); read-only keys (location, device, createdAt, …) are dropped because they can never be written.
 */
import { wireFieldsOf, type CustomDataItem, type CustomerFields, type CustomerTag, type StoredCustomer } from './customer-api.js';
import { isRecord } from './read-error-answer.js';

const TEXT_FIELDS = wireFieldsOf('text');
const BOOLEAN_FIELDS = wireFieldsOf('boolean');

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
  return { id, fields };
}

/** `{prop: value}` (current docs) or `[{property, value}]` (older docs) → always the array form. */
export function readCustomData(raw: unknown): CustomDataItem[] | null | undefined {
  if (raw === null) return null;
  if (Array.isArray(raw)) {
    return raw.flatMap((item): CustomDataItem[] => {
      if (!isRecord(item) || typeof item['property'] !== 'string') return [];
      const value = item['value'];
      return isScalar(value) ? [{ property: item['property'], value }] : [];
    });
  }
  if (isRecord(raw)) {
    // Null or nested values cannot be written back in the write shape, so they are left out.
    return Object.entries(raw).flatMap(([property, value]) => (isScalar(value) ? [{ property, value }] : []));
  }
  return undefined;
}

function readTags(raw: unknown): CustomerTag[] | null | undefined {
  if (raw === null) return null;
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((item): CustomerTag[] => {
    if (typeof item === 'string') return [{ name: item }];
    if (!isRecord(item) || typeof item['name'] !== 'string') return [];
    const color = item['color'];
    return [typeof color === 'string' ? { name: item['name'], color } : { name: item['name'] }];
  });
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

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
