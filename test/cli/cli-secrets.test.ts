/**
 * The API key given through HELPCRUNCH_API_KEY never appears in anything a run leaves behind: stdout
 * (summary or --json), stderr (progress, warnings, errors, --debug) or any file of the report. A rejected
 * key is checked through the real process: test/e2e/key-never-printed.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTACTS, expectExit, expectNoStack, useWorkspaces } from './helpers/run-main.js';
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

// The key is redacted wherever it occurs, so a short one ("Chec[redacted] --api-url") would garble every
// line; it is refused before it is learnt, and the refusal itself reads whole.
describe('an API key shorter than 8 characters is refused (exit 2), in a message it does not garble', () => {
  it('from HELPCRUNCH_API_KEY', async () => {
    const { dir, run } = await workspace();
    const result = await run([CONTACTS, '--report-dir', 'r'], {
      env: { HELPCRUNCH_API_KEY: 'e', HELPCRUNCH_API_URL: 'http://127.0.0.1:9/v1' },
    });
    expectExit(result, 2);
    expectNoStack(result);
    expect(result.stderr).toContain('The API key from HELPCRUNCH_API_KEY is 1 character long; hc-import needs at least 8.');
    expect(result.stderr).toContain('Public API');
    expect(result.stderr).not.toContain('[redacted]');
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('from --api-key-file, naming the file', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'hc.key'), 'the\n', { mode: 0o600 });
    const result = await run([CONTACTS, '--dry-run', '--api-key-file', 'hc.key', '--report-dir', 'r']);
    expectExit(result, 2);
    expect(result.stderr).toContain('The API key from the file hc.key is 3 characters long; hc-import needs at least 8.');
    expect(result.stderr).not.toContain('[redacted]');
  });

  it('a 7-character key in the environment, with --json: the error document reads whole', async () => {
    const { run } = await workspace();
    const result = await run([CONTACTS, '--json'], { env: { HELPCRUNCH_API_KEY: 'hc-impo' } });
    expectExit(result, 2);
    const body = JSON.parse(result.stdout) as { error: { code: string; message: string }; exitCode: number };
    expect(body).toMatchObject({ exitCode: 2, error: { code: 'HCI_CONFIG' } });
    expect(body.error.message).toContain('is 7 characters long');
    expect(result.stdout + result.stderr).not.toContain('[redacted]');
  });

  it('sandbox --key of fewer than 8 characters', { timeout: 5000 }, async () => {
    const { run } = await workspace();
    const result = await run(['sandbox', '--port', '0', '--key', 'ci-key']);
    expectExit(result, 2);
    expect(result.stderr).toContain('at least 8 characters');
  });

  it('an 8-character key is taken', async () => {
    const { run } = await workspace();
    const sandbox = await sandboxFor({ key: 'k8-chars' });
    const result = await run([CONTACTS, '--fail-on', 'none', '--report-dir', 'r', '--rate', '100000'], { env: targetEnv(sandbox) });
    expectExit(result, 0);
  });
});
