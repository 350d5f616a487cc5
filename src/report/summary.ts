import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { exitCodeFor, RunEnd, type ExitCode } from '../exit-codes.js';
import type { FieldName } from '../model.js';

/** The row counts; see `checkInvariants` for how they must add up. */
export interface Counts {
  rows: number;
  valid: number;
  rejected: number;
  duplicates: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows `--mode` kept from being written (`skipped_exists`, `skipped_not_found`). */
  skipped: number;
  failed: number;
}

/** The rows' fates after the write: the one tally the core keeps while writing. */
export type OutcomeCounts = Pick<Counts, 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'>;

export const emptyCounts = (): Counts => ({
  rows: 0,
  valid: 0,
  rejected: 0,
  duplicates: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
});

export interface Warning {
  code: string;
  message: string;
}

export interface RequestCounts {
  total: number;
  byKind: { lookup: number; create: number; update: number };
  rateLimited: number;
  retries: number;
}

/** What one column of the input became: a field, the tags, a custom attribute, or nothing (and why). */
export type ColumnUse =
  | { header: string; use: 'field'; field: string }
  | { header: string; use: 'tags' }
  | { header: string; use: 'custom'; property: string; type: string }
  | { header: string; use: 'ignored'; why: string };

export interface InputSummary {
  path: string;
  sha256: string;
  bytes: number;
  encoding: string;
  delimiter: string;
  headers: string[];
  /** The preset the file was read with, in lower case (`hubspot`, `pipedrive`, …); null for none. */
  preset: string | null;
  /** Canonical field → the header (or headers, for a joined name) that feeds it. */
  mapping: Partial<Record<FieldName | 'tags', string>>;
  /** Every column in file order, with what it became. */
  columns: ColumnUse[];
  unmappedHeaders: string[];
}

/** The plan of an apply or a keyed dry run: what would be sent, before any write. */
export interface PlanSummary {
  create: number;
  update: number;
  unchanged: number;
  /** Rows `--mode` skips. */
  skipped: number;
  /** Rows refused while planning (`--adopt-by-email` conflicts). */
  failed: number;
  /** Rows to create that match a contact without a user id (searched by a keyed dry run without --adopt-by-email). */
  adoptable: number;
  /**
   * changes.csv: how many field changes the plan makes, and the first few. `resumed`: the plan of a resumed
   * run's rows left, while changes.csv keeps the first run's full plan.
   */
  changes: { fields: number; sample: ChangeSample[]; resumed?: boolean };
  /** Write requests the plan needs (creates + update batches). */
  writeRequests: number;
  /** Requests for the whole run: lookups already made plus the writes. */
  totalRequests: number;
  ratePerMinute: number;
  minutesAtRate: number;
}

/** One line of changes.csv, as the summary samples it. */
export interface ChangeSample {
  line: number;
  userId: string;
  action: 'create' | 'update';
  field: string;
  before: string;
  after: string;
}

/** How a run ended; `not-confirmed`: the plan was shown and declined, so nothing was written and there is nothing to resume. */
export const RunStatus = { finished: 'finished', interrupted: 'interrupted', stopped: 'stopped', notConfirmed: 'not-confirmed' } as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** summary.json. Bump `schemaVersion` on any change that could break a reader. */
export interface Summary {
  schemaVersion: 1;
  tool: { name: 'hc-import'; version: string };
  /** `verify`: `hc-import verify`, a keyed dry run that compares HelpCrunch with the file. */
  mode: 'dry-run' | 'apply' | 'verify';
  status: RunStatus;
  input: InputSummary;
  options: Record<string, unknown>;
  counts: Counts;
  reasons: Record<string, number>;
  warnings: Warning[];
  plan: PlanSummary | null;
  requests: RequestCounts;
  timings: { startedAt: string; finishedAt: string; durationMs: number };
  /** Null when no report was written (`--report-dir -`). */
  reportDir: string | null;
  /** Set when a remote failure stopped the run. */
  error: { code: string; message: string } | null;
  exitCode: number;
}

/** `rows = valid + rejected + duplicates`; after a finished apply also `valid = created + updated + unchanged + skipped + failed`. */
export function checkInvariants(counts: Counts, mode: Summary['mode'], status: RunStatus): void {
  const problems: string[] = [];
  if (counts.rows !== counts.valid + counts.rejected + counts.duplicates) {
    problems.push(`rows ${counts.rows} ≠ valid ${counts.valid} + rejected ${counts.rejected} + duplicates ${counts.duplicates}`);
  }
  const applied = counts.created + counts.updated + counts.unchanged + counts.skipped + counts.failed;
  if (mode === 'apply' && status === RunStatus.finished && counts.valid !== applied) {
    problems.push(`valid ${counts.valid} ≠ created + updated + unchanged + skipped + failed = ${applied}`);
  }
  if (problems.length > 0) {
    throw new HciError({
      code: ErrorCode.invariant,
      kind: ErrorKind.internal,
      message: `The row counts do not reconcile (${problems.join('; ')}). This is a bug in hc-import; the report is incomplete.`,
    });
  }
}

export const FailOn = { any: 'any', failures: 'failures', none: 'none' } as const;
export type FailOn = (typeof FailOn)[keyof typeof FailOn];

/**
 * Exit code of a run that finished reading and writing. `any`: rejects, duplicates or API failures give 4;
 * `failures`: only rows whose data did not make it (rejects and API failures); `none`: never 4.
 */
export function finishedExitCode(counts: Counts, failOn: FailOn): ExitCode {
  const failing =
    failOn === FailOn.any
      ? counts.rejected + counts.duplicates + counts.failed
      : failOn === FailOn.failures
        ? counts.rejected + counts.failed
        : 0;
  return exitCodeFor(failing > 0 ? RunEnd.rowsNotApplied : RunEnd.ok);
}
