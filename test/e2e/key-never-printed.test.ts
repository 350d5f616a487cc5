/**
 * The API key never appears in what the built binary prints or leaves behind, through a real process
 * (whatever Node itself prints on stderr included), on the path most likely to show it: a rejected key
 * with --json and --debug (stacks and causes). The other paths are checked in-process: test/cli/cli-secrets.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectKeyNowhere, TEST_KEY as KEY } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, fixture, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();

describe('the API key never appears in output or reports', () => {
  it('a rejected key, with --json and --debug', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ key: 'another-key' });
    const result = await run([fixture('bom-utf8.csv'), '--report-dir', 'r', '--json', '--debug'], { env: targetEnv(sandbox, KEY) });
    expectExit(result, 5);
    const printed = JSON.parse(result.stdout) as { status: string; error: { code: string } };
    expect(printed).toMatchObject({ status: 'stopped', error: { code: 'HCI_AUTH_REJECTED' } });
    expect(result.stderr).toContain('rejected the API key');
    await expectKeyNowhere(result, join(dir, 'r'));
  });
});
