/**
 * `CustomerApi` over HTTP: maps each port method onto its HelpCrunch endpoint and normalises the answers.
 * One attempt per call; pacing and retries belong to the request runner that wraps these calls.
 */
import {
  MAX_BATCH_ITEMS,
  type BatchItem,
  type CustomerApi,
  type CustomerFields,
  type DeleteApi,
  type Page,
  type PageRequest,
  type StoredCustomer,
} from './customer-api.js';
import { NoAnswerError, type RequestTarget } from './api-errors.js';
import { createTransport, type Transport, type TransportOptions } from './http-transport.js';
import { normalizeCustomer } from './normalize-customer.js';
import { isRecord } from './read-error-answer.js';

/** `baseUrl` (with `/v1`), `apiKey`, `timeoutMs` (default 30 s), and an optional `dispatcher` the caller owns. */
export type HelpCrunchClientOptions = TransportOptions;

/** The customer API plus `close()`, which releases the client's own connection pool. */
export type HelpCrunchClient = CustomerApi & DeleteApi & { close(): Promise<void> };

const LIST: RequestTarget = { kind: 'lookup', method: 'GET', path: '/customers' };
const SEARCH: RequestTarget = { kind: 'lookup', method: 'POST', path: '/customers/search' };
const CREATE: RequestTarget = { kind: 'create', method: 'POST', path: '/customers' };
const BATCH: RequestTarget = { kind: 'update', method: 'PUT', path: '/customers/batch' };

/** Creates the client. Every method sends exactly one request (or none, when there is nothing to ask). */
export function createHelpCrunchClient(options: HelpCrunchClientOptions): HelpCrunchClient {
  const transport = createTransport(options);
  return {
    listCustomers: (page) => listCustomers(transport, page),
    searchByUserIds: (userIds, page) => searchBy(transport, 'customers.userId', userIds, page),
    searchByEmails: (emails, page) => searchBy(transport, 'customers.email', emails, page),
    createCustomer: (fields) => createCustomer(transport, fields),
    batchUpdate: (items) => batchUpdate(transport, items),
    deleteCustomer: (id) => deleteCustomer(transport, id),
    close: () => transport.close(),
  };
}

async function listCustomers(transport: Transport, page: PageRequest): Promise<Page<StoredCustomer>> {
  const query = new URLSearchParams({ offset: String(page.offset), limit: String(page.limit) }).toString();
  return readPage(await transport.send(LIST, { query }), LIST, page);
}

async function searchBy(transport: Transport, field: string, values: readonly string[], page: PageRequest): Promise<Page<StoredCustomer>> {
  // A search without filters would match every customer; asking for nothing costs nothing.
  if (values.length === 0) return { data: [], total: 0 };
  const body = {
    filter: values.map((value) => ({ field, operator: '=', value })),
    comparison: 'OR',
    limit: page.limit,
    offset: page.offset,
  };
  return readPage(await transport.send(SEARCH, { body }), SEARCH, page);
}

async function createCustomer(transport: Transport, fields: CustomerFields): Promise<StoredCustomer> {
  const answer = await transport.send(CREATE, { body: fields });
  const created = normalizeCustomer(answer) ?? (isRecord(answer) ? normalizeCustomer(answer['data']) : undefined);
  // Created but unreadable: the caller must look the userId up before trying again, as after a lost answer.
  if (created === undefined) throw new NoAnswerError(CREATE, 'unreadable-answer');
  return created;
}

async function batchUpdate(transport: Transport, items: readonly BatchItem[]): Promise<StoredCustomer[] | undefined> {
  if (items.length === 0) return undefined;
  if (items.length > MAX_BATCH_ITEMS) {
    throw new RangeError(`A batch update takes at most ${MAX_BATCH_ITEMS} items, got ${items.length}`);
  }
  // The answer's shape is undocumented; a 2xx is all we rely on. Customers it holds are only checked against.
  const answer = await transport.send(BATCH, { body: items.map((item) => ({ ...item.fields, customer: item.id })) });
  const list = Array.isArray(answer) ? answer : isRecord(answer) && Array.isArray(answer['data']) ? answer['data'] : [];
  const customers = (list as unknown[]).flatMap((raw) => normalizeCustomer(raw) ?? []);
  return customers.length > 0 ? customers : undefined;
}

async function deleteCustomer(transport: Transport, id: number): Promise<void> {
  // Retried as idempotent by the caller: a second delete of the same id answers 404.
  await transport.send({ kind: 'delete', method: 'DELETE', path: `/customers/${id}` });
}

/**
 * `{data, total}` → a page of normalised customers. Items without a usable id are skipped but counted in
 * `received`, so paging does not end early on a page of them. A missing total is treated as "maybe more":
 * one past what has been seen while pages still hold items, and flagged, so the lookup can bound paging.
 */
function readPage(answer: unknown, target: RequestTarget, page: PageRequest): Page<StoredCustomer> {
  if (!isRecord(answer) || !Array.isArray(answer['data'])) throw new NoAnswerError(target, 'unreadable-answer');
  const raw = answer['data'];
  const data = raw.flatMap((item) => normalizeCustomer(item) ?? []);
  const rawTotal = answer['total'];
  const total = typeof rawTotal === 'string' && /^\d+$/.test(rawTotal) ? Number(rawTotal) : rawTotal;
  const received = raw.length;
  if (typeof total === 'number' && Number.isSafeInteger(total) && total >= 0) return { data, total, received, totalKnown: true };
  return { data, total: page.offset + received + (received > 0 ? 1 : 0), received, totalKnown: false };
}
