/**
 * What a converting cell (a date, a language, a yes/no) answers for a value it cannot read: the reject
 * code and the sentence. A class, so the per-row fast path tells it from a value with one `instanceof`;
 * a value that reads well allocates nothing.
 */
import type { RejectCode } from '../reject-codes.js';

/** The order of a slashed date's day and month: `--date-format`. */
export type DateOrder = 'DMY' | 'MDY';

export class CellReject {
  constructor(
    readonly code: RejectCode,
    /** The problem in words, naming the field and quoting the value. */
    readonly explain: (field: string, value: string) => string,
  ) {}
}

/** How this run reads dates: the zone of a date that names none, and the order of a slashed date's parts. */
export interface DateSettings {
  /** An IANA zone name (`UTC`, `Europe/Berlin`); checked by the CLI before any row is read. */
  readonly timezone: string;
  /** `DMY` or `MDY`; without it a slashed date is rejected `ambiguous_date`. */
  readonly dateOrder: DateOrder | undefined;
}

/** Dates in UTC and no slashed dates: what a run reads without `--timezone` and `--date-format`. */
export const DEFAULT_DATE_SETTINGS: DateSettings = { timezone: 'UTC', dateOrder: undefined };
