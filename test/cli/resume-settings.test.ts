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
});
