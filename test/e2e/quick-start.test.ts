/**
 * The quick start through the built binary, as a user's shell runs it: `npm run demo` is this command on
 * the sample file, into a sandbox the process starts itself.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSummary } from '../helpers/report-reader.js';
import { CONTACTS, expectExit, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();

describe('--sandbox (the demo)', () => {
  it('--fail-on none exits 0 (what `npm run demo` runs)', async () => {
    const { dir, run } = await workspace();
    const result = await run([CONTACTS, '--sandbox', '--fail-on', 'none', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).toMatch(/Import finished: .*contacts\.csv\n/);
    expect(result.stdout).toMatch(/sandbox now holds \d+ customers/);
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.exitCode).toBe(0);
    expect(summary.counts.rejected + summary.counts.duplicates).toBeGreaterThan(0);
  });
});
