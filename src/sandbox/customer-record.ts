/** A tag as the API reads it back: `color` is null when none was sent. */
export interface SandboxTag {
  name: string;
  color: string | null;
}

/** A stored custom value: what clients write, plus null and the nested values some accounts hold. */
export type CustomDataValue = string | number | boolean | null | unknown[] | { [key: string]: unknown };

/**
 * A customer in the READ shape the API answers with. Unset scalar fields are `null`; empty `tags` read
 * as `[]` and empty `customData` as `{}` (never null), so clients see one shape for "nothing".
 */
export interface StoredSandboxCustomer {
  id: number;
  userId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  unsubscribed: boolean | null;
  blocked: boolean | null;
  source: string | null;
  referer: string | null;
  lastPage: string | null;
  locale: string | null;
  notes: string | null;
  tags: SandboxTag[];
  customData: Record<string, CustomDataValue>;
  location: null;
  device: null;
  /** UNIX seconds as a string of digits, like `firstSeen`. */
  createdAt: string;
}

/** The fields a write (create, PUT, PATCH, batch item) may carry, in the order the read shape lists them. */
export const WRITE_FIELDS = [
  'userId',
  'name',
  'email',
  'phone',
  'company',
  'firstSeen',
  'lastSeen',
  'unsubscribed',
  'blocked',
  'source',
  'referer',
  'lastPage',
  'locale',
  'notes',
  'tags',
  'customData',
] as const;
export type WriteField = (typeof WRITE_FIELDS)[number];

/** Validated write values, already in the stored shape; a key left out means "not sent". */
export type WriteValues = Partial<Pick<StoredSandboxCustomer, WriteField>>;

/** A customer with every writable field empty, as PUT leaves the fields it was not sent. */
export function emptyCustomer(id: number, createdAt: string): StoredSandboxCustomer {
  return {
    id,
    userId: null,
    name: null,
    email: null,
    phone: null,
    company: null,
    firstSeen: null,
    lastSeen: null,
    unsubscribed: null,
    blocked: null,
    source: null,
    referer: null,
    lastPage: null,
    locale: null,
    notes: null,
    tags: [],
    customData: {},
    location: null,
    device: null,
    createdAt,
  };
}

/** PUT semantics: the result holds exactly the values sent; everything else is cleared. */
export function replaceCustomer(current: StoredSandboxCustomer, values: WriteValues): StoredSandboxCustomer {
  return { ...emptyCustomer(current.id, current.createdAt), ...copyValues(values) };
}

/**
 * PATCH semantics: only the fields sent change. A field is the unit of change, so a `customData` list sent
 * in a PATCH still replaces the whole customData object, the stricter of the two readings a client can meet.
 */
export function mergeCustomer(current: StoredSandboxCustomer, values: WriteValues): StoredSandboxCustomer {
  return { ...copyCustomer(current), ...copyValues(values) };
}

/** A deep copy, so no caller can reach into the store's own objects. */
export function copyCustomer(customer: StoredSandboxCustomer): StoredSandboxCustomer {
  return structuredClone(customer);
}

function copyValues(values: WriteValues): WriteValues {
  return structuredClone(values);
}
