/**
 * What a resume must compare besides the flags: what the rows become, where they go. Each case is a folder
 * as a crash after the last outcome leaves it (the journal's `finished` line cut off), then a `--resume`
 * that differs from the first run in one thing only. In-process: `main` against sandboxes here.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, useWorkspaces } from './helpers/run-main.js';

const newSandbox = useSandboxes();
const workspace = useWorkspaces();
const PRESETS_DIR = join(import.meta.dirname, '../../fixtures/presets');
const CSV = 'user_id,name,email\nu1,Ann,u1@example.com\nu2,Bob,u2@example.com\n';

/** A folder as a crash after the last outcome leaves it: `in.csv` imported into `r`, the `finished` line cut off. */
async function crashedImport(args: string[] = []) {
  const sandbox = await newSandbox();
  const space = await workspace();
  await writeFile(join(space.dir, 'in.csv'), CSV);
  const env = targetEnv(sandbox);
  expectExit(await space.run(['in.csv', '--report-dir', 'r', '--yes', ...args], { env }), 0);
  const journal = join(space.dir, 'r', 'journal.jsonl');
  const text = (await readFile(journal, 'utf8')).replace(/^\{"type":"finished".*\n/m, '');
  await writeFile(journal, text);
  return { ...space, sandbox, env, journal, text };
}
describe('--resume compares what the rows become and where they go', () => {
  it("refuses a Mailchimp file read under another name: the file-name rule set every row's unsubscribed", async () => {
    const space = await workspace();
    const name = 'unsubscribed_members_export_1a2b3c.csv';
    await copyFile(join(PRESETS_DIR, name), join(space.dir, name));
    // The same bytes under a name the rule does not match: the resumed rows would be imported as subscribed.
    await copyFile(join(PRESETS_DIR, name), join(space.dir, 'members.csv'));
    const sandbox = await newSandbox();
    const env = targetEnv(sandbox);
    const first = await space.run([name, '--report-dir', 'r', '--yes'], { env });
    expectExit(first, 4);
    const journal = join(space.dir, 'r', 'journal.jsonl');
    const text = (await readFile(journal, 'utf8')).replace(/^\{"type":"finished".*\n/m, '');
    await writeFile(journal, text);

    const renamed = await space.run(['members.csv', '--report-dir', 'r', '--yes', '--resume'], { env });
    expectExit(renamed, 2);
    expect(renamed.stderr).toMatch(/Cannot resume[\s\S]*presetConstants was \{"unsubscribed":"true"\}, now not set/);
    expect(await readFile(journal, 'utf8')).toBe(text);
    // Under its own name it resumes.
    expectExit(await space.run([name, '--report-dir', 'r', '--yes', '--resume'], { env }), 4);
  });

  it('refuses another --api-url: the rows left would go to another account', async () => {
    const { run, journal, text } = await crashedImport();
    const other = await newSandbox();
    const moved = await run(['in.csv', '--report-dir', 'r', '--yes', '--resume'], { env: targetEnv(other) });
    expectExit(moved, 2);
    expect(moved.stderr).toContain(`the API URL was `);
    expect(moved.stderr).toContain(`, now ${other.url}`);
    expect(other.stats().requests).toBe(0);
    expect(await readFile(journal, 'utf8')).toBe(text);
  });

  it("warns before anything is sent when the key is not the first run's (another account at the same URL)", async () => {
    const { run, sandbox, env } = await crashedImport();
    const port = Number(new URL(sandbox.url).port);
    await sandbox.close();
    const otherAccount = await newSandbox({ port, key: 'other-account-key' });
    expect(otherAccount.url).toBe(sandbox.url);
    const resumed = await run(['in.csv', '--report-dir', 'r', '--yes', '--resume'], {
      env: { ...env, HELPCRUNCH_API_KEY: 'other-account-key' },
    });
    expectExit(resumed, 0);
    expect(resumed.stderr).toMatch(/API key is not the one the interrupted run used[\s\S]*another HelpCrunch account/);
    // The same key says nothing.
    const again = await crashedImport();
    const same = await again.run(['in.csv', '--report-dir', 'r', '--yes', '--resume'], { env: again.env });
    expectExit(same, 0);
    expect(same.stderr).not.toMatch(/API key/);
  });

  it('accepts the same options given in another order: a map is compared by its entries, not their order', async () => {
    const { run, env } = await crashedImport(['--map', 'email=email', '--map', 'name=name']);
    const resumed = await run(['in.csv', '--report-dir', 'r', '--yes', '--resume', '--map', 'name=name', '--map', 'email=email'], { env });
    expectExit(resumed, 0);
  });

  it('journals every outcome setting resolved, defaults too; a journal written before that still resumes', async () => {
    const { run, env, journal, text } = await crashedImport();
    const [headerLine = '', ...rest] = text.split('\n');
    const header = JSON.parse(headerLine) as { settings: Record<string, unknown> };
    // A later version whose default differs must find a difference here, not two settings left out.
    expect(header.settings).toMatchObject({
      mode: 'upsert',
      adoptByEmail: false,
      openFields: { custom: [], customRest: false, tags: [], tagsMode: 'add' },
    });
    const { mode: _mode, adoptByEmail: _adopt, openFields: _open, columns: _columns, ...older } = header.settings;
    await writeFile(journal, [JSON.stringify({ ...header, settings: older }), ...rest].join('\n'));
    expectExit(await run(['in.csv', '--report-dir', 'r', '--yes', '--resume'], { env }), 0);
  });

  it('refuses a file another version maps otherwise: the columns each field was read from are journalled', async () => {
    const { run, env, journal, text } = await crashedImport();
    const [headerLine = '', ...rest] = text.split('\n');
    const header = JSON.parse(headerLine) as { settings: Record<string, unknown> };
    expect(header.settings.columns).toEqual({ user_id: 'user_id', name: 'name', email: 'email' });
    // As a version whose aliases did not know `name` would have journalled it: its rows had no name.
    const older = { ...header, settings: { ...header.settings, columns: { user_id: 'user_id', email: 'email' } } };
    const edited = [JSON.stringify(older), ...rest].join('\n');
    await writeFile(journal, edited);
    const refused = await run(['in.csv', '--report-dir', 'r', '--yes', '--resume'], { env });
    expectExit(refused, 2);
    expect(refused.stderr).toMatch(/Cannot resume[\s\S]*columns was \{"user_id":"user_id","email":"email"\}, now/);
    expect(await readFile(journal, 'utf8')).toBe(edited);
  });
});
