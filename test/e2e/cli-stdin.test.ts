/**
 * `-` through a real process: the binary reads its own stdin (the bin's wiring of process.stdin), and spools
 * it under the TMPDIR of its environment. In-process: test/cli/cli-working-dir.test.ts.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { column, readReportCsv, readSummary } from '../helpers/report-reader.js';
import { expectExit, fixture, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();

describe('standard input', () => {
  it('`-` reads stdin (spooled to a private temp file that is removed afterwards)', async () => {
    const { dir, run } = await workspace();
    const spool = join(dir, 'tmp');
    await mkdir(spool);
    const result = await run(['-', '--dry-run', '--report-dir', 'r'], {
      stdin: await readFile(fixture('ragged-rows.csv')),
      env: { TMPDIR: spool },
    });
    expectExit(result, 4);
    expect(result.stdout).toContain('Dry run: stdin');
    expect(result.stdout).toContain('rows 4: 2 valid, 2 rejected, 0 duplicates');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.input.path).toBe('stdin');
    expect(column(await readReportCsv(join(dir, 'r'), 'rejects.csv'), '_line')).toEqual(['3', '4']);
    expect(await readdir(spool), 'the spooled copy of stdin is removed').toEqual([]);
  });
});
