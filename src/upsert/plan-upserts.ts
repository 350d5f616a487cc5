/**
 * Pure decisions of the upsert: what to send for one row, how many requests a run may need, and which
 * lookup strategy is cheaper. No I/O here, so every rule is unit-tested on plain values.
 */
import { VALUE_KINDS, type ValueKind } from '../fields/compare-values.js';
import { PLANNED_FIELDS } from '../fields/field-table.js';
import type { Contact } from '../model.js';
import { MAX_BATCH_ITEMS, WRITABLE_FIELDS, type CustomerFields, type StoredCustomer } from '../api/customer-api.js';
import { fieldChanges, type FieldChange } from './field-changes.js';

/**
 * What one row needs. `update` carries the FULL record to store, because batch updates replace; both
 * writes carry the fields they change (changes.csv).
 */
export type RowPlan =
  | { action: 'create'; fields: CustomerFields; changes: FieldChange[] }
  | { action: 'update'; id: number; fields: CustomerFields; before: CustomerFields; changes: FieldChange[] }
  | { action: 'unchanged'; id: number }
  | RefusedPlan;

/** A row refused while planning: it fails with `code`, and no request is sent for it. */
export interface RefusedPlan {
  action: 'refuse';
  code: string;
  message: string;
}

/** The failure code of a row whose update would have to merge into a stored value hc-import cannot read. */
export const UNREADABLE_STORED = 'stored_value_unreadable';

/** Customers per list page and userIds per search request, as every client of the API uses them. */
export const LIST_PAGE_SIZE = 100;
export const SEARCH_FILTERS = 10;
/** Updates per `PUT /customers/batch`: as many as it takes. */
export const BATCH_SIZE = MAX_BATCH_ITEMS;

type MutableFields = Record<string, unknown>;

/** The contact's values by wire property, in the field table's order; keys the row does not carry stay absent. */
function contactFields(contact: Contact): MutableFields {
  const values = contact as unknown as MutableFields;
  const fields: MutableFields = {};
  for (const { property } of PLANNED_FIELDS) if (values[property] !== undefined) fields[property] = values[property];
  return fields;
}

const KIND_BY_PROPERTY = new Map(PLANNED_FIELDS.map(({ property, kind }) => [property as string, VALUE_KINDS[kind]]));
const kindOf = (property: string): ValueKind => KIND_BY_PROPERTY.get(property) ?? VALUE_KINDS.text;

/** Would writing `wanted` leave the stored value as it is? By the property's kind (see compare-values.ts). */
function sameValue(property: string, wanted: unknown, stored: unknown): boolean {
  return kindOf(property).same(wanted, stored);
}

/**
 * Every writable field the stored customer holds a value for, and every value hc-import could not read
 * (sent back verbatim), copied so the plan owns its data.
 */
function storedRecord(stored: StoredCustomer): MutableFields {
  const record: MutableFields = stored.unknown === undefined ? {} : structuredClone(stored.unknown);
  for (const key of WRITABLE_FIELDS) {
    const value: unknown = stored.fields[key];
    if (value !== null && value !== undefined) record[key] = structuredClone(value);
  }
  return record;
}

/**
 * Decide what a row needs. Without a stored customer: `create` with only the fields that hold a value.
 * With one: `unchanged` when every field the row carries already equals the stored value, else `update`
 * with the stored record plus the row's changes merged in by kind, so a replacing batch update erases
 * nothing the CSV does not carry (tags and customData included). `undefined` keeps the stored value,
 * `null` clears it; a cleared field is sent as an explicit `null`, which clears under replace and patch
 * semantics alike.
 */
export function planRow(contact: Contact, stored?: StoredCustomer): RowPlan {
  const wanted = contactFields(contact);
  if (stored === undefined) {
    const fields: MutableFields = {};
    for (const [key, value] of Object.entries(wanted)) if (value !== null) fields[key] = kindOf(key).merge(value, undefined);
    return { action: 'create', fields: fields as CustomerFields, changes: fieldChanges(wanted) };
  }
  const current = stored.fields as MutableFields;
  const unreadable = unreadableMerge(wanted, stored);
  if (unreadable !== undefined) {
    const message =
      `customer ${stored.id} holds ${unreadable} in a form hc-import cannot read; merging the row's ${unreadable} ` +
      'into it would erase what it holds, so the row is not written.';
    return { action: 'refuse', code: UNREADABLE_STORED, message };
  }
  const changed = Object.entries(wanted).some(([key, value]) => !sameValue(key, value, current[key]));
  if (!changed) return { action: 'unchanged', id: stored.id };
  const record = storedRecord(stored);
  for (const [key, value] of Object.entries(wanted)) record[key] = kindOf(key).merge(value, current[key]);
  // The stored record as it was rides along: the journal keeps it so `undo` can put it back.
  return {
    action: 'update',
    id: stored.id,
    fields: record as CustomerFields,
    before: storedRecord(stored) as CustomerFields,
    changes: fieldChanges(wanted, current),
  };
}

