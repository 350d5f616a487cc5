/**
 * How a Contact's value compares with what HelpCrunch stores, and what a replacing update must send for
 * it, per kind of value. A wanted `null` means "clear it"; `undefined` never gets here (the row says
 * nothing, so the stored value stays untouched).
 *
 * - text: equal when both read as the same text (`42` and `"42"` alike); `null` equals any empty value,
 *   since the API may answer an empty field as null or as ''. Otherwise byte for byte.
 * - tags: a set of names; order, repeats and colours do not count. A list states the whole set
 *   (`--tags replace`); `{add}` names tags to add to the stored ones (the default). A stored tag that stays
 *   keeps its colour.
 * - customData: per property; properties the row does not carry are neither compared nor touched. A
 *   property set to null is sent as null (clearing it); a stored value of a shape hc-import does not know
 *   (null, an object, a list) is kept verbatim and sent back as it came.
 * - date: UNIX seconds, compared as numbers: a stored `1714641165` equals the `"1714641165"` a row sends.
 * - boolean: `false` is a value, not an empty one; a stored 1/0 or "true"/"false" counts as the boolean.
 * - locale: a language code, in any case (`EN` stored equals `en` wanted).
 */
import type { CustomDataItem, CustomerTag } from '../api/customer-api.js';

export type Scalar = string | number | boolean;
/** The tags a row wants: the whole set (`--tags replace`), or names to add to the stored ones. */
export type WantedTags = readonly string[] | { readonly add: readonly string[] };
/** Custom attributes as a row carries them: property → value, null clearing that property. */
export type CustomDataMap = Record<string, Scalar | null>;

/** Compare and merge for one kind of value. Inputs are unknown: stored values come off the wire. */
export interface ValueKind {
  /** Would writing `wanted` leave `stored` as it is? */
  same(wanted: unknown, stored: unknown): boolean;
  /** What a replacing update sends: `wanted` applied over `stored`. */
  merge(wanted: unknown, stored: unknown): unknown;
}

/** A stored value that counts as "empty". */
const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** A scalar as text, so a number read back from the API equals the text a CSV cell held. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function sameText(wanted: Scalar | null, stored: unknown): boolean {
  if (wanted === null) return isEmpty(stored);
  return wanted === stored || (asText(stored) !== undefined && asText(stored) === asText(wanted));
}

const tagNames = (tags: unknown): Set<string> =>
  new Set(Array.isArray(tags) ? tags.flatMap((tag: CustomerTag | string) => (typeof tag === 'string' ? [tag] : [tag.name])) : []);

const isAddition = (wanted: WantedTags | null): wanted is { readonly add: readonly string[] } => wanted !== null && !Array.isArray(wanted);

export function sameTags(wanted: WantedTags | null, stored: unknown): boolean {
  const have = tagNames(stored);
  if (isAddition(wanted)) return wanted.add.every((name) => have.has(name));
  const want = new Set(wanted ?? []);
  return want.size === have.size && [...want].every((name) => have.has(name));
}

export function mergeTags(wanted: WantedTags | null, stored: unknown): CustomerTag[] | null {
  if (wanted === null) return null;
  const storedTags = Array.isArray(stored) ? (stored as CustomerTag[]) : [];
  const storedByName = new Map(storedTags.map((tag) => [tag.name, tag]));
  const names = isAddition(wanted) ? [...storedByName.keys(), ...wanted.add] : wanted;
  return [...new Set(names)].map((name) => ({ ...(storedByName.get(name) ?? { name }) }));
}

const storedItems = (stored: unknown): CustomDataItem[] => (Array.isArray(stored) ? (stored as CustomDataItem[]) : []);

export function sameCustomData(wanted: CustomDataMap | null, stored: unknown): boolean {
  const items = storedItems(stored);
  if (wanted === null) return items.length === 0;
  const have = new Map(items.map((item) => [item.property, item.value]));
  return Object.entries(wanted).every(([property, value]) => sameText(value, have.get(property)));
}

export function mergeCustomData(wanted: CustomDataMap | null, stored: unknown): CustomDataItem[] | null {
  if (wanted === null) return null;
  const merged = new Map(storedItems(stored).map((item) => [item.property, item.value]));
  for (const [property, value] of Object.entries(wanted)) {
    // Clearing a property the customer does not hold sends nothing: a create has nothing to clear.
    if (value !== null || merged.has(property)) merged.set(property, value);
  }
  return [...merged].map(([property, value]) => ({ property, value }));
}

/** Seconds as a number, from a number or a string of digits; undefined for anything else. */
function asSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function sameDate(wanted: string | null, stored: unknown): boolean {
  if (wanted === null) return isEmpty(stored);
  const seconds = asSeconds(stored);
  return seconds !== undefined && seconds === asSeconds(wanted);
}

const STORED_BOOLEANS: ReadonlyMap<unknown, boolean> = new Map<unknown, boolean>([
  [true, true],
  [false, false],
  [1, true],
  [0, false],
  ['true', true],
  ['false', false],
]);

export function sameBoolean(wanted: boolean | null, stored: unknown): boolean {
  if (wanted === null) return stored === null || stored === undefined || stored === '';
  return STORED_BOOLEANS.get(stored) === wanted;
}

export function sameLocale(wanted: string | null, stored: unknown): boolean {
  if (wanted === null) return isEmpty(stored);
  return typeof stored === 'string' && stored.toLowerCase() === wanted.toLowerCase();
}

/** The kinds of value a field can hold. */
export type ValueKindName = 'text' | 'date' | 'boolean' | 'locale' | 'tags' | 'customData';

/** Scalars are sent as the row holds them: the field's cell already wrote them in the wire's form. */
const keepWanted = (wanted: unknown): unknown => wanted;

/** Compare and merge, by kind. */
export const VALUE_KINDS: Readonly<Record<ValueKindName, ValueKind>> = {
  text: { same: (wanted, stored) => sameText(wanted as Scalar | null, stored), merge: keepWanted },
  date: { same: (wanted, stored) => sameDate(wanted as string | null, stored), merge: keepWanted },
  boolean: { same: (wanted, stored) => sameBoolean(wanted as boolean | null, stored), merge: keepWanted },
  locale: { same: (wanted, stored) => sameLocale(wanted as string | null, stored), merge: keepWanted },
  tags: {
    same: (wanted, stored) => sameTags(wanted as WantedTags | null, stored),
    merge: (wanted, stored) => mergeTags(wanted as WantedTags | null, stored),
  },
  customData: {
    same: (wanted, stored) => sameCustomData(wanted as CustomDataMap | null, stored),
    merge: (wanted, stored) => mergeCustomData(wanted as CustomDataMap | null, stored),
  },
};
