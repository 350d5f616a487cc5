/** Types shared by the pipeline stages. Each stage module owns the logic; this file only names the data. */
import type { CustomDataMap, WantedTags } from './fields/compare-values.js';
import type { StandardFields } from './fields/field-table.js';
import type { RejectCode } from './reject-codes.js';

/** One CSV record as parsed. `line` is the physical line of the file where the record starts (header = 1). */
export interface RawRecord {
  line: number;
  cells: string[];
}

/** The canonical field names (`user_id`, …); the field table in `fields/field-table.ts` holds the list. */
export type { FieldName } from './fields/field-table.js';

/**
 * A validated contact: the CSV-fed fields of the field table (for the optional ones, `undefined` means
 * "the CSV says nothing: leave the stored value alone" and `null` means "clear it", only with
 * `--blanks clear`), plus open maps no CSV column feeds yet, planned by the same rules.
 */
export interface Contact extends StandardFields {
  /** Custom attributes by property; a property the contact lacks keeps its stored value. */
  customData?: CustomDataMap | null;
  /** Tag names: the whole set (`--tags replace`) or `{add}`, names added to the stored ones. */
  tags?: WantedTags | null;
}

/** Stable reject reason codes (reject-codes.ts holds them, so the field modules need not import this file). */
export { RejectCode } from './reject-codes.js';

export interface ValidRow {
  line: number;
  cells: string[];
  contact: Contact;
  /** The user_id as the CSV gave it, when `--hash-user-id` put its hash in `contact.userId`. */
  originalUserId?: string;
}

export interface RejectedRow {
  line: number;
  cells: string[];
  code: RejectCode;
  /** A sentence a person understands, naming the field and the value's problem. */
  message: string;
}

export interface DuplicateRow {
  line: number;
  cells: string[];
  userId: string;
  /** Line of the row that was kept; null under `--on-duplicate reject`, where none is kept. */
  keptLine: number | null;
}

export const DuplicatePolicy = { first: 'first', last: 'last', reject: 'reject' } as const;
export type DuplicatePolicy = (typeof DuplicatePolicy)[keyof typeof DuplicatePolicy];

export const BlanksPolicy = { keep: 'keep', clear: 'clear' } as const;
export type BlanksPolicy = (typeof BlanksPolicy)[keyof typeof BlanksPolicy];
