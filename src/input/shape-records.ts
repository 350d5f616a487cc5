import type { RejectCode } from '../model.js';
import type { RecordProblem, RowSink } from './csv-tokenizer.js';
import type { DecodeState } from './decode-text.js';
import { isOwnReport, unguardFormulas } from './report-guard.js';
import { hasEscapedBytes, showEscapedBytes } from './utf8-bytes.js';

/** A record with as many fields as the header. `line` is the physical line of the file where it starts. */
export interface CsvRecord {
  kind: 'record';
  line: number;
  cells: string[];
}

/**
 * A record that cannot be trusted: wrong field count, broken quoting, or (with `code`) bytes that are not
 * UTF-8 in a UTF-8 file. The run goes on without it.
 */
export interface MalformedRecord {
  kind: 'malformed';
  /** Set for a reject code other than `malformed_record`. */
  code?: typeof RejectCode.invalidEncoding;
  line: number;
  /** The cells as far as they could be read; bytes that are not UTF-8 shown as `\xE9`. */
  cells: string[];
  /** A sentence a person understands, e.g. "has 5 fields but the header has 4". */
  reason: string;
}

/** The first row that is not blank: the header, with its quoting problem if any. */
export interface HeaderRow {
  line: number;
  cells: string[];
  problem: RecordProblem | undefined;
}

/**
 * Receives the tokenizer's rows and turns them into records: the first non-blank row becomes the
 * header; blank lines and rows of empty cells are counted and skipped; rows with bytes that are not
 * UTF-8, broken quoting or the wrong field count become malformed records. Records collect in a batch
 * the reader hands out.
 */
export class RecordShaper {
  header: HeaderRow | undefined;
  blankLines = 0;
  emptyRecords = 0;
  private width = 0;
  private headers: string[] = [];
  /** Only in hc-import's own reports is a leading `'` its formula guard. */
  private unguard = false;
  private batch: (CsvRecord | MalformedRecord)[] = [];

  constructor(private readonly decoded: DecodeState) {}

  readonly sink: RowSink = (line, cells, problem) => {
    if (problem === undefined && isEmptyRow(cells)) {
      if (cells.length === 1) this.blankLines++;
      else this.emptyRecords++;
    } else if (this.header === undefined) {
      this.unguard = isOwnReport(cells.map((cell) => cell.trim()));
      // The report guarded its header cells as any other (a column `@handle` is written `'@handle`).
      if (this.unguard) unguardFormulas(cells);
      this.header = { line, cells, problem };
      this.headers = cells.map((cell) => cell.trim());
      this.width = cells.length;
    } else if (problem !== undefined) {
      // Broken quoting says more than a bad byte (an unclosed quote may have swallowed the rest of the file).
      const consequence = problem.kind === 'unclosed' ? ', so the rest of the file was read into this record' : '';
      const shown = this.decoded.escapedBytes ? cells.map(showEscapedBytes) : cells;
      if (this.unguard) unguardFormulas(shown);
      this.batch.push({ kind: 'malformed', line, cells: shown, reason: describeProblem(problem, this.headers) + consequence });
    } else if (this.decoded.escapedBytes && cells.some(hasEscapedBytes)) {
      this.batch.push(invalidBytesRecord(line, cells, this.headers));
    } else {
      if (this.unguard) unguardFormulas(cells);
      if (cells.length !== this.width) {
        const reason = `has ${cells.length} fields but the header has ${this.width}`;
        this.batch.push({ kind: 'malformed', line, cells, reason });
      } else {
        this.batch.push({ kind: 'record', line, cells });
      }
    }
  };

  /** The records shaped since the last call. */
  take(): (CsvRecord | MalformedRecord)[] {
    const batch = this.batch;
    if (batch.length !== 0) this.batch = [];
    return batch;
  }
}

/** Phrases a quoting problem; `headers` (when known) name the field. */
export function describeProblem(problem: RecordProblem, headers: readonly string[] = []): string {
  const field = fieldName(problem.field, headers);
  switch (problem.kind) {
    case 'unclosed':
      return `quote opened on line ${problem.openLine} is never closed`;
    case 'text-after-quote':
      return problem.openLine === problem.closeLine
        ? `text follows the closing quote of ${field} on line ${problem.closeLine}; a quote inside a quoted value must be doubled ("")`
        : `the quote of ${field} opened on line ${problem.openLine} closes on line ${problem.closeLine} and text follows it; ` +
            'a quote inside a quoted value must be doubled ("")';
    case 'too-long': {
      const max = problem.maxLength.toLocaleString('en-US');
      return problem.openLine === undefined
        ? `the record is longer than ${max} characters`
        : `quote opened on line ${problem.openLine} is not closed within ${max} characters`;
    }
  }
}

/** "field 2 (name)": 1-based, with its header when there is one. */
function fieldName(index: number, headers: readonly string[]): string {
  const name = headers[index];
  return `field ${index + 1}${name === undefined || name === '' ? '' : ` (${name})`}`;
}

/** True for a blank line and for a row of empty cells (Excel's `;;;;`). */
function isEmptyRow(cells: readonly string[]): boolean {
  for (const cell of cells) {
    const code = cell.charCodeAt(0);
    // A printable ASCII first character settles it without trimming (the common case).
    if (code > 0x20 && code < 0x7f) return false;
    if (cell.length !== 0 && cell.trim() !== '') return false;
  }
  return true;
}

/** A record holding bytes that are not UTF-8: rejected whole, never guessed at, the bytes shown escaped. */
function invalidBytesRecord(line: number, cells: string[], headers: readonly string[]): MalformedRecord {
  const bad = cells.flatMap((cell, index) => (hasEscapedBytes(cell) ? [index] : []));
  const first = bad[0] ?? 0;
  const field = fieldName(first, headers);
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more field${bad.length > 2 ? 's' : ''})` : '';
  const shown = cells.map(showEscapedBytes);
  const value = excerpt(shown[first] ?? '');
  const reason = `${field} holds bytes that are not UTF-8: "${value}"${more}; save the file as UTF-8 and import this row again`;
  return { kind: 'malformed', code: 'invalid_encoding', line, cells: shown, reason };
}

/** A long value is shown around its first escaped byte. */
function excerpt(shown: string): string {
  if (shown.length <= 60) return shown;
  const at = shown.indexOf('\\x');
  const from = Math.max(0, at - 20);
  return `${from > 0 ? '…' : ''}${shown.slice(from, from + 50)}…`;
}
