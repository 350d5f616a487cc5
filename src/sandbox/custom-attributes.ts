/**
 * Custom attributes as the sandbox knows them. HelpCrunch wants an attribute registered (and typed) in its
 * settings before data uses it; what it does with one that is not is unknown, so the sandbox can play
 * each reading: `accept` (store it, the default), `reject` (400 `unknown_custom_attribute`, the whole
 * write fails) or `drop` (the write succeeds without it). A registered attribute's value must match its
 * type (`date` is UNIX seconds, a number); null clears it whatever the type.
 */
import { badRequest, invalidValueCode, type ApiError } from './api-error.js';
import type { CustomDataValue } from './customer-record.js';

export const SANDBOX_ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type SandboxAttributeType = (typeof SANDBOX_ATTRIBUTE_TYPES)[number];
export const UNKNOWN_ATTRIBUTE_POLICIES = ['accept', 'reject', 'drop'] as const;
export type UnknownAttributes = (typeof UNKNOWN_ATTRIBUTE_POLICIES)[number];

/** The code of a write naming an attribute the account does not have, under `reject`. */
export const UNKNOWN_ATTRIBUTE_CODE = 'unknown_custom_attribute';

/** The registered attributes and what happens to others. */
export interface AttributePolicy {
  known: Readonly<Record<string, SandboxAttributeType>>;
  unknown: UnknownAttributes;
}

/** Everything accepted, nothing checked: seeds, and a sandbox started without attribute options. */
export const OPEN_ATTRIBUTES: AttributePolicy = { known: {}, unknown: 'accept' };

/** `name:type,name2` (type defaults to string) → the registered attributes. Throws on an unknown type. */
export function parseAttributeList(list: string): Record<string, SandboxAttributeType> {
  const known: Record<string, SandboxAttributeType> = {};
  for (const item of list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const colon = item.lastIndexOf(':');
    const name = colon < 0 ? item : item.slice(0, colon);
    const type = colon < 0 ? 'string' : item.slice(colon + 1);
    if (!(SANDBOX_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
      throw new RangeError(`custom attribute ${JSON.stringify(name)}: type must be one of ${SANDBOX_ATTRIBUTE_TYPES.join(', ')}`);
    }
    known[name] = type as SandboxAttributeType;
  }
  return known;
}

/** The customData a write stores under `policy`; throws the 400 a refused attribute or a mistyped value gets. */
export function applyAttributePolicy(
  customData: Record<string, CustomDataValue>,
  policy: AttributePolicy,
): Record<string, CustomDataValue> {
  const kept: [string, CustomDataValue][] = [];
  for (const [property, value] of Object.entries(customData)) {
    const type = Object.hasOwn(policy.known, property) ? policy.known[property] : undefined;
    if (type === undefined) {
      if (policy.unknown === 'reject') throw refused(property);
      if (policy.unknown === 'accept') kept.push([property, value]);
      continue;
    }
    if (value !== null && !fitsType(value, type)) {
      throw badRequest(invalidValueCode('customData'), `Custom attribute "${property}" must be a ${type}.`);
    }
    kept.push([property, value]);
  }
  return Object.fromEntries(kept);
}

function fitsType(value: CustomDataValue, type: SandboxAttributeType): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'number' && (type === 'number' || Number.isSafeInteger(value));
}

function refused(property: string): ApiError {
  return badRequest(UNKNOWN_ATTRIBUTE_CODE, `Custom attribute "${property}" does not exist; add it in Settings first.`);
}
