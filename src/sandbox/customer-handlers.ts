import { ApiError, badRequest, SandboxErrorCode } from './api-error.js';
import type { AttributePolicy } from './custom-attributes.js';
import type { CustomerStore, ReplaceItem } from './customer-store.js';
import { readQueryPageWindow } from './paging.js';
import { parseSearch, type SearchLimits } from './search-query.js';
import { expectObject, parseWriteFields } from './write-fields.js';

/** The most items `PUT /customers/batch` takes. */
export const MAX_BATCH_ITEMS = 10;

/** Everything a handler may use; `body()` parses lazily and throws the API's 4xx for bad input. */
export interface RouteContext {
  store: CustomerStore;
  limits: SearchLimits;
  /** The registered custom attributes and what happens to others. */
  attributes: AttributePolicy;
  query: URLSearchParams;
  /** How `PUT /customers/batch` answers and fails (both unknown for the real API). */
  batch: BatchBehaviour;
  /** The `:id` of `/customers/:id`; 0 on other routes. */
  id: number;
  body: () => unknown;
}

/**
 * The batch endpoint's unknowns. `answer`: the customers as `{data}` (default) or the bare string `"Ok"`.
 * `failure`: a bad item fails the call before anything is applied (`atomic`, default) or after the items
 * before it were applied (`partial`); the answer is the same 400 either way.
 */
export interface BatchBehaviour {
  answer: 'customers' | 'ok';
  failure: 'atomic' | 'partial';
}

/** A successful answer; failures are thrown as `ApiError`. */
export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (context: RouteContext) => Reply;

const ok = (body: unknown): Reply => ({ status: 200, body });
const customerBody = (context: RouteContext) => parseWriteFields(expectObject(context.body(), 'A customer'), context.attributes);

export const listCustomers: Handler = ({ store, limits, query }) => {
  const page = readQueryPageWindow(query, limits.maxPageSize);
  return ok(store.select(() => true, page.offset, page.limit));
};

export const searchCustomers: Handler = ({ store, limits, body }) => {
  const search = parseSearch(body(), limits);
  return ok(store.select(search.matches, search.offset, search.limit));
};

export const createCustomer: Handler = (context) => ({
  status: 201,
  body: context.store.create(customerBody(context)),
});

export const getCustomer: Handler = ({ store, id }) => ok(store.get(id));

// The id is looked up before the body is read, so an unknown id is a 404 whatever the body holds.
export const replaceCustomer: Handler = (context) => {
  context.store.get(context.id);
  return ok(context.store.replace(context.id, customerBody(context)));
};

export const patchCustomer: Handler = (context) => {
  context.store.get(context.id);
  return ok(context.store.patch(context.id, customerBody(context)));
};

// HelpCrunch answers a delete with 200 and the JSON string "Ok"; an unknown id is a 404 not_found.
export const deleteCustomer: Handler = ({ store, id }) => {
  store.delete(id);
  return ok('Ok');
};

/**
 * `PUT /customers/batch`: a bare array of 1–10 `{customer: id, ...fields}` with PUT semantics. Every item is
 * validated before any is applied (unless `partial`); the first bad one fails the whole call and its error carries `item`.
 */
export const batchUpdate: Handler = ({ store, body, attributes, batch }) => {
  const items = body();
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH_ITEMS) {
    const got = Array.isArray(items) ? `${items.length} items` : 'no list';
    throw badRequest(SandboxErrorCode.invalidBatchSize, `The body must be a list of 1 to ${MAX_BATCH_ITEMS} items, got ${got}.`);
  }
  const partial = batch.failure === 'partial';
  const valid: ReplaceItem[] = [];
  for (const [index, item] of items.entries()) {
    try {
      valid.push(readBatchItem(item, index, attributes));
    } catch (error) {
      if (partial && valid.length > 0) store.replaceMany(valid, true);
      throw error;
    }
  }
  const customers = store.replaceMany(valid, partial);
  return ok(batch.answer === 'ok' ? 'Ok' : { data: customers });
};

function readBatchItem(raw: unknown, index: number, attributes: AttributePolicy): ReplaceItem {
  try {
    const { customer, ...fields } = expectObject(raw, 'A batch item');
    if (typeof customer !== 'number' || !Number.isSafeInteger(customer) || customer < 1) {
      throw badRequest(SandboxErrorCode.invalidCustomer, '"customer" must be the integer id of an existing customer.');
    }
    return { id: customer, values: parseWriteFields(fields, attributes) };
  } catch (error) {
    throw error instanceof ApiError ? error.forItem(index) : error;
  }
}
