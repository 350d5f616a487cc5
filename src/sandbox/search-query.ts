import { badRequest, SandboxErrorCode } from './api-error.js';
import type { StoredSandboxCustomer } from './customer-record.js';
import { foldKey, type KeyCase } from './customer-store.js';
import { readPageWindow, type PageWindow } from './paging.js';
import { expectObject } from './write-fields.js';

type Predicate = (customer: StoredSandboxCustomer) => boolean;

/** A parsed `POST /customers/search` body. */
export interface SearchQuery extends PageWindow {
  matches: Predicate;
}

/** Limits the search endpoint enforces. */
export interface SearchLimits {
  maxFilters: number;
  maxPageSize: number;
  /** How `=` and `!=` compare userIds and emails; default `exact`. */
  keyCase?: KeyCase;
}

/** The fields whose `=`/`!=` follow `keyCase`. */
const KEY_FIELDS = new Set(['customers.userId', 'customers.email']);

const FIELDS: Record<string, (customer: StoredSandboxCustomer) => string | null> = {
  'customers.userId': (customer) => customer.userId,
  'customers.email': (customer) => customer.email,
  'customers.name': (customer) => customer.name,
  'customers.id': (customer) => String(customer.id),
};

// Matching follows SQL: an empty (null) field matches no operator, not even `!=`.
const OPERATORS: Record<string, (actual: string, wanted: string) => boolean> = {
  '=': (actual, wanted) => actual === wanted,
  '!=': (actual, wanted) => actual !== wanted,
  '~': (actual, wanted) => actual.toLowerCase().includes(wanted.toLowerCase()),
};

const BODY_KEYS = new Set(['filter', 'comparison', 'limit', 'offset']);

/** Validates a search body. Too many filters is a 400 whose specific error (`invalid_filter`) says so. */
export function parseSearch(body: unknown, limits: SearchLimits): SearchQuery {
  const search = expectObject(body, 'The search body');
  const unknown = Object.keys(search).find((key) => !BODY_KEYS.has(key));
  if (unknown !== undefined) throw badRequest(SandboxErrorCode.unknownField, `Unknown search key "${unknown}".`);
  const filters = readFilters(search['filter'], limits.maxFilters, limits.keyCase ?? 'exact');
  const comparison = search['comparison'] ?? 'AND';
  if (comparison !== 'AND' && comparison !== 'OR') {
    throw badRequest(SandboxErrorCode.invalidComparison, 'comparison must be "AND" or "OR".');
  }
  const matches: Predicate =
    comparison === 'AND'
      ? (customer) => filters.every((filter) => filter(customer))
      : (customer) => filters.some((filter) => filter(customer));
  return { matches, ...readPageWindow({ offset: search['offset'], limit: search['limit'] }, limits.maxPageSize) };
}

function readFilters(value: unknown, maxFilters: number, keyCase: KeyCase): Predicate[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest(SandboxErrorCode.invalidFilter, 'filter must be a non-empty list of {field, operator, value}.');
  }
  if (value.length > maxFilters) {
    const message = `Too many filters: ${value.length} given, the maximum is ${maxFilters}.`;
    throw badRequest(SandboxErrorCode.invalidFilter, message);
  }
  return value.map((raw, index) => readFilter(raw, index, keyCase));
}

function readFilter(raw: unknown, index: number, keyCase: KeyCase): Predicate {
  const fail = (problem: string) => badRequest(SandboxErrorCode.invalidFilter, `filter ${index}: ${problem}.`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('must be an object');
  const { field, operator, value, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw fail(`unknown key "${extra}"`);
  const read = typeof field === 'string' ? FIELDS[field] : undefined;
  if (read === undefined) throw fail(`field must be one of ${Object.keys(FIELDS).join(', ')}`);
  const compare = typeof operator === 'string' ? OPERATORS[operator] : undefined;
  if (compare === undefined) throw fail(`operator must be one of ${Object.keys(OPERATORS).join(' ')}`);
  const given = filterValue(value, field === 'customers.id');
  if (given === undefined) throw fail('value must be a string (or an integer for customers.id)');
  const fold = keyCase === 'insensitive' && KEY_FIELDS.has(field as string) ? foldKey : (text: string) => text;
  const wanted = fold(given);
  return (customer) => {
    const actual = read(customer);
    return actual !== null && compare(fold(actual), wanted);
  };
}

function filterValue(value: unknown, numeric: boolean): string | undefined {
  if (typeof value === 'string') return value;
  if (numeric && typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
