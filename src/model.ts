/** Types shared by the pipeline stages. Each stage module owns the logic; this file only names the data. */

/** One CSV record as parsed. `line` is the physical line of the file where the record starts (header = 1). */
export interface RawRecord {
  line: number;
  cells: string[];
}

/** The canonical contact fields, as users name them in `--map field=Header`. */
export const FIELD_NAMES = ['user_id', 'name', 'email', 'phone', 'company'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/**
 * A validated contact. For the optional fields, `undefined` means "the CSV says nothing: leave the stored
 * value alone" and `null` means "clear it" (only with `--blanks clear`).
 */
export interface Contact {
  userId: string;
  name: string;
  email: string;
  phone?: string | null;
  company?: string | null;
}

/** Stable reject reason codes; reports and summary.json carry them. Never rename one. */
export const RejectCode = {
  malformedRecord: 'malformed_record',
  missingUserId: 'missing_user_id',
  userIdScientificNotation: 'user_id_scientific_notation',
  missingName: 'missing_name',
  missingEmail: 'missing_email',
  invalidEmail: 'invalid_email',
  fieldTooLong: 'field_too_long',
  invalidEncoding: 'invalid_encoding',
} as const;
export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];

export interface ValidRow {
  line: number;
  cells: string[];
  contact: Contact;
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
