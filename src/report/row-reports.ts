import type { DuplicateRow, RejectedRow } from '../model.js';
import type { FailedRow, SettledRow } from '../upsert/ports.js';
import type { Redact } from '../secrets/redact-secrets.js';
import { openCsvReport, ReportFile, type CsvReportFile } from './report-files.js';

/**
 * The per-row report files. Each repeats the row as the user gave it (original header, raw cells) so
 * the file can be opened, fixed and imported again; hc-import's own columns start with `_`, which the
 * column mapper ignores on re-import. Columns of the input that start with `_` (a previous report's)
 * are left out rather than repeated next to fresh ones.
 */
export interface RowLayout {
  header: string[];
  project(cells: readonly string[]): string[];
  /** Cells beyond the header's width, joined with the input's delimiter; '' when there are none. */
  extra(cells: readonly string[]): string;
}

export function rowLayout(headers: readonly string[], delimiter: string): RowLayout {
  const kept = headers.flatMap((header, index) => (header.startsWith('_') ? [] : [index]));
  return {
    header: kept.map((index) => headers[index] ?? ''),
    project: (cells) => kept.map((index) => cells[index] ?? ''),
    extra: (cells) => cells.slice(headers.length).join(delimiter),
  };
}

export interface InputReports {
  reject(row: RejectedRow): void;
  duplicate(row: DuplicateRow): void;
  close(): Promise<void>;
}

/** rejects.csv and duplicates.csv: what the input stage decided, written as rows are read (nowhere when `dir` is null). */
export function openInputReports(dir: string | null, layout: RowLayout, redact?: Redact): InputReports {
  if (dir === null) return { reject() {}, duplicate() {}, close: async () => {} };
  const rejects = openCsvReport(dir, ReportFile.rejects, [...layout.header, '_line', '_reason_code', '_reason', '_extra'], redact);
  const duplicates = openCsvReport(dir, ReportFile.duplicates, [...layout.header, '_line', '_kept_line'], redact);
  return {
    reject(row) {
      rejects.write([...layout.project(row.cells), String(row.line), row.code, row.message, layout.extra(row.cells)]);
    },
    duplicate(row) {
      duplicates.write([...layout.project(row.cells), String(row.line), row.keptLine === null ? '' : String(row.keptLine)]);
    },
    close: () => closeAll([rejects, duplicates]),
  };
}

export interface WriteReports {
  result(outcome: SettledRow): void;
  /** `cells`: the row as the user gave it, so the failures file can be fixed and imported again. */
  failure(failure: FailedRow, cells: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * results.csv and failures.csv: what HelpCrunch confirmed or refused, written as answers arrive. With
 * `originalIds` (line → user_id as the CSV gave it, under `--hash-user-id`) results.csv shows the original
 * `user_id` next to the `helpcrunch_user_id` written, and failures.csv adds `_helpcrunch_user_id` (with a
 * `_`, so importing the fixed file again ignores it); without it both files keep their usual columns.
 */
export function openWriteReports(dir: string, layout: RowLayout, redact?: Redact, originalIds?: ReadonlyMap<number, string>): WriteReports {
  const hashed = originalIds !== undefined;
  const resultColumns = hashed
    ? ['_line', 'user_id', 'helpcrunch_user_id', 'action', 'helpcrunch_id']
    : ['_line', 'user_id', 'action', 'helpcrunch_id'];
  const results = openCsvReport(dir, ReportFile.results, resultColumns, redact);
  const failureColumns = [...layout.header, '_line', ...(hashed ? ['_helpcrunch_user_id'] : []), '_status', '_error_code', '_error'];
  const failures = openCsvReport(dir, ReportFile.failures, failureColumns, redact);
  // Under hashing a row's outcome carries the id written; the report leads with the one the user knows.
  const ids = (line: number, written: string): string[] => (hashed ? [originalIds.get(line) ?? '', written] : [written]);
  return {
    result(outcome) {
      results.write([
        String(outcome.line),
        ...ids(outcome.line, outcome.userId),
        outcome.action,
        outcome.id === null ? '' : String(outcome.id),
      ]);
    },
    failure(failure, cells) {
      const status = failure.status === null ? '' : String(failure.status);
      const written = hashed ? [failure.userId] : [];
      failures.write([...layout.project(cells), String(failure.line), ...written, status, failure.code, failure.message]);
    },
    close: () => closeAll([results, failures]),
  };
}

async function closeAll(files: CsvReportFile[]): Promise<void> {
  await Promise.all(files.map((file) => file.close()));
}
