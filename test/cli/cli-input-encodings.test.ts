/**
 * Issue 2 in-process, encodings and line ends: each fixture through `main` (`--dry-run`
 * without a key), checking stdout, stderr and the report; non-ASCII names are also imported into an
 * in-process sandbox and read back, since a name decoded wrongly is only visible in what was sent.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, expectNoStack, fixture, useWorkspaces } from './helpers/run-main.js';
import { column, readReportCsv, readSummary } from '../helpers/report-reader.js';
import type { Sandbox } from '../../src/sandbox/start-sandbox.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();
const HEADERS = ['user_id', 'name', 'email', 'phone', 'company'];
const FAST = ['--rate', '60000'];
/** What the sandbox holds, by user_id (creates run concurrently, so ids are in no fixed order). */
const namesIn = (sandbox: Sandbox): string[][] =>
  sandbox
    .customers()
    .map((c) => [c.userId ?? '', c.name ?? '', c.company ?? ''])
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));

describe('encodings and line ends (--dry-run, no key)', () => {
  it('UTF-8 with BOM: the BOM never reaches the first header', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).toContain('rows 3: 3 valid, 0 rejected, 0 duplicates');
    expect(result.stderr).not.toContain('warning');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.input.headers).toEqual(HEADERS);
    expect(summary.input.encoding).toBe('utf-8-bom');
    expect(summary.input.mapping).toMatchObject({ user_id: 'user_id', name: 'name', email: 'email' });
    expect(summary).toMatchObject({ mode: 'dry-run', status: 'finished', exitCode: 0, counts: { rows: 3, valid: 3 } });
    expect((await readReportCsv(join(dir, 'r'), 'rejects.csv')).header[0]).toBe('user_id');
    expect(existsSync(join(dir, 'r', 'results.csv')), 'a dry run writes no results.csv').toBe(false);
  });

  it('CRLF with Excel-style headers: no CR in any header, every header recognised', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('crlf.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).toContain('rows 3: 3 valid, 0 rejected, 0 duplicates');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.input.headers).toEqual(['User ID', 'Name', 'E-mail', 'Phone', 'Company']);
    expect(summary.input.mapping).toEqual({ user_id: 'User ID', name: 'Name', email: 'E-mail', phone: 'Phone', company: 'Company' });
    expect(summary.input.unmappedHeaders).toEqual([]);
    expect((await readReportCsv(join(dir, 'r'), 'duplicates.csv')).header).toEqual([
      'User ID',
      'Name',
      'E-mail',
      'Phone',
      'Company',
      '_line',
      '_kept_line',
    ]);
  });

  it('semicolons and Windows-1252: a warning names the encoding, accents and curly quotes survive into the report', async () => {
    const { dir, run } = await workspace();
    const bytes = Buffer.concat([
      await readFile(fixture('semicolon-windows-1252.csv')),
      Buffer.from('u3004;Ren\xe9e O', 'latin1'),
      Buffer.from([0x92]), // ’ in Windows-1252
      Buffer.from('Hara;renee@;;Caf\xe9\r\n', 'latin1'),
    ]);
    await writeFile(join(dir, 'excel.csv'), bytes);
    const result = await run(['excel.csv', '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stderr).toMatch(/warning: .*not valid UTF-8.*Windows-1252/);
    expectNoStack(result);
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.input).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headers: HEADERS });
    expect(summary.warnings.map((w) => w.code)).toContain('encoding_fallback');
    expect(summary.counts).toMatchObject({ rows: 4, valid: 3, rejected: 1 });
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    expect(rejects.rows).toEqual([
      expect.objectContaining({ user_id: 'u3004', name: 'Renée O’Hara', company: 'Café', _line: '5', _reason_code: 'invalid_email' }),
    ]);
  });

  it('semicolons and Windows-1252: the names reach HelpCrunch correctly decoded', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor();
    const result = await run([fixture('semicolon-windows-1252.csv'), '--report-dir', 'r', ...FAST], { env: targetEnv(sandbox) });
    expectExit(result, 0);
    expect(result.stderr).toContain('Windows-1252');
    expect(namesIn(sandbox)).toEqual([
      ['u3001', 'François Dupont', 'Société Générale'],
      ['u3002', 'Jürgen Müller', 'Müller & Söhne GmbH'],
      ['u3003', 'Siobhán O’Brien', 'Café “Zoë”'],
    ]);
    expect(column(await readReportCsv(join(dir, 'r'), 'results.csv'), 'action')).toEqual(['created', 'created', 'created']);
  });

  it.each([
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
  ])('%s is read as %s, in a dry run and into HelpCrunch', async (name, encoding) => {
    const { dir, run } = await workspace();
    const dry = await run([fixture(name), '--dry-run', '--report-dir', 'dry']);
    expectExit(dry, 0);
    expect(dry.stdout).toContain('rows 2: 2 valid, 0 rejected, 0 duplicates');
    expect(dry.stderr).not.toContain('warning');
    expect((await readSummary(join(dir, 'dry'))).input).toMatchObject({ encoding, delimiter: ',', headers: HEADERS });

    const sandbox = await sandboxFor();
    const applied = await run([fixture(name), '--report-dir', 'apply', ...FAST], { env: targetEnv(sandbox) });
    expectExit(applied, 0);
    expect(namesIn(sandbox)).toEqual([
      ['u5001', 'Ünal Yılmaz', 'Koç Holding'],
      ['u5002', '山田 太郎', '山田商事'],
    ]);
  });
});
