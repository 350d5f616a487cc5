/**
 * What the summary and the progress lines quote from the file (headers) or from HelpCrunch (a stored name,
 * which a visitor may have typed into the chat widget; a server's error message) reaches the terminal with
 * its control characters escaped: an ESC sequence in a stored name must not clear the screen or retitle the
 * window of the person running the import. Colors are off here (NO_COLOR), so any ESC would be the data's.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, useWorkspaces } from './helpers/run-main.js';

const newSandbox = useSandboxes();
const workspace = useWorkspaces();

const EVIL = 'Evil\u001b[2J\u001b]0;pwned\u0007\u009b31m';

describe('control characters from the file or HelpCrunch', () => {
  it('are shown escaped in the summary and on stderr, never sent to the terminal', async () => {
    const sandbox = await newSandbox({ customers: [{ userId: 'u1', name: EVIL, email: 'u1@example.com' }] });
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), `user_id,name,email,Pl\u001b[31man\nu1,Good Name,u1@example.com,x\n`);
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r', '--fail-on', 'none'], { env: targetEnv(sandbox) });
    expectExit(result, 0);
    expect(result.stdout).toContain('line 2 u1: name "Evil\\x1B[2J\\x1B]0;pwned\\x07\\x9B31m" → "Good Name"');
    expect(result.stdout).toContain('Pl\\x1B[31man');
    expect(result.stderr).toContain('Pl\\x1B[31man');
    for (const output of [result.stdout, result.stderr]) expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
