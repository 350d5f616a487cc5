/**
 * A date as CSV exports write it → UNIX seconds as a string of digits, what HelpCrunch's `firstSeen` and
 * `lastSeen` take. Accepted, nothing else:
 *
 * - ISO 8601: `2024-05-02`, `2024-05-02T09:12`, `2024-05-02T09:12:45Z`, `2024-05-02T09:12:45.000+02:00`,
 *   also with a space for the `T` (`2024-05-02 09:12:45`, as SQL exports write it).
 * - UNIX seconds (9 or 10 digits: March 1973 to 2286) and UNIX milliseconds (13 digits, cut to the second).
 *   Shorter numbers are refused: `2024` or `20240502` is far likelier a year or a date than a second count.
 * - Day-first or month-first dates with `/` or `.` and a four-digit year (`02/05/2024`, `2.5.2024 09:12`),
 *   only with `--date-format DMY|MDY`. Without it such a date is `ambiguous_date`, whether or not its
 *   numbers would allow one reading only: one file mixes both cases, and a guess would be silently wrong.
 *
 * A date without a zone is read in `--timezone` (default UTC). Luxon does the calendar and zone work: a
 * local time that a DST change skips moves forward by the gap (02:30 → 03:30), and a local time that
 * happens twice reads as the second one, in standard time. Dates before 1970 are rejected: HelpCrunch
 * keeps UNIX seconds, which cannot be negative there.
 */
import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';
import { RejectCode } from '../reject-codes.js';
import { CellReject, type DateOrder, type DateSettings } from './cell-reject.js';
import { quote } from './text-checks.js';

// Loaded on first use, synchronously (its CommonJS build): start-up pays for luxon only in a run that reads
// a date or checks a zone name, and the converters stay plain functions.
let luxon: typeof Luxon | undefined;
const loadLuxon = (): typeof Luxon => (luxon ??= createRequire(import.meta.url)('luxon') as typeof Luxon);

export type { DateOrder } from './cell-reject.js';
export const DATE_ORDERS: readonly DateOrder[] = ['DMY', 'MDY'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const UNIX_SECONDS = /^\d{9,10}$/;
const UNIX_MILLISECONDS = /^\d{13}$/;
const SLASHED_DATE = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** True for a zone name luxon (and so Intl) knows: `UTC`, `Europe/Berlin`, `America/New_York`. */
export function isKnownTimeZone(name: string): boolean {
  // Newer ICU (Node 24) also takes offsets such as `+02:00`; a named zone is asked for, and it must mean
  // the same on every Node, so offsets are refused here rather than by the runtime's ICU version.
  // UTC, the default, is valid everywhere: checking it needs no luxon, so a run without dates never loads it.
  return name === 'UTC' || (!OFFSET.test(name) && loadLuxon().IANAZone.isValidZone(name));
}

const OFFSET = /^[+-]|:/;

/** UNIX seconds as a string, or the reject that explains why the value is not a date. */
export function parseDate(value: string, settings: DateSettings): string | CellReject {
  if (UNIX_SECONDS.test(value)) return String(Number(value));
  if (UNIX_MILLISECONDS.test(value)) return String(Math.floor(Number(value) / 1000));
  let memo = recent.get(settings);
  if (memo === undefined) {
    memo = new Map();
    recent.set(settings, memo);
  }
  const known = memo.get(value);
  if (known !== undefined) return known;
  const read = readCalendarDate(value, settings);
  if (memo.size >= RECENT_LIMIT) memo.clear();
  memo.set(value, read);
  return read;
}

/**
 * Dates read lately, per run (its settings object): exports repeat dates (every signup of one day), and
 * luxon takes 5 µs (UTC) to 25 µs (a named zone) a date. Bounded, so a file of distinct timestamps only
 * pays a lookup.
 */
const recent = new WeakMap<DateSettings, Map<string, string | CellReject>>();
const RECENT_LIMIT = 4096;

function readCalendarDate(value: string, settings: DateSettings): string | CellReject {
  if (ISO_DATE.test(value)) {
    // luxon reads the `T` form only, in upper case.
    return toSeconds(loadLuxon().DateTime.fromISO(value.replace(' ', 'T').toUpperCase(), { zone: settings.timezone }));
  }
  const slashed = SLASHED_DATE.exec(value);
  if (slashed === null) return unreadable;
  if (settings.dateOrder === undefined) return ambiguous;
  const [, first, , second, year, hour, minute, secondOfMinute] = slashed.map(Number);
  const dayFirst = settings.dateOrder === 'DMY';
  const parts = { year, month: dayFirst ? second : first, day: dayFirst ? first : second };
  const time = { hour: hour || 0, minute: minute || 0, second: secondOfMinute || 0 };
  return toSeconds(loadLuxon().DateTime.fromObject({ ...parts, ...time }, { zone: settings.timezone }));
}

function toSeconds(date: Luxon.DateTime): string | CellReject {
  if (!date.isValid) return noSuchDay;
  const seconds = Math.floor(date.toMillis() / 1000);
  return seconds < 0 ? beforeEpoch : String(seconds);
}

const unreadable = new CellReject(
  RejectCode.invalidDate,
  (field, value) =>
    `${field} ${quote(value)} is not a date hc-import reads: write 2024-05-02, 2024-05-02 09:12:45, 2024-05-02T09:12:45Z, ` +
    'UNIX seconds or milliseconds, or 02/05/2024 with --date-format DMY|MDY',
);
const noSuchDay = new CellReject(RejectCode.invalidDate, (field, value) => `${field} ${quote(value)} is not a date of the calendar`);
const beforeEpoch = new CellReject(
  RejectCode.invalidDate,
  (field, value) => `${field} ${quote(value)} is before 1970: HelpCrunch keeps dates as UNIX seconds`,
);
const ambiguous = new CellReject(
  RejectCode.ambiguousDate,
  (field, value) =>
    `${field} ${quote(value)} could be day/month/year or month/day/year: ` +
    'add --date-format DMY (day first) or --date-format MDY (month first)',
);
