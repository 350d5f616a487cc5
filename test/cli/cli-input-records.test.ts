/**
 * Issue 2 in-process (`main`), records and input errors: line numbers across quoted line breaks, ragged rows,
 * spreadsheet-mangled ids, leading zeros, and the inputs that stop a run before its report (exit 3).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, expectNoStack, fixture, useWorkspaces } from './helpers/run-main.js';
import { readReportCsv, readSummary } from '../helpers/report-reader.js';

const workspace = useWorkspaces();

describe('records', () => {
  it('quoted line breaks: rejects after them carry the physical line where their record starts', async () => {
    const { dir, run } = await workspace();
    // The fixture's records start on lines 2, 4, 5 and 9; these follow on 10, 11 (two lines), 13 and 14.
    const extra =
      'u6005,Bad Mail,not-an-email,,X\nu6006,,no.name@example.com,,"Multi\nline"\nu6007,Ok,ok@example.com,,Y\nu6008,Bad,bad@,,Z\n';
    await writeFile(join(dir, 'in.csv'), (await readFile(fixture('quoted-newlines.csv'), 'utf8')) + extra);
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stdout).toContain('rows 8: 3 valid, 5 rejected, 0 duplicates');
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    // A line break inside a single-line field (the fixture's company of line 2, name of line 5) is a reject.
    expect(rejects.rows.map((row) => [row._line, row.user_id, row._reason_code])).toEqual([
      ['2', 'u6001', 'invalid_characters'],
      ['5', 'u6003', 'invalid_characters'],
      ['10', 'u6005', 'invalid_email'],
      ['11', 'u6006', 'missing_name'],
      ['14', 'u6008', 'invalid_email'],
    ]);
    expect(rejects.rows[3]?.company).toBe('Multi\nline');
  });

  it('the fixture alone: multi-line values are one record each, rejected as invalid_characters', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('quoted-newlines.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.counts).toMatchObject({ rows: 4, valid: 2, rejected: 2 });
    const rejects = (await readReportCsv(join(dir, 'r'), 'rejects.csv')).rows;
    expect(rejects.map((row) => [row._line, row._reason_code])).toEqual([
      ['2', 'invalid_characters'],
      ['5', 'invalid_characters'],
    ]);
  });

  it('ragged rows are malformed_record rejects; the surplus cells go to _extra; the run goes on', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('ragged-rows.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stdout).toContain('reject reasons: malformed_record 2');
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    expect(rejects.header).toEqual(['user_id', 'name', 'email', 'phone', 'company', '_line', '_reason_code', '_reason', '_extra']);
    expect(rejects.rows).toEqual([
      expect.objectContaining({
        user_id: 'u7002',
        _line: '3',
        _reason_code: 'malformed_record',
        _reason: 'has 4 fields but the header has 5',
        _extra: '',
      }),
      // The phone starts with "+": guarded with ' so a spreadsheet does not run it.
      expect.objectContaining({
        user_id: 'u7003',
        phone: "'+1 212 555 0199",
        company: 'Globex',
        _line: '4',
        _reason_code: 'malformed_record',
        _extra: ' Inc.',
      }),
    ]);
    expect((await readSummary(join(dir, 'r'))).counts).toMatchObject({ rows: 4, valid: 2, rejected: 2, duplicates: 0 });
  });

  it('user_ids in scientific notation are rejected, the intact one next to them is kept', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('scientific-notation.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stdout).toContain('user_id_scientific_notation 2');
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    expect(rejects.rows.map((row) => [row._line, row.user_id, row._reason_code])).toEqual([
      ['2', '1.23457E+11', 'user_id_scientific_notation'],
      ['4', '9.87654E+15', 'user_id_scientific_notation'],
    ]);
    expect(rejects.rows[0]?._reason).toMatch(/re-export the column as text/);
    expect((await readSummary(join(dir, 'r'))).reasons).toEqual({ user_id_scientific_notation: 2 });
  });

  it('leading zeros are kept: an apply via --sandbox reports 007 and 000123, not 7 and 123', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), `${await readFile(fixture('leading-zeros.csv'), 'utf8')}007,James Bond,jb@example.com,007,MI6\n`);
    const result = await run(['in.csv', '--sandbox', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).toContain('4 created, 0 updated, 0 unchanged, 0 failed');
    const results = await readReportCsv(join(dir, 'r'), 'results.csv');
    expect(results.header).toEqual(['_line', 'user_id', 'action', 'helpcrunch_id']);
    expect(results.rows.map((row) => [row._line, row.user_id, row.action]).sort()).toEqual([
      ['2', '000123', 'created'],
      ['3', '0042', 'created'],
      ['4', '00000', 'created'],
      ['5', '007', 'created'],
    ]);
    expect((await readReportCsv(join(dir, 'r'), 'failures.csv')).rows).toEqual([]);
  });
});

describe('inputs that stop the run (exit 3)', () => {
  it('an empty file: exit 3, one line on stderr, no report', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('empty.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 3);
    expect(result.stderr).toMatch(/^hc-import: the input file is empty\nhint: /);
    expect(result.stdout).toBe('');
    expectNoStack(result);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('a header and no rows: exit 0, rows 0, a "no data rows" warning, empty reports', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('header-only.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).toContain('rows 0: 0 valid, 0 rejected, 0 duplicates');
    expect(result.stdout).toContain('warning: the input has a header but no data rows');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.warnings.map((warning) => warning.code)).toEqual(['no_data_rows']);
    expect(summary).toMatchObject({ status: 'finished', exitCode: 0, counts: { rows: 0, valid: 0, rejected: 0, duplicates: 0 } });
    expect((await readReportCsv(join(dir, 'r'), 'rejects.csv')).rows).toEqual([]);
    expect((await readReportCsv(join(dir, 'r'), 'duplicates.csv')).rows).toEqual([]);
  });

  it('a missing required column: exit 3 naming the field and listing the headers found', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('missing-email-column.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 3);
    expect(result.stderr).toContain('no column for email');
    expect(result.stderr).toContain('"user_id", "name", "phone", "company"');
    expect(result.stderr).toContain('--map email=');
    expectNoStack(result);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('a file that does not exist: exit 3 naming it', async () => {
    const { dir, run } = await workspace();
    const result = await run(['no-such.csv', '--dry-run']);
    expectExit(result, 3);
    expect(result.stderr).toContain('not found: no-such.csv');
    expect(result.stdout).toBe('');
    expectNoStack(result);
    expect(existsSync(join(dir, 'hc-import-report'))).toBe(false);
  });
});
