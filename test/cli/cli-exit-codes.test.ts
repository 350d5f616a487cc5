/**
 * The exit-code contract (README "Exit codes") and usage errors, through `main` in-process: each code it
 * returns (the bin only sets it as process.exitCode), and summary.json's exitCode agreeing with it. Usage
 * errors are one line and a hint, no stack, and no report directory.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, expectNoStack, fixture, useWorkspaces, type CliResult } from './helpers/run-main.js';
import { readReportCsv, readSummary } from '../helpers/report-reader.js';

const workspace = useWorkspaces();

describe('exit codes of finished runs (--dry-run, no key)', () => {
  it.each([
    { name: 'bom-utf8.csv', args: [], code: 0, counts: { valid: 3, rejected: 0, duplicates: 0 } },
    { name: 'ragged-rows.csv', args: [], code: 4, counts: { valid: 2, rejected: 2, duplicates: 0 } },
    { name: 'ragged-rows.csv', args: ['--fail-on', 'any'], code: 4, counts: { valid: 2, rejected: 2, duplicates: 0 } },
    { name: 'ragged-rows.csv', args: ['--fail-on', 'none'], code: 0, counts: { valid: 2, rejected: 2, duplicates: 0 } },
    { name: 'ragged-rows.csv', args: ['--fail-on', 'failures'], code: 4, counts: { valid: 2, rejected: 2, duplicates: 0 } },
    { name: 'duplicate-user-id.csv', args: [], code: 4, counts: { valid: 3, rejected: 0, duplicates: 1 } },
    { name: 'duplicate-user-id.csv', args: ['--fail-on', 'failures'], code: 0, counts: { valid: 3, rejected: 0, duplicates: 1 } },
  ])('$name $args → $code', async ({ name, args, code, counts }) => {
    const { dir, run } = await workspace();
    const result = await run([fixture(name), '--dry-run', '--report-dir', 'r', ...args]);
    expectExit(result, code);
    expect(result.stderr).not.toContain('hc-import:');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.exitCode).toBe(code);
    expect(summary.counts).toMatchObject(counts);
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    const duplicates = await readReportCsv(join(dir, 'r'), 'duplicates.csv');
    expect([rejects.rows.length, duplicates.rows.length]).toEqual([counts.rejected, counts.duplicates]);
  });

  it('without --report-dir the report goes to ./hc-import-report/<UTC time>-<random>/ in the working directory', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run']);
    expectExit(result, 0);
    const reportDir = /report: (.+)\n/.exec(result.stdout)?.[1] ?? '';
    expect(reportDir.startsWith(join(dir, 'hc-import-report'))).toBe(true);
    expect(reportDir).toMatch(/\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f]{6}$/);
    expect((await readSummary(reportDir)).reportDir).toBe(reportDir);
  });
});

/** A usage error: exit 2, nothing on stdout, no stack, no report directory. */
function expectUsageError(result: CliResult, dir: string): void {
  expectExit(result, 2);
  expect(result.stdout).toBe('');
  expectNoStack(result);
  expect(existsSync(join(dir, 'hc-import-report'))).toBe(false);
}

describe('usage and configuration errors (exit 2)', () => {
  it('an unknown option', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--bogus']);
    expectUsageError(result, dir);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it('a bad --on-duplicate value names the allowed ones', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--on-duplicate', 'middle']);
    expectUsageError(result, dir);
    expect(result.stderr).toMatch(/--on-duplicate.*middle.*first, last, reject/);
  });

  it('--api-key is refused: argv lands in shell history', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--api-key', 'x-secret-on-argv']);
    expectUsageError(result, dir);
    expect(result.stderr).toContain('shell history');
    expect(result.stderr).toContain('HELPCRUNCH_API_KEY');
    expect(result.stderr).not.toContain('x-secret-on-argv');
  });

  it('no key and neither --dry-run nor --sandbox: the message names every way on', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv')]);
    expectUsageError(result, dir);
    for (const way of ['HELPCRUNCH_API_KEY', '--api-key-file', '--dry-run', '--sandbox']) expect(result.stderr).toContain(way);
  });

  it('plain http:// to a host that is not loopback', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--api-url', 'http://example.com/v1'], {
      env: { HELPCRUNCH_API_KEY: 'k-123-long-key' },
    });
    expectUsageError(result, dir);
    expect(result.stderr).toContain('http://');
    expect(result.stderr).toContain('example.com');
    expect(result.stderr).not.toContain('k-123-long-key');
  });

  it('--resume without --report-dir', async () => {
    const { dir, run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--resume']);
    expectUsageError(result, dir);
    expect(result.stderr).toContain('--resume needs --report-dir');
  });
});
