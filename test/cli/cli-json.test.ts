/**
 * `--json`: stdout is exactly one JSON document, for summaries and for errors alike, so a script can
 * `JSON.parse` the whole of it; warnings and progress stay on stderr.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { CONTACTS, expectExit, expectNoStack, fixture, useWorkspaces, type CliResult } from './helpers/run-main.js';
import { expectReconciled, readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();

interface ErrorDocument {
  error: { code: string; message: string; hint: string | null };
  exitCode: number;
}

/** The whole of stdout must parse as one JSON document. */
const parseStdout = <T>(result: CliResult): T => JSON.parse(result.stdout) as T;

describe('--json summaries', () => {
  it('a dry run: one document equal to summary.json, counts that reconcile, warnings on stderr only', async () => {
    const { dir, run } = await workspace();
    const result = await run([CONTACTS, '--dry-run', '--json', '--report-dir', 'r']);
    expectExit(result, 4);
    const printed = parseStdout<Summary>(result);
    expect(printed.schemaVersion).toBe(1);
    expect(printed).toMatchObject({ mode: 'dry-run', status: 'finished', exitCode: 4 });
    expectReconciled(printed);
    expect(printed.counts.rejected).toBeGreaterThan(0);
    expect(printed.counts.duplicates).toBeGreaterThan(0);
    expect(printed).toEqual(await readSummary(join(dir, 'r')));
    expect(result.stderr).toContain('warning:');
  });

  it('--sandbox: the sandbox note does not break the document', async () => {
    const { dir, run } = await workspace();
    const result = await run([CONTACTS, '--sandbox', '--json', '--fail-on', 'none', '--report-dir', 'r']);
    expectExit(result, 0);
    const printed = parseStdout<Summary>(result);
    expect(printed).toMatchObject({ schemaVersion: 1, mode: 'apply', status: 'finished', exitCode: 0 });
    expectReconciled(printed);
    const { valid, created, updated, unchanged, failed } = printed.counts;
    expect(valid).toBe(created + updated + unchanged + failed);
    expect(printed.counts).toEqual((await readSummary(join(dir, 'r'))).counts);
  });

  it('a keyed dry run against a sandbox: the plan is in the document, nothing is written', async () => {
    const { run } = await workspace();
    const sandbox = await sandboxFor();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--json', '--report-dir', 'r'], { env: targetEnv(sandbox) });
    expectExit(result, 0);
    const printed = parseStdout<Summary>(result);
    expect(printed.plan).toMatchObject({ create: 3, update: 0, unchanged: 0 });
    expect(printed.counts).toMatchObject({ rows: 3, valid: 3, created: 0 });
    expect(sandbox.customers()).toEqual([]);
  });
});

describe('--json errors: still exactly one document, with the exit code', () => {
  it.each([
    { what: 'an unknown option', args: ['--bogus'], exitCode: 2, code: 'HCI_USAGE', says: '--bogus' },
    { what: 'a bad option value', args: ['--fail-on', 'sometimes'], exitCode: 2, code: 'HCI_USAGE', says: 'sometimes' },
    { what: 'no API key', args: [], exitCode: 2, code: 'HCI_NO_API_KEY', says: 'No HelpCrunch API key' },
    { what: 'a missing file', args: ['--dry-run'], file: 'nope.csv', exitCode: 3, code: 'HCI_INPUT_NOT_FOUND', says: 'nope.csv' },
    {
      what: 'a missing column',
      args: ['--dry-run'],
      file: fixture('missing-email-column.csv'),
      exitCode: 3,
      code: 'HCI_MISSING_COLUMN',
      says: 'email',
    },
  ])('$what', async ({ args, file, exitCode, code, says }) => {
    const { run } = await workspace();
    const result = await run([file ?? fixture('bom-utf8.csv'), '--json', ...args]);
    expectExit(result, exitCode);
    expectNoStack(result);
    const printed = parseStdout<ErrorDocument>(result);
    expect(printed.exitCode).toBe(exitCode);
    expect(printed.error.code).toBe(code);
    expect(printed.error.message).toContain(says);
  });
});
