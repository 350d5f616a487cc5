/**
 * Turning cells into one line of a report CSV: RFC 4180 quoting, and the spreadsheet formula guard.
 * Report files are opened in Excel by people fixing rows, so a cell that a spreadsheet would run as a
 * formula is prefixed with `'`; the input reader removes that prefix again on re-import.
 */

// `'`s before a formula character are guarded too, so the reader's removing one `'` gives back a value
// that itself began with `'=` exactly.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes a cell that a spreadsheet would execute with `'`. */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One CSV line (CRLF-terminated, as RFC 4180 and Excel expect) with every cell guarded and quoted. */
export function toCsvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => quote(guardFormula(cell))).join(',')}\r\n`;
}
