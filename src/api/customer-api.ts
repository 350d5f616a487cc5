/**
 * The port the upsert engine talks to: HelpCrunch's customer endpoints, in the shapes the engine needs.
 * `helpcrunch-client.ts` implements it over HTTP; tests use the same client against the sandbox.
 */

export interface CustomerTag {
  name: string;
  color?: string;
}

/**
 * A custom attribute's value: what hc-import writes (string, number, boolean, null to clear), or a stored
 * value of a shape it does not know (an object, a list), kept verbatim so a replacing update sends it back.
 */
export type CustomDataValue = string | number | boolean | null | readonly unknown[] | { readonly [key: string]: unknown };

export interface CustomDataItem {
  property: string;
  value: CustomDataValue;
}

/**
 * The writable fields of a customer and how HelpCrunch holds each, in the order a replacing update sends
 * them. The dates (unix seconds) are text: sent as strings, sometimes read back as numbers.
 */
export const WIRE_FIELDS = {
  userId: 'text',
  name: 'text',
  email: 'text',
  phone: 'text',
  company: 'text',
  firstSeen: 'text',
  lastSeen: 'text',
  unsubscribed: 'boolean',
  blocked: 'boolean',
  source: 'text',
  referer: 'text',
  lastPage: 'text',
  locale: 'text',
  notes: 'text',
  tags: 'tags',
  customData: 'customData',
} as const;

/** The value type of each wire kind. */
interface WireValues {
  text: string;
  boolean: boolean;
  tags: CustomerTag[];
  customData: CustomDataItem[];
}
export type WireKind = keyof WireValues;
type WireField = keyof typeof WIRE_FIELDS;

/**
 * The writable fields in the shape HelpCrunch accepts on create/update. `null` means the field is empty.
 * On read, the client normalises `customData` to the array shape.
 */
export type CustomerFields = { [K in WireField]?: WireValues[(typeof WIRE_FIELDS)[K]] | null };

/** Every writable field name; a replacing update (PUT, batch) must send all of them that hold a value. */
export const WRITABLE_FIELDS = Object.keys(WIRE_FIELDS) as readonly WireField[];

/** The writable fields of one wire kind. */
type FieldsOfKind<Kind extends WireKind> = { [K in WireField]: (typeof WIRE_FIELDS)[K] extends Kind ? K : never }[WireField];

/** The writable fields HelpCrunch holds as one kind of value, in wire order. */
export function wireFieldsOf<Kind extends WireKind>(kind: Kind): FieldsOfKind<Kind>[] {
  return WRITABLE_FIELDS.filter((field): field is FieldsOfKind<Kind> => WIRE_FIELDS[field] === kind);
}

export interface StoredCustomer {
  /** HelpCrunch's own integer id. */
  id: number;
  fields: CustomerFields;
  /**
   * Stored values hc-import cannot read (a field the API added later, a known field in an unknown shape),
   * verbatim: a replacing update sends them back so it erases nothing.
   */
  unknown?: Record<string, unknown>;
}

/** One page of a list or search answer. */
export interface Page<T> {
  /** The usable items: those without a usable id are dropped. */
  data: T[];
  /** Items the query matches; a guess when `totalKnown` is false. */
  total: number;
  /** Items the server sent, usable or not: paging advances by it. Default `data.length`. */
  received?: number;
  /** False when the answer held no usable total and `total` only says "maybe more". Default true. */
  totalKnown?: boolean;
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
  /** Customers whose email equals any of `emails` (`--adopt-by-email`); optional so fakes need not have it. */
  searchByEmails?(emails: readonly string[], page: PageRequest): Promise<Page<StoredCustomer>>;
  createCustomer(fields: CustomerFields): Promise<StoredCustomer>;
  /** `PUT /customers/batch`: 1–10 items, replace semantics. The customers the answer holds, when it holds any. */
  batchUpdate(items: readonly BatchItem[]): Promise<readonly StoredCustomer[] | undefined>;
}

/** `DELETE /customers/{id}`: permanent, the customer's chats included; a 404 `not_found` means already gone. */
export interface DeleteApi {
  deleteCustomer(id: number): Promise<void>;
}
