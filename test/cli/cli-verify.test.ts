/**
 * `hc-import verify` through `main`: read-only, exit 0 when HelpCrunch holds the file, 4 after an agent
 * edited one customer (through the sandbox's HTTP API), with changes.csv saying what an import would change.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHelpCrunchClient } from '../../src/api/helpcrunch-client.js';
import { expectExit, useWorkspaces } from './helpers/run-main.js';
import { readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes, writeRoutes } from '../helpers/sandboxes.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();

const CSV = 'user_id,name,email,company\nu-1,Ann,ann@example.com,Acme\nu-2,Bob,bob@example.com,Globex\nu-3,Cy,cy@example.com,\n';

describe('hc-import verify', () => {
  it('exits 0 after an import, 4 once an agent edited a customer, and writes nothing either time', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor();
    const env = targetEnv(sandbox);
    await writeFile(join(dir, 'contacts.csv'), CSV);
    expectExit(await run(['contacts.csv', '--yes', '--report-dir', 'import'], { env }), 0);

    sandbox.resetStats();
    const held = await run(['verify', 'contacts.csv', '--report-dir', 'verified'], { env });
    expectExit(held, 0);
    expect(held.stdout).toContain('Verify: ');
    expect(held.stdout).toContain('HelpCrunch holds every valid row as the file says.');
    expect(await readSummary(join(dir, 'verified'))).toMatchObject({ mode: 'verify', plan: { create: 0, update: 0, unchanged: 3 } });

    const bob = sandbox.customers().find((customer) => customer.userId === 'u-2');
    const client = createHelpCrunchClient({ baseUrl: sandbox.url, apiKey: sandbox.key });
    await client.batchUpdate([
      { id: bob?.id ?? 0, fields: { userId: 'u-2', name: 'Robert', email: 'bob@example.com', company: 'Globex' } },
    ]);
    await client.close();
    sandbox.resetStats();
    const differs = await run(['verify', 'contacts.csv', '--report-dir', 'after-edit'], { env });
    expectExit(differs, 4);
    expect(differs.stdout).toContain('HelpCrunch differs from the file: 0 missing, 1 different.');
    expect(differs.stdout).toMatch(
      /1 field change planned \(all in .*after-edit\/changes\.csv\), e\.g\.:\n {4}line 3 u-2: name "Robert" → "Bob"/,
    );
    const changes = await readFile(join(dir, 'after-edit', 'changes.csv'), 'utf8');
    expect(changes).toBe('\uFEFF_line,user_id,action,field,before,after\r\n3,u-2,update,name,Robert,Bob\r\n');
    expect(writeRoutes(sandbox)).toEqual([]);
    expect(sandbox.customers().find((customer) => customer.userId === 'u-2')?.name).toBe('Robert');
  });

  it('counts a customer that is missing, and needs a key', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ customers: [{ userId: 'u-1', name: 'Ann', email: 'ann@example.com', company: 'Acme' }] });
    await writeFile(join(dir, 'contacts.csv'), CSV);
    const missing = await run(['verify', 'contacts.csv', '--report-dir', 'v', '--json'], { env: targetEnv(sandbox) });
    expectExit(missing, 4);
    expect(JSON.parse(missing.stdout)).toMatchObject({ mode: 'verify', exitCode: 4, plan: { create: 2, update: 0, unchanged: 1 } });
    const noKey = await run(['verify', 'contacts.csv', '--report-dir', 'w'], { env: { HELPCRUNCH_API_URL: sandbox.url } });
    expectExit(noKey, 2);
    // The import's rehearsals do not fit a check: a dry run sends nothing, a sandbox holds nothing.
    expect(noKey.stderr).toContain('for the account the import wrote to');
    expect(noKey.stderr).not.toContain('--sandbox');
  });

  it('refuses --sandbox: a fresh sandbox holds nothing to check', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'contacts.csv'), CSV);
    const result = await run(['verify', 'contacts.csv', '--sandbox', '--report-dir', 'v']);
    expectExit(result, 2);
    expect(result.stderr).toContain('--sandbox would start an empty one');
  });

  it('ignores --mode, from a flag or the mapping file: a customer an update-only import left out is still missing', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ customers: [{ userId: 'u-1', name: 'Ann', email: 'ann@example.com', company: 'Old' }] });
    const env = targetEnv(sandbox);
    await writeFile(join(dir, 'contacts.csv'), CSV);
    await writeFile(join(dir, 'hc-import.config.json'), JSON.stringify({ mode: 'update-only' }));
    expectExit(await run(['contacts.csv', '--yes', '--report-dir', 'import'], { env }), 0);
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['u-1']);

    const fromFile = await run(['verify', 'contacts.csv', '--report-dir', 'v1', '--json'], { env });
    expectExit(fromFile, 4);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ plan: { create: 2, update: 0, unchanged: 1, skipped: 0 } });

    // create-only: Ann's company an agent changed since is a difference, not a skip.
    const ann = sandbox.customers()[0];
    const client = createHelpCrunchClient({ baseUrl: sandbox.url, apiKey: sandbox.key });
    await client.batchUpdate([{ id: ann?.id ?? 0, fields: { userId: 'u-1', name: 'Ann', email: 'ann@example.com', company: 'Edited' } }]);
    await client.close();
    const createOnly = await run(['verify', 'contacts.csv', '--report-dir', 'v2', '--mode', 'create-only'], { env });
    expectExit(createOnly, 4);
    expect(createOnly.stdout).toContain('HelpCrunch differs from the file: 2 missing, 1 different.');
  });

  it('--help is its own: what it checks, the reading and matching flags it takes, its exit codes', async () => {
    const { run } = await workspace();
    const help = await run(['verify', '--help']);
    expectExit(help, 0);
    expect(help.stdout).toMatch(/^Usage: hc-import verify \[options\] <file>/);
    // The flags that read the file and match its rows, as the import's, and the target and report ones.
    for (const flag of ['--map', '--preset', '--encoding', '--delimiter', '--date-format', '--timezone', '--on-duplicate', '--blanks']) {
      expect(help.stdout).toContain(`  ${flag} `);
    }
    for (const flag of [
      '--tag',
      '--custom',
      '--adopt-by-email',
      '--hash-user-id',
      '--config',
      '--api-url',
      '--report-dir',
      '--fail-on',
      '--json',
    ]) {
      expect(help.stdout).toContain(`  ${flag} `);
    }
    // Not the import's: what only writing takes, and what verify does not apply.
    const options = help.stdout.slice(help.stdout.indexOf('Options:'), help.stdout.indexOf('\n\n', help.stdout.indexOf('Options:')));
    for (const flag of ['--resume', '--sandbox', '--yes', '--dry-run', '--mode']) expect(options).not.toContain(flag);
    expect(help.stdout).not.toContain('to import');
    expect(help.stdout).not.toContain('continue a stopped run');
    expect(help.stdout).toContain('changes.csv');
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0 HelpCrunch holds every valid row[\s\S]*4 an import would still change/);
    expect((await run(['help', 'verify'])).stdout).toBe(help.stdout);
  });
});
