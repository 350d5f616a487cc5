/**
 * `--limit N`: a first trial of a big file. Only the first N valid rows are imported and the file is not
 * read past them; rejects and duplicates met on the way still count, so rows = valid + rejected + duplicates
 * holds for what was read, and the summary says where the file was cut. A resume keeps the same limit.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalState } from '../../src/journal/read-journal.js';
import { differences } from '../../src/journal/resume-check.js';
import { readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, fixture, useWorkspaces } from './helpers/run-main.js';
import { DEFAULT_SETTINGS } from '../helpers/journal-state.js';

const workspace = useWorkspaces();
const sandboxes = useSandboxes();

describe('--limit', () => {
  it('imports only the first N valid rows, counts what was read, and says where the file was cut', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxes();
    const result = await run([fixture('bom-utf8.csv'), '--limit', '2', '--yes', '--report-dir', 'r'], { env: targetEnv(sandbox) });
    expectExit(result, 0);
    expect(result.stdout).toContain('rows 2: 2 valid, 0 rejected, 0 duplicates');
    expect(result.stdout).toContain('--limit 2: the file was cut at line 4');
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['u1001', 'u1002']);
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.counts).toMatchObject({ rows: 2, valid: 2, created: 2 });
    expect(summary.options).toMatchObject({ limit: 2 });
    expect(summary.warnings.map((warning) => warning.code)).toEqual(['limit']);
  });

  it('rejected rows on the way are counted and do not use up the limit', async () => {
    const { run } = await workspace();
    const result = await run([fixture('ragged-rows.csv'), '--dry-run', '--limit', '2', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stdout).toContain('rows 4: 2 valid, 2 rejected, 0 duplicates');
    expect(result.stdout).not.toContain('was cut');
  });

  it('a file of exactly N valid rows is not reported as cut', async () => {
    const { run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--limit', '3', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).not.toContain('was cut');
  });

  it('a resume must keep the limit: given only then, or only now, it differs', () => {
    const settings = DEFAULT_SETTINGS;
    const state = (limit?: number) =>
      ({ header: { inputSha256: 'a', settings: limit === undefined ? settings : { ...settings, limit } } }) as unknown as JournalState;
    expect(differences(state(50), 'a', { ...settings, limit: 50 })).toEqual([]);
    expect(differences(state(50), 'a', settings)).toEqual(['limit was 50, now not set']);
    expect(differences(state(), 'a', { ...settings, limit: 50 })).toEqual(['limit was not set, now 50']);
    expect(differences(state(), 'a', settings)).toEqual([]);
  });

  it('a bad value names the option and what it takes', async () => {
    const { run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--limit', '0']);
    expectExit(result, 2);
    expect(result.stderr).toContain('--limit "0" is not allowed: give a whole number of valid rows, above 0');
  });
});
