/**
 * An in-memory `CustomerApi` for the engine's unit tests: HelpCrunch's rules that matter to the engine
 * (unique userId, replacing batch updates, paging) plus hooks to inject one failure at a time.
 */
import { ApiError, NoAnswerError } from '../../../src/api/api-errors.js';
import type { BatchItem, CustomerApi, CustomerFields, Page, PageRequest, StoredCustomer } from '../../../src/api/customer-api.js';
import type { RequestKind, RequestSender } from '../../../src/upsert/ports.js';

export type Call =
  | { method: 'list'; page: PageRequest }
  | { method: 'search'; userIds: string[]; page: PageRequest }
  | { method: 'create'; fields: CustomerFields }
  | { method: 'batch'; ids: number[] };

export interface FakeOptions {
  customers?: CustomerFields[];
  /** Items per page at most, whatever was asked. */
  maxPageSize?: number;
  /** More search filters than this answer 400. */
  maxSearchFilters?: number;
  /** Called before each create; may throw or return 'apply-then-lose' to store the customer and lose the answer. */
  // biome-ignore lint/suspicious/noConfusingVoidType: callbacks that return nothing are the common case
  onCreate?: (fields: CustomerFields, attempt: number) => 'apply-then-lose' | void;
  /** A batch holding an item whose fields fail this check is refused whole with 400. */
  rejectItem?: (item: BatchItem) => string | undefined;
  /** Replaces the honest answer to a list request (a broken or hostile server). */
  listAnswer?: (page: PageRequest, honest: Page<StoredCustomer>) => Page<StoredCustomer>;
  /** Replaces the honest answer to a search request. */
  searchAnswer?: (userIds: readonly string[], page: PageRequest, honest: Page<StoredCustomer>) => Page<StoredCustomer>;
}

export const apiError = (status: number, codes: string[], apiMessage?: string): ApiError =>
  new ApiError({ kind: 'create', method: 'POST', path: '/customers', status, codes, apiMessage, retryAfterMs: undefined });

export const noAnswer = (): NoAnswerError => new NoAnswerError({ kind: 'create', method: 'POST', path: '/customers' }, 'connection-reset');

export class FakeCustomerApi implements CustomerApi {
  readonly calls: Call[] = [];
  readonly customers: StoredCustomer[] = [];
  private nextId = 1;
  private createAttempts = new Map<string, number>();

  constructor(private readonly options: FakeOptions = {}) {
    for (const fields of options.customers ?? []) this.customers.push({ id: this.nextId++, fields: structuredClone(fields) });
  }

  async listCustomers(page: PageRequest): Promise<Page<StoredCustomer>> {
    this.calls.push({ method: 'list', page });
    const honest = this.page(this.customers, page);
    return this.options.listAnswer?.(page, honest) ?? honest;
  }

  async searchByUserIds(userIds: readonly string[], page: PageRequest): Promise<Page<StoredCustomer>> {
    this.calls.push({ method: 'search', userIds: [...userIds], page });
    if (userIds.length > (this.options.maxSearchFilters ?? Infinity)) throw apiError(400, ['invalid_request', 'invalid_filter']);
    // Case-insensitive like many search backends: the engine must keep only exact matches.
    const wanted = new Set(userIds.map((id) => id.toLowerCase()));
    const honest = this.page(
      this.customers.filter((c) => wanted.has(String(c.fields.userId).toLowerCase())),
      page,
    );
    return this.options.searchAnswer?.(userIds, page, honest) ?? honest;
  }

  async createCustomer(fields: CustomerFields): Promise<StoredCustomer> {
    this.calls.push({ method: 'create', fields });
    const userId = String(fields.userId);
    const attempt = (this.createAttempts.get(userId) ?? 0) + 1;
    this.createAttempts.set(userId, attempt);
    const fault = this.options.onCreate?.(fields, attempt);
    if (this.customers.some((c) => c.fields.userId === userId)) throw apiError(400, ['invalid_request', 'invalid_userId_value']);
    const created = { id: this.nextId++, fields: structuredClone(fields) };
    this.customers.push(created);
    if (fault === 'apply-then-lose') throw noAnswer();
    return structuredClone(created);
  }

  async batchUpdate(items: readonly BatchItem[]): Promise<undefined> {
    this.calls.push({ method: 'batch', ids: items.map((item) => item.id) });
    for (const item of items) {
      const reason = this.options.rejectItem?.(item);
      if (reason !== undefined) throw apiError(400, ['invalid_request', reason], `bad item ${item.id}`);
      if (!this.customers.some((c) => c.id === item.id)) throw apiError(404, ['not_found']);
    }
    for (const item of items) {
      const index = this.customers.findIndex((c) => c.id === item.id);
      const fields = Object.fromEntries(Object.entries(item.fields).filter(([, v]) => v !== null));
      this.customers[index] = { id: item.id, fields: structuredClone(fields) };
    }
    return undefined;
  }

  count(method: Call['method']): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  byUserId(userId: string): StoredCustomer[] {
    return this.customers.filter((c) => c.fields.userId === userId);
  }

  private page(all: StoredCustomer[], page: PageRequest): Page<StoredCustomer> {
    const limit = Math.min(page.limit, this.options.maxPageSize ?? Infinity);
    return { data: structuredClone(all.slice(page.offset, page.offset + limit)), total: all.length };
  }
}

/** A sender that sends once and counts by kind, as a runner with retries switched off would. */
export function countingSender(): RequestSender & { counts: Record<RequestKind, number> } {
  const counts: Record<RequestKind, number> = { lookup: 0, create: 0, update: 0, delete: 0 };
  return {
    counts,
    run: (kind, send) => {
      counts[kind] += 1;
      return send();
    },
  };
}
