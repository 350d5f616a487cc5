/**
 * Issue 2 in-process (`main`), the remaining fixtures: delimiters, `sep=` lines, blank and empty rows (imported
 * via `--sandbox`, so results.csv shows each row's physical line), and broken quoting (rejected, the run
 * goes on).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, fixture, useWorkspaces } from './helpers/run-main.js';
import { column, readReportCsv, readSummary } from '../helpers/report-reader.js';

const workspace = useWorkspaces();

describe('layouts that import cleanly (via --sandbox)', () => {
  it.each([
    { name: 'excel-sep-line.csv', delimiter: ';', lines: ['3', '4'], warnings: [] },
    { name: 'tab-delimited.tsv', delimiter: '\t', lines: ['2', '3'], warnings: [] },
    { name: 'pipe-delimited.csv', delimiter: '|', lines: ['2', '3'], warnings: [] },
    { name: 'blank-lines.csv', delimiter: ',', lines: ['3', '6', '8'], warnings: [] },
    { name: 'empty-rows.csv', delimiter: ',', lines: ['2', '4'], warnings: ['empty_records'] },
  ])('$name: delimiter $delimiter, results on lines $lines', async ({ name, delimiter, lines, warnings }) => {
    const { dir, run } = await workspace();
    const result = await run([fixture(name), '--sandbox', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).toContain(`rows ${lines.length}: ${lines.length} valid, 0 rejected, 0 duplicates`);
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.input).toMatchObject({ delimiter, headers: ['user_id', 'name', 'email', 'phone', 'company'] });
    expect(summary.warnings.map((warning) => warning.code)).toEqual(warnings);
    const results = await readReportCsv(join(dir, 'r'), 'results.csv');
    expect(column(results, '_line').sort()).toEqual(lines);
    expect(new Set(column(results, 'action'))).toEqual(new Set(['created']));
    expect((await readReportCsv(join(dir, 'r'), 'rejects.csv')).rows).toEqual([]);
  });

  it('empty-rows.csv: the skipped rows are a warning on stderr', async () => {
    const { run } = await workspace();
    const result = await run([fixture('empty-rows.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stderr).toContain('warning: 3 records with only empty cells skipped');
  });
});

describe('broken quoting: the record is rejected, the rest imports', () => {
  it('an undoubled quote inside a quoted name (broken-quote.csv, line 3)', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('broken-quote.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stdout).toContain('rows 3: 2 valid, 1 rejected, 0 duplicates');
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    expect(rejects.rows).toEqual([expect.objectContaining({ user_id: 'u8002', _line: '3', _reason_code: 'malformed_record' })]);
    expect(rejects.rows[0]?._reason).toMatch(/must be doubled/);
  });

  it('a quote never closed (unclosed-quote.csv, line 4) swallows the rest of the file into one reject', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('unclosed-quote.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect((await readSummary(join(dir, 'r'))).counts).toMatchObject({ rows: 3, valid: 2, rejected: 1 });
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    expect(rejects.rows).toEqual([expect.objectContaining({ user_id: 'u8103', _line: '4', _reason_code: 'malformed_record' })]);
    expect(rejects.rows[0]?._reason).toMatch(/quote opened on line 4 is never closed/);
    expect(rejects.rows[0]?.company).toContain('u8105,Lena Berg');
  });
});
