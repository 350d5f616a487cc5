import type { RecordProblem, RowSink } from './csv-tokenizer.js';

/** A record with as many fields as the header. `line` is the physical line of the file where it starts. */
export interface CsvRecord {
  kind: 'record';
  line: number;
  cells: string[];
}

/** A record that cannot be trusted: wrong field count or broken quoting. The run goes on without it. */
export interface MalformedRecord {
  kind: 'malformed';
  line: number;
  /** The cells as far as they could be read. */
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
 * header; blank lines and rows of empty cells are counted and skipped; rows with broken quoting or the
 * wrong field count become malformed records. Records collect in a batch the reader hands out.
 */
export class RecordShaper {
  header: HeaderRow | undefined;
  blankLines = 0;
  emptyRecords = 0;
  private width = 0;
  private headers: string[] = [];
  private batch: (CsvRecord | MalformedRecord)[] = [];

  readonly sink: RowSink = (line, cells, problem) => {
    if (problem === undefined && isEmptyRow(cells)) {
      if (cells.length === 1) this.blankLines++;
      else this.emptyRecords++;
    } else if (this.header === undefined) {
      this.header = { line, cells, problem };
      this.headers = cells.map((cell) => cell.trim());
      this.width = cells.length;
    } else {
      unguardFormulas(cells);
      if (problem !== undefined) {
        const consequence = problem.kind === 'unclosed' ? ', so the rest of the file was read into this record' : '';
        this.batch.push({ kind: 'malformed', line, cells, reason: describeProblem(problem, this.headers) + consequence });
      } else if (cells.length !== this.width) {
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
  const name = headers[problem.field];
  const field = `field ${problem.field + 1}${name === undefined || name === '' ? '' : ` (${name})`}`;
  switch (problem.kind) {
    case 'unclosed':
      return `quote opened on line ${problem.openLine} is never closed`;
    case 'text-after-quote':
      return problem.openLine === problem.closeLine
        ? `text follows the closing quote of ${field} on line ${problem.closeLine}; a quote inside a quoted value must be doubled ("")`
        : `the quote of ${field} opened on line ${problem.openLine} closes on line ${problem.closeLine} and text follows it; a quote inside a quoted value must be doubled ("")`;
    case 'too-long': {
      const max = problem.maxLength.toLocaleString('en-US');
      return problem.openLine === undefined
        ? `the record is longer than ${max} characters`
        : `quote opened on line ${problem.openLine} is not closed within ${max} characters`;
    }
  }
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

// Our report files prefix a cell a spreadsheet would run as a formula with `'` (see report/csv-line.ts);
// removing it again lets a fixed rejects.csv be imported as is.
const GUARDED = new Set(['=', '+', '-', '@', '\t', '\r']);

function unguardFormulas(cells: string[]): void {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (cell.charCodeAt(0) === 0x27 && GUARDED.has(cell.charAt(1))) cells[i] = cell.slice(1);
  }
}
