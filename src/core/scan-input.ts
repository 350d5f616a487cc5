import type { CsvReader } from '../input/read-csv.js';
import { RejectCode, type ValidRow } from '../model.js';
import type { RowDecider } from '../rows/dedupe-rows.js';
import type { RowRekeyer } from '../rows/rekey-rows.js';
import type { RowValidator } from '../rows/validate-row.js';
import type { InputReports } from '../report/row-reports.js';
import { emptyCounts, type Counts, type Warning } from '../report/summary.js';
import type { RunListener } from './events.js';

export interface ScanOptions {
  reader: CsvReader;
  validate: RowValidator;
  decide: RowDecider;
  /** `--hash-user-id`: a kept row's id becomes its hash (noteKept still sees the original). */
  rekeyer?: RowRekeyer;
  /** Told each kept row once, in file order (shared emails, user_id checks); never a rejected or duplicate one. */
  noteKept: (row: ValidRow) => void;
  reports: InputReports;
  /** Where the valid rows go for the upsert stage (apply and keyed dry runs: a spill file); an offline dry run keeps none. */
  keep?: (row: ValidRow) => void;
  onEvent: RunListener;
  signal: AbortSignal;
  /** `--limit`: stop reading once this many rows are valid (a first trial of a big file). */
  limit?: number;
}

export interface ScanResult {
  counts: Counts;
  reasons: Record<string, number>;
  /** True when the signal was aborted during the scan (on a big file it stops the scan early), so nothing is sent. */
  interrupted: boolean;
  /** The line of the first record left unread because `limit` valid rows were reached; unset when all was read. */
  cutAtLine?: number;
}

const PROGRESS_EVERY = 10_000;

/**
 * The input stage: every record becomes exactly one of valid, rejected or duplicate, and every reject
 * or duplicate is written to its report at once. This loop runs once per row of a million-row file, so
 * it does no more than count, call the stage functions and branch.
 */
export async function scanInput(options: ScanOptions): Promise<ScanResult> {
  const { reader, validate, decide, reports } = options;
  const counts = emptyCounts();
  const reasons: Record<string, number> = {};
  const reject = (code: string): void => {
    counts.rejected += 1;
    reasons[code] = (reasons[code] ?? 0) + 1;
  };

  for await (const record of reader.records) {
    // Cut only when another record exists, so a file of exactly `limit` rows does not claim a cut.
    if (counts.valid === options.limit) return { counts, reasons, interrupted: false, cutAtLine: record.line };
    // Checked before this record is counted, so what was read still reconciles (a stopped run checks it).
    if (counts.rows % PROGRESS_EVERY === 0 && counts.rows > 0 && options.signal.aborted) return { counts, reasons, interrupted: true };
    counts.rows += 1;
    if (counts.rows % PROGRESS_EVERY === 0) options.onEvent({ type: 'scan', rows: counts.rows });
    if (record.kind === 'malformed') {
      const code = record.code ?? RejectCode.malformedRecord;
      reports.reject({ line: record.line, cells: record.cells, code, message: record.reason });
      reject(code);
      continue;
    }
    const verdict = validate(record);
    if (!verdict.ok) {
      reports.reject(verdict.reject);
      reject(verdict.reject.code);
      continue;
    }
    const decision = decide(verdict.row);
    if (!decision.kept) {
      reports.duplicate(decision.duplicate);
      counts.duplicates += 1;
      continue;
    }
    let row = verdict.row;
    if (options.rekeyer) {
      const rekeyed = options.rekeyer.rekey(row);
      if (!rekeyed.kept) {
        reports.duplicate(rekeyed.duplicate);
        counts.duplicates += 1;
        continue;
      }
      row = rekeyed.row;
    }
    counts.valid += 1;
    options.noteKept(verdict.row);
    options.keep?.(row);
  }
  options.onEvent({ type: 'scanned', counts });
  return { counts, reasons, interrupted: options.signal.aborted };
}

/**
 * `--limit N` reads the file only up to its Nth valid row: the first trial before a big migration. The
 * rows after it are not read at all, so they are in no count (`rows = valid + rejected + duplicates` holds
 * for what was read), and the summary says where the file was cut.
 */
export function limitWarning(limit: number | undefined, cutAtLine: number): Warning {
  return {
    code: 'limit',
    message: `--limit ${limit ?? '?'}: the file was cut at line ${cutAtLine}; that row and the rest were not read.`,
  };
}
