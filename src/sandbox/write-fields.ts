import { type ApiError, badRequest, invalidValueCode, SandboxErrorCode } from './api-error.js';
import { applyAttributePolicy, OPEN_ATTRIBUTES, type AttributePolicy } from './custom-attributes.js';
import { WRITE_FIELDS, type CustomDataValue, type SandboxTag, type WriteField, type WriteValues } from './customer-record.js';

/** Every string is capped here; HelpCrunch refuses longer values, and a client must catch that first. */
export const MAX_STRING_LENGTH = 255;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const UNIX_SECONDS = /^\d{1,12}$/;
const LOCALE = /^[A-Za-z]{2}$/;

type Check = (value: unknown, field: WriteField, attributes: AttributePolicy) => unknown;

const checkText: Check = (value, field) => limitedString(value, field);
const checkBoolean: Check = (value, field) => {
  if (typeof value !== 'boolean') throw invalid(field, 'must be a boolean');
  return value;
};
const checkPattern =
  (pattern: RegExp, rule: string): Check =>
  (value, field) => {
    const text = limitedString(value, field);
    if (!pattern.test(text)) throw invalid(field, rule);
    return text;
  };

const CHECKS: Record<WriteField, Check> = {
  userId: checkPattern(/./su, 'must not be empty'),
  name: checkText,
  email: checkPattern(EMAIL, 'must be an email address'),
  phone: checkText,
  company: checkText,
  firstSeen: checkPattern(UNIX_SECONDS, 'must be UNIX seconds written as a string of digits'),
  lastSeen: checkPattern(UNIX_SECONDS, 'must be UNIX seconds written as a string of digits'),
  unsubscribed: checkBoolean,
  blocked: checkBoolean,
  source: checkText,
  referer: checkText,
  lastPage: checkText,
  locale: checkPattern(LOCALE, 'must be a two-letter ISO 639-1 code'),
  notes: checkText,
  tags: (value) => parseTags(value),
  customData: (value, _field, attributes) => applyAttributePolicy(parseCustomData(value), attributes),
};

/**
 * Validates the fields of one write body into the stored shape. `null` clears a field. Unknown keys are
 * refused rather than ignored, so a client that misspells a field finds out here instead of by lost data.
 */
export function parseWriteFields(body: Record<string, unknown>, attributes: AttributePolicy = OPEN_ATTRIBUTES): WriteValues {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!isWriteField(key)) throw badRequest(SandboxErrorCode.unknownField, `Unknown field "${key}".`);
    values[key] = value === null ? emptyValue(key) : CHECKS[key](value, key, attributes);
  }
  return values as WriteValues;
}

/** The body must be a JSON object; arrays, strings and null are refused with one stable code. */
export function expectObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(SandboxErrorCode.invalidBody, `${what} must be a JSON object.`);
  }
  return body as Record<string, unknown>;
}

function isWriteField(key: string): key is WriteField {
  return (WRITE_FIELDS as readonly string[]).includes(key);
}

function emptyValue(field: WriteField): unknown {
  if (field === 'tags') return [];
  return field === 'customData' ? {} : null;
}

/** `tags`: a list of `{name, color?}`. A name repeated in one list is a client bug, so it is refused. */
function parseTags(value: unknown): SandboxTag[] {
  const seen = new Set<string>();
  return listOf(value, 'tags').map((item, index) => {
    const tag = entry(item, 'tags', index, ['name', 'color']);
    const name = limitedString(tag['name'], 'tags');
    if (name === '') throw invalid('tags', `item ${index} has an empty name`);
    if (seen.has(name)) throw invalid('tags', `names tag "${name}" twice`);
    seen.add(name);
    const color = tag['color'];
    return { name, color: color === undefined || color === null ? null : limitedString(color, 'tags') };
  });
}

/**
 * `customData`: written as a LIST of `{property, value}`, stored and read back as an object. A property
 * named twice is refused, since only one of its two values could be kept.
 */
function parseCustomData(value: unknown): Record<string, CustomDataValue> {
  const pairs = listOf(value, 'customData').map((item, index): [string, CustomDataValue] => {
    const pair = entry(item, 'customData', index, ['property', 'value']);
    const property = limitedString(pair['property'], 'customData');
    if (property === '') throw invalid('customData', `item ${index} has an empty property`);
    return [property, customValue(pair['value'], index)];
  });
  if (new Set(pairs.map(([property]) => property)).size !== pairs.length) {
    throw invalid('customData', 'names a property twice');
  }
  // fromEntries defines own properties, so a property called "__proto__" stays data, not a prototype.
  return Object.fromEntries(pairs);
}

/**
 * Clients write strings, numbers and booleans, and null to clear; a nested value (an object, a list) is
 * stored as sent, since real accounts hold some and a client must be able to send them back unchanged.
 */
function customValue(value: unknown, index: number): CustomDataValue {
  if (typeof value === 'string') return limitedString(value, 'customData');
  if (typeof value === 'boolean' || value === null || typeof value === 'object') return value as CustomDataValue;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw invalid('customData', `item ${index} needs a value that is a string, a number, a boolean or null`);
}

function listOf(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list');
  return value;
}

function entry(item: unknown, field: string, index: number, keys: string[]): Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw invalid(field, `item ${index} must be an object`);
  }
  const extra = Object.keys(item).find((key) => !keys.includes(key));
  if (extra !== undefined) throw invalid(field, `item ${index} has an unknown key "${extra}"`);
  return item as Record<string, unknown>;
}

/** A string within the cap. Length counts code points, as the database does, not UTF-16 units. */
function limitedString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  const length = [...value].length;
  if (length > MAX_STRING_LENGTH) {
    throw invalid(field, `is ${length} characters long; the maximum is ${MAX_STRING_LENGTH}`);
  }
  return value;
}

function invalid(field: string, rule: string): ApiError {
  return badRequest(invalidValueCode(field), `Field "${field}" ${rule}.`);
}
