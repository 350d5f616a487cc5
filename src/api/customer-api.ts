/**
 * The port the upsert engine talks to: HelpCrunch's customer endpoints, in the shapes the engine needs.
 * `helpcrunch-client.ts` implements it over HTTP; tests use the same client against the sandbox.
 */

export interface CustomerTag {
  name: string;
  color?: string;
}

export interface CustomDataItem {
  property: string;
  value: string | number | boolean;
}

/**
 * The writable fields of a customer, in the shape HelpCrunch accepts on create/update.
 * `null` means the field is empty. On read, the client normalises `customData` to this array shape.
 */
export interface CustomerFields {
  userId?: string | null;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  unsubscribed?: boolean | null;
  blocked?: boolean | null;
  source?: string | null;
  referer?: string | null;
  lastPage?: string | null;
  locale?: string | null;
  notes?: string | null;
  tags?: CustomerTag[] | null;
  customData?: CustomDataItem[] | null;
}

/** Every writable field name; a replacing update (PUT, batch) must send all of them that hold a value. */
export const WRITABLE_FIELDS = [
  'userId', 'name', 'email', 'phone', 'company', 'firstSeen', 'lastSeen', 'unsubscribed', 'blocked',
  'source', 'referer', 'lastPage', 'locale', 'notes', 'tags', 'customData',
] as const satisfies readonly (keyof CustomerFields)[];

export interface StoredCustomer {
  /** HelpCrunch's own integer id. */
  id: number;
  fields: CustomerFields;
}

export interface Page<T> {
  data: T[];
  total: number;
}

export interface PageRequest {
  offset: number;
  limit: number;
}

/** The most items one `PUT /customers/batch` accepts. */
export const MAX_BATCH_ITEMS = 10;

export interface BatchItem {
  id: number;
  /** The full record to store: fields left out are cleared by HelpCrunch. */
  fields: CustomerFields;
}

export interface CustomerApi {
  listCustomers(page: PageRequest): Promise<Page<StoredCustomer>>;
  /** Customers whose userId equals any of `userIds` (one filter each, `comparison: OR`). */
  searchByUserIds(userIds: readonly string[], page: PageRequest): Promise<Page<StoredCustomer>>;
  createCustomer(fields: CustomerFields): Promise<StoredCustomer>;
  /** `PUT /customers/batch`: 1–10 items, replace semantics. */
  batchUpdate(items: readonly BatchItem[]): Promise<void>;
}
