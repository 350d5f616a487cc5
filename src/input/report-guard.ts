/**
 * hc-import's report files prefix a cell a spreadsheet would run as a formula with `'` (see
 * report/csv-line.ts). In a report read back (a fixed rejects.csv imported again) that prefix is undone;
 * in any other file a `'` is data like any other character, so a user_id `'=7` stays `'=7`.
 */

/** `_line` plus one of these: the layouts of rejects.csv, duplicates.csv and failures.csv (report/row-reports.ts). */
const REPORT_COLUMNS = ['_reason_code', '_kept_line', '_status'];

/** True when `headers` (trimmed) are those of a row report hc-import wrote. */
export function isOwnReport(headers: readonly string[]): boolean {
  return headers.includes('_line') && REPORT_COLUMNS.some((column) => headers.includes(column));
}

// The writer guards a cell that starts with `'`s and then a formula character, so that a value that
// itself began with `'=` comes back as written: removing one `'` undoes exactly one guard.
const GUARDED = /^'+[=+\-@\t\r]/;

/** Removes the report's `'` guard from each cell that carries one. */
export function unguardFormulas(cells: string[]): void {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (cell.charCodeAt(0) === 0x27 && GUARDED.test(cell)) cells[i] = cell.slice(1);
  }
}
