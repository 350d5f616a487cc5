import { ApiError, badRequest, invalidValueCode, notFound, SandboxErrorCode } from './api-error.js';
import {
  copyCustomer,
  emptyCustomer,
  mergeCustomer,
  replaceCustomer,
  type StoredSandboxCustomer,
  type WriteValues,
} from './customer-record.js';

/** What the store holds, in the form persistence writes to disk. */
export interface StoreState {
  nextId: number;
  customers: StoredSandboxCustomer[];
}

/**
 * How userIds and emails compare, in the uniqueness rule and in search `=`/`!=`. HelpCrunch's behaviour is
 * unknown: `exact` (byte for byte) or `insensitive` (case folded, as a case-insensitive database collation does).
 */
export type KeyCase = 'exact' | 'insensitive';

/** A userId or email as an `insensitive` account compares it. */
export const foldKey = (value: string): string => value.toLowerCase();

/** One item of a batch replace, already validated. */
export interface ReplaceItem {
  id: number;
  values: WriteValues;
}

/** A page of matches and how many matched in all, as list and search answer. */
export interface Selection {
  data: StoredSandboxCustomer[];
  total: number;
}

/**
 * The customers and the one rule that spans them: a userId belongs to at most one customer. Every result
 * is a copy, so callers can never change stored data behind the store's back.
 */
export class CustomerStore {
  readonly #byId = new Map<number, StoredSandboxCustomer>();
  readonly #ownerOf = new Map<string, number>();
  readonly #clock: () => number;
  /** The form of a userId the uniqueness rule compares: itself, or folded to lower case (`keyCase: 'insensitive'`). */
  readonly #key: (userId: string) => string;
  #nextId: number;
  #version = 0;

  constructor(state: StoreState = { nextId: 1, customers: [] }, clock: () => number = Date.now, keyCase: KeyCase = 'exact') {
    this.#key = keyCase === 'exact' ? (userId) => userId : foldKey;
    // Listing walks the map in insertion order, which must be id order.
    for (const customer of [...state.customers].sort((a, b) => a.id - b.id)) this.#put(copyCustomer(customer));
    this.#nextId = state.customers.reduce((next, customer) => Math.max(next, customer.id + 1), state.nextId);
    this.#clock = clock;
  }

  /** Bumps on every change, so persistence can tell whether a save is due. */
  get version(): number {
    return this.#version;
  }

  state(): StoreState {
    return { nextId: this.#nextId, customers: [...this.#byId.values()].map(copyCustomer) };
  }

  /** The customers matching `predicate` in id order, copying only the requested page. */
  select(predicate: (customer: StoredSandboxCustomer) => boolean, offset: number, limit: number): Selection {
    const data: StoredSandboxCustomer[] = [];
    let total = 0;
    for (const customer of this.#byId.values()) {
      if (!predicate(customer)) continue;
      if (total >= offset && data.length < limit) data.push(copyCustomer(customer));
      total += 1;
    }
    return { data, total };
  }

  get(id: number): StoredSandboxCustomer {
    return copyCustomer(this.#existing(id));
  }

  create(values: WriteValues): StoredSandboxCustomer {
    const createdAt = String(Math.floor(this.#clock() / 1000));
    const customer = replaceCustomer(emptyCustomer(this.#nextId, createdAt), values);
    this.#checkUserId(customer, (userId) => this.#ownerOf.get(userId));
    this.#nextId += 1;
    return this.#commit([customer])[0] as StoredSandboxCustomer;
  }

  replace(id: number, values: WriteValues): StoredSandboxCustomer {
    return this.#update(replaceCustomer(this.#existing(id), values));
  }

  patch(id: number, values: WriteValues): StoredSandboxCustomer {
    return this.#update(mergeCustomer(this.#existing(id), values));
  }

  delete(id: number): void {
    this.#remove(this.#existing(id));
    this.#version += 1;
  }

  /**
   * Replaces several customers, all or nothing (or, with `partial`, up to the first bad item): every item is checked against the state the items before it
   * would leave, and a single bad item fails the call with an error naming its index before anything changes.
   */
  replaceMany(items: readonly ReplaceItem[], partial = false): StoredSandboxCustomer[] {
    const overlay = new Map<string, number | null>();
    const ownerOf = (key: string) => (overlay.has(key) ? overlay.get(key) : this.#ownerOf.get(key));
    const seen = new Set<number>();
    const next: StoredSandboxCustomer[] = [];
    items.forEach(({ id, values }, index) => {
      try {
        const current = this.#byId.get(id);
        if (current === undefined || seen.has(id)) throw itemError(index, id, current === undefined);
        seen.add(id);
        const customer = replaceCustomer(current, values);
        if (current.userId !== null) overlay.set(this.#key(current.userId), null);
        try {
          this.#checkUserId(customer, ownerOf);
        } catch (error) {
          throw error instanceof ApiError ? error.forItem(index) : error;
        }
        if (customer.userId !== null) overlay.set(this.#key(customer.userId), id);
        next.push(customer);
      } catch (error) {
        // `partial`: the items before the bad one stay applied, as a server that writes item by item leaves them.
        if (partial && next.length > 0) this.#commit(next);
        throw error;
      }
    });
    return this.#commit(next);
  }

  #update(customer: StoredSandboxCustomer): StoredSandboxCustomer {
    this.#checkUserId(customer, (userId) => this.#ownerOf.get(userId));
    return this.#commit([customer])[0] as StoredSandboxCustomer;
  }

  #checkUserId(customer: StoredSandboxCustomer, ownerOf: (key: string) => number | null | undefined): void {
    if (customer.userId === null) return;
    const owner = ownerOf(this.#key(customer.userId));
    if (owner !== undefined && owner !== null && owner !== customer.id) {
      throw badRequest(invalidValueCode('userId'), `userId "${customer.userId}" already belongs to customer ${owner}.`);
    }
  }

  #commit(customers: StoredSandboxCustomer[]): StoredSandboxCustomer[] {
    for (const customer of customers) {
      const old = this.#byId.get(customer.id);
      if (old?.userId != null) this.#ownerOf.delete(this.#key(old.userId));
    }
    for (const customer of customers) this.#put(customer);
    this.#version += 1;
    return customers.map(copyCustomer);
  }

  #put(customer: StoredSandboxCustomer): void {
    this.#byId.set(customer.id, customer);
    if (customer.userId !== null) this.#ownerOf.set(this.#key(customer.userId), customer.id);
  }

  #remove(customer: StoredSandboxCustomer): void {
    this.#byId.delete(customer.id);
    if (customer.userId !== null) this.#ownerOf.delete(this.#key(customer.userId));
  }

  #existing(id: number): StoredSandboxCustomer {
    const customer = this.#byId.get(id);
    if (customer === undefined) throw notFound(`Customer ${id} not found.`);
    return customer;
  }
}

function itemError(index: number, id: number, missing: boolean): ApiError {
  const reason = missing ? `customer ${id} does not exist` : `customer ${id} appears twice in the batch`;
  return badRequest(SandboxErrorCode.invalidCustomer, `${reason}.`).forItem(index);
}