/**
 * The first field the row merges into the stored value (tags it adds, custom attributes it sets) while the
 * stored value is one hc-import could not read (kept verbatim in `unknown`): a merge needs the stored items.
 * A field the row replaces whole (text, a full tag list, clearing) needs nothing stored and is never refused.
 */
function unreadableMerge(wanted: MutableFields, stored: StoredCustomer): string | undefined {
  if (stored.unknown === undefined) return undefined;
  for (const [key, value] of Object.entries(wanted)) {
    if (value === null || !Object.hasOwn(stored.unknown, key)) continue;
    if (key === 'customData' || (key === 'tags' && !Array.isArray(value))) return key;
  }
  return undefined;
}

/** Sizes that bound a run's request count. */
export interface BudgetInput {
  /** Customers in the account (`total` of the first list page). */
  total: number;
  /** Valid rows to upsert. */
  valid: number;
  /** Rows that end up created (one request each). */
  created: number;
  /** Rows that end up updated (ten per batch request). */
  updated: number;
  /**
   * Email spellings searched (`--adopt-by-email`, or a keyed dry run counting contacts to adopt): ten per
   * search. One per row, two for an email written with capitals (as written, and lower-cased).
   */
  searchedByEmail?: number;
}

/**
 * The most requests a run should need: the first list page and one spare, the cheaper lookup, the email
 * searches, one create per new customer and one batch per ten updates. Tests assert runs stay within it.
 */
export function requestBudget({ total, valid, created, updated, searchedByEmail = 0 }: BudgetInput): number {
  const lookup = Math.min(Math.ceil(total / LIST_PAGE_SIZE), Math.ceil(valid / SEARCH_FILTERS));
  return 2 + lookup + Math.ceil(searchedByEmail / SEARCH_FILTERS) + created + Math.ceil(updated / BATCH_SIZE);
}

/** Inputs of the lookup strategy choice. */
export interface LookupChoiceInput {
  /** Customers in the account. */
  total: number;
  /** userIds still to find after page 0 (already fetched by the caller). */
  wanted: number;
  /** Items page 0 actually held; a server may page shorter than asked. Default 100. */
  pageSize?: number;
  /** userIds per search request. Default 10. */
  searchFilters?: number;
  /** The run's pace in requests per minute; unpaced (Infinity) or absent counts as HelpCrunch's documented 120. */
  ratePerMinute?: number;
}

/** HelpCrunch's documented rate, for sizing work when the run itself is unpaced. */
const DOCUMENTED_RATE_PER_MINUTE = 120;
const MINUTES_PER_YEAR = 365 * 24 * 60;

/** The most list requests worth sending: a listing that takes longer than a year is never a plan. */
export function maxListRequests(ratePerMinute?: number): number {
  const paced = ratePerMinute !== undefined && Number.isFinite(ratePerMinute) && ratePerMinute > 0;
  return Math.floor((paced ? ratePerMinute : DOCUMENTED_RATE_PER_MINUTE) * MINUTES_PER_YEAR);
}

/**
 * `list` (read the rest of the account) or `search` (≤ `searchFilters` userIds per request), whichever
 * needs fewer requests beyond page 0. A tie goes to `list`: its result does not depend on how the server
 * matches a search filter. An account that would take over a year to list is searched whatever it costs:
 * such a size is more likely a broken answer than an account, and a search is bounded by the CSV.
 */
export function chooseLookup(input: LookupChoiceInput): 'list' | 'search' {
  const pageSize = Math.max(1, input.pageSize ?? LIST_PAGE_SIZE);
  const listRequests = Math.max(0, Math.ceil(input.total / pageSize) - 1);
  if (listRequests > maxListRequests(input.ratePerMinute)) return 'search';
  const searchRequests = Math.ceil(input.wanted / Math.max(1, input.searchFilters ?? SEARCH_FILTERS));
  return searchRequests < listRequests ? 'search' : 'list';
}
