/**
 * The input decides per evidence and keeps what it reads exactly: one bad byte does not turn a UTF-8 file
 * into Windows-1252, a lone CR ends a row as an editor shows it, and a `'` is removed only from hc-import's
 * own reports. Runs `runImport` against the in-process sandbox.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src/core/run-import.js';
import { csvOf, expectReconciled, readReports, useImportHarness } from './harness.js';

const harness = useImportHarness();

describe('runImport: the input as written', () => {
  it('stores a UTF-8 name intact and rejects the one row holding a Windows-1252 byte', async () => {
    const sandbox = await harness.sandbox();
    const rows = Array.from({ length: 50 }, (_, i) => `u-${i},Name ${i},n${i}@example.com\n`).join('');
    const bytes = Buffer.concat([
      Buffer.from(`user_id,name,email\nu-jm,José Müller,jose@example.com\n${rows}`),
      Buffer.from('u-cafe,Caf\xe9 Owner,cafe@example.com\n', 'latin1'), // line 53
    ]);
    const prepared = await harness.prepare(sandbox, '', { config: { failOn: 'none' } });
    await writeFile(prepared.inputPath, bytes);
    const result = await runImport(prepared.config, prepared.deps);
    const reports = await readReports(prepared.reportDir);

    expect(result.exitCode).toBe(0);
    expect(reports.summary.input.encoding).toBe('utf-8');
    expect(reports.summary.warnings).toEqual([]);
    expect(reports.summary.counts).toMatchObject({ rows: 52, valid: 51, rejected: 1, created: 51 });
    expect(reports.summary.reasons).toEqual({ invalid_encoding: 1 });
    expect(reports.rejects).toEqual([
      expect.objectContaining({ user_id: 'u-cafe', name: 'Caf\\xE9 Owner', _line: '53', _reason_code: 'invalid_encoding' }),
    ]);
    const stored = new Map(sandbox.customers().map((customer) => [customer.userId, customer]));
    expect(stored.get('u-jm')?.name).toBe('José Müller');
    expect(stored.has('u-cafe')).toBe(false);
    expectReconciled({ ...result, reports, events: prepared.events, reportDir: prepared.reportDir }, sandbox);
  });

  it('counts two rows where a lone CR separates them, and numbers the lines as an editor does', async () => {
    const sandbox = await harness.sandbox();
    const csv = 'user_id,name,email\nu-1,Ann,ann@example.com\ru-2,Bo,not-an-email\nu-3,Cy,cy@example.com\n';
    const run = await harness.run(sandbox, csv, { config: { failOn: 'none' } });

    expect(run.reports.summary.counts).toMatchObject({ rows: 3, valid: 2, rejected: 1, created: 2 });
    expect(run.reports.rejects).toEqual([expect.objectContaining({ user_id: 'u-2', _line: '3', _reason_code: 'invalid_email' })]);
    expect(
      sandbox
        .customers()
        .map((customer) => customer.userId)
        .sort(),
    ).toEqual(['u-1', 'u-3']);
    expectReconciled(run, sandbox);
  });

  it("keeps a user_id's leading ' from a plain file, and a fixed rejects.csv imports the ids it was given", async () => {
    const sandbox = await harness.sandbox();
    const rows = [
      ["'=7", 'Gil', 'gil@example.com'],
      ['=8', 'Ida', 'ida@'],
      ["'=9", 'Jo', 'jo@'],
    ];
    const first = await harness.run(sandbox, csvOf(['user_id', 'name', 'email'], rows), { config: { failOn: 'none' } });
    expect(first.reports.rejects.map((row) => row['_reason_code'])).toEqual(['invalid_email', 'invalid_email']);

    const rejectsPath = join(first.reportDir, 'rejects.csv');
    const fixed = (await readFile(rejectsPath, 'utf8')).replace(',ida@,', ',ida@example.com,').replace(',jo@,', ',jo@example.com,');
    const again = await harness.prepare(sandbox, '', { config: { failOn: 'none' } });
    await writeFile(again.inputPath, fixed);
    await runImport(again.config, again.deps);

    const ids = sandbox
      .customers()
      .map((customer) => customer.userId)
      .sort();
    expect(ids).toEqual(["'=7", "'=9", '=8']);
  });
});
