/**
 * Issue 12, the mapping file through `main` in-process: found in the current directory or named with
 * --config, flags beating it, secrets and unknown keys refused (exit 2), and its values reaching the run
 * as the flags' would (summary.json's mapping and options).
 */
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { expectExit, expectNoStack, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();
const PRESETS = join(import.meta.dirname, '..', '..', 'fixtures', 'presets');
const CSV = 'Ref No,Person,Contact,Plan,Seats\nc-1,Ada Lovelace,ada@example.com,pro,3\nc-2,Bob Stone,bob@example.com,free,1\n';
const CONFIG = {
  $schema: './node_modules/hc-import/schema/hc-import.config.schema.json',
  map: { user_id: 'Ref No', name: 'Person', email: 'Contact' },
  custom: ['Plan=plan', 'Seats=seats:number'],
  tag: ['wave-1'],
  failOn: 'none',
};
const DRY = ['in.csv', '--dry-run', '--report-dir', '-', '--json'];

async function setUp(config: unknown, name = 'hc-import.config.json') {
  const space = await workspace();
  await writeFile(join(space.dir, 'in.csv'), CSV);
  await writeFile(join(space.dir, name), typeof config === 'string' ? config : JSON.stringify(config));
  return space;
}

describe('the mapping file', () => {
  it('hc-import.config.json in the current directory maps the file, and the run says it read it', async () => {
    const { run } = await setUp(CONFIG);
    const result = await run(DRY);
    expectExit(result, 0);
    expect(result.stderr).toContain('hc-import: reading options from hc-import.config.json');
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.input.mapping).toEqual({ user_id: 'Ref No', name: 'Person', email: 'Contact' });
    expect(summary.input.columns.slice(3)).toEqual([
      { header: 'Plan', use: 'custom', property: 'plan', type: 'string' },
      { header: 'Seats', use: 'custom', property: 'seats', type: 'number' },
    ]);
    expect(summary.options).toMatchObject({ failOn: 'none', tag: ['wave-1'], map: ['user_id=Ref No', 'name=Person', 'email=Contact'] });
  });

  it('--config names another file; --no-config ignores the one in the directory', async () => {
    const { dir, run } = await setUp(CONFIG, 'seed.json');
    const named = await run([...DRY, '--config', 'seed.json']);
    expectExit(named, 0);
    expect(named.stderr).not.toContain('reading options from');
    await writeFile(join(dir, 'hc-import.config.json'), JSON.stringify(CONFIG));
    const ignored = await run([...DRY, '--no-config']);
    // Without the file's map, no column is found for user_id: an input error, as for any such file.
    expectExit(ignored, 3);
    expect(ignored.stderr).toMatch(/no column for user_id/);
  });

  it('flags given on the command line win; --map re-points one field and keeps the rest of the file', async () => {
    const { run } = await setUp({ ...CONFIG, map: { ...CONFIG.map, phone: 'Seats' }, custom: [] });
    const result = await run([...DRY, '--fail-on', 'any', '--map', 'phone=Plan', '--tag', 'cli-tag']);
    expectExit(result, 0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.options).toMatchObject({ failOn: 'any', tag: ['cli-tag'] });
    expect(summary.input.mapping).toEqual({ user_id: 'Ref No', name: 'Person', email: 'Contact', phone: 'Plan' });
  });

  it('refuses a secret in the file (exit 2) without printing it', async () => {
    const { run } = await setUp({ ...CONFIG, apiKey: 'file-held-key-123' });
    const result = await run(DRY.filter((arg) => arg !== '--json'));
    expectExit(result, 2);
    expectNoStack(result);
    expect(result.stderr).toMatch(/"apiKey" is refused: secrets are never read from a config file/);
    expect(result.stderr).toMatch(/hint: Secrets come from the environment or a file flag/);
    expect(result.stdout + result.stderr).not.toContain('file-held-key-123');
  });

  it('refuses an unknown key (exit 2), naming it and the allowed keys, also as one JSON document', async () => {
    const { run } = await setUp({ ...CONFIG, onDuplicates: 'last' });
    const result = await run(DRY);
    expectExit(result, 2);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('HCI_USAGE');
    expect(error.message).toMatch(/^hc-import\.config\.json: unknown key "onDuplicates"; the keys are .*onDuplicate/);
  });

  it('a --config file that cannot be read, or is not JSON, is a usage error', async () => {
    const { run } = await setUp('{"map": ', 'broken.json');
    expect((await run([...DRY, '--config', 'missing.json'])).code).toBe(2);
    const broken = await run(['in.csv', '--dry-run', '--config', 'broken.json']);
    expectExit(broken, 2);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
  });
  it('a saved presetMapping naming a column this file lacks says so, not a --map that was never given', async () => {
    const { dir, run } = await workspace();
    await copyFile(join(PRESETS, 'hubspot.csv'), join(dir, 'hubspot.csv'));
    await copyFile(join(PRESETS, 'zendesk.csv'), join(dir, 'zendesk.csv'));
    expectExit(await run(['map', 'hubspot.csv', '--write-config', 'hs.json']), 0);
    const result = await run(['zendesk.csv', '--config', 'hs.json', '--dry-run', '--report-dir', '-']);
    expectExit(result, 2);
    expect(result.stderr).not.toContain('--map');
    expect(result.stderr).toMatch(/the mapping file's presetMapping \(hubspot\) reads first_name from "First Name": no such column/);
  });
});
