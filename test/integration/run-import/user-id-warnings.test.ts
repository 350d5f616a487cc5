/**
 * user_ids are sent exactly as written; the ones that may not match what a site sends (not in NFC, or a
 * letter-case variant of an earlier one) are listed in user-id-warnings.csv and counted in the summary,
 * and a control character in a field is a reject. Runs `runImport` against the in-process sandbox.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvOf, expectReconciled, useImportHarness } from './harness.js';

const harness = useImportHarness();

const NFD_JOSE = 'jose\u0301';

async function warningsFile(reportDir: string): Promise<Record<string, string>[]> {
  return parse(await readFile(join(reportDir, 'user-id-warnings.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

describe('runImport: user_ids as written, surprises made visible', () => {
  it('imports an NFD id and case variants as written, lists them, and rejects an ESC in a name', async () => {
    const sandbox = await harness.sandbox();
    const csv = csvOf(
      ['user_id', 'name', 'email'],
      [
        ['Abc', 'Ann', 'ann@example.com'],
        [NFD_JOSE, 'José', 'jose@example.com'],
        ['u-9', 'Red\u001B[31m Alert', 'red@example.com'],
        ['ABC', 'Ann Again', 'ann2@example.com'],
        ['u-1', 'Bo', 'bo@example.com'],
      ],
    );
    const run = await harness.run(sandbox, csv, { config: { failOn: 'none' } });

    expect(run.reports.summary.counts).toMatchObject({ rows: 5, valid: 4, rejected: 1, created: 4 });
    expect(
      sandbox
        .customers()
        .map((customer) => customer.userId)
        .sort(),
    ).toEqual(['ABC', 'Abc', NFD_JOSE, 'u-1'].sort());
    expect(run.reports.rejects).toEqual([
      expect.objectContaining({
        user_id: 'u-9',
        _line: '4',
        _reason_code: 'invalid_characters',
        _reason: expect.stringContaining('(\\u001B)'),
      }),
    ]);
    expect(await warningsFile(run.reportDir)).toEqual([
      { _line: '3', user_id: NFD_JOSE, _warning_code: 'user_id_not_nfc', _detail: expect.stringContaining('"jose\\u0301"') },
      { _line: '5', user_id: 'ABC', _warning_code: 'user_id_case_variant', _detail: 'differs only in letter case from "Abc" on line 2' },
    ]);
    const warnings = run.reports.summary.warnings;
    const where = join(run.reportDir, 'user-id-warnings.csv');
    expect(warnings.find((w) => w.code === 'user_id_not_nfc')?.message).toMatch(
      /^1 user_id is not in Unicode NFC, e.g. "jose\\u0301" \(line 3\)/,
    );
    expect(warnings.find((w) => w.code === 'user_id_case_variant')?.message).toContain(`"ABC" (line 5) vs "Abc" on line 2`);
    for (const warning of warnings.filter((w) => w.code.startsWith('user_id_'))) expect(warning.message).toContain(where);
    expectReconciled(run, sandbox);
  });

  it('names the earlier spelling in an offline dry run too, and writes the file with its header when all is well', async () => {
    const sandbox = await harness.sandbox();
    const variants = csvOf(
      ['user_id', 'name', 'email'],
      [
        ['X1', 'A', 'a@example.com'],
        ['x1', 'B', 'b@example.com'],
      ],
    );
    const dry = await harness.run(sandbox, variants, { target: null, config: { dryRun: true, failOn: 'none' } });
    expect(await warningsFile(dry.reportDir)).toEqual([
      expect.objectContaining({ _line: '3', _detail: 'differs only in letter case from "X1" on line 2' }),
    ]);

    const plain = csvOf(['user_id', 'name', 'email'], [['u-1', 'A', 'a@example.com']]);
    const clean = await harness.run(sandbox, plain, { config: { failOn: 'none' } });
    expect(await readFile(join(clean.reportDir, 'user-id-warnings.csv'), 'utf8')).toBe('\uFEFF_line,user_id,_warning_code,_detail\r\n');
    expect(clean.reports.summary.warnings).toEqual([]);
  });
});
