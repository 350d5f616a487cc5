/**
 * The API key given through HELPCRUNCH_API_KEY never appears in anything a run leaves behind: stdout
 * (summary or --json), stderr (progress, warnings, errors, --debug) or any file of the report. A rejected
 * key is checked through the real process: test/e2e/key-never-printed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTACTS, expectExit, useWorkspaces } from './helpers/run-main.js';
import { expectKeyNowhere, TEST_KEY as KEY, readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();

describe('the API key never appears in output or reports', () => {
  it('an apply (summary.json names only the target host), then a keyed dry run with --json --debug', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ key: KEY });
    const env = targetEnv(sandbox);

    const applied = await run([CONTACTS, '--fail-on', 'none', '--report-dir', 'apply', '--rate', '100000'], { env });
    expectExit(applied, 0);
    await expectKeyNowhere(applied, join(dir, 'apply'));
    const summary = await readSummary(join(dir, 'apply'));
    expect(summary.options.target).toBe(new URL(sandbox.url).host);
    expect(summary.counts.created).toBe(summary.counts.valid);

    const dry = await run([CONTACTS, '--dry-run', '--json', '--debug', '--report-dir', 'dry'], { env });
    expectExit(dry, 4);
    expect((JSON.parse(dry.stdout) as { plan: { unchanged: number } }).plan.unchanged).toBe(summary.counts.valid);
    await expectKeyNowhere(dry, join(dir, 'dry'));
  });
});
