/**
 * Issue 12, `hc-import map`: each column's role and sample values from the head of the file, and
 * `--write-config`, whose file makes a later run map the file exactly as the flags (and detection) did.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { expectExit, expectNoStack, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'presets');
const CSV = [
  'User ID,First Name,Last Name,E-mail,Email Address,Labels,Signed up,Plan,Seats,_line,Empty',
  'u-1,Ada,Lovelace,ada@example.com,a2@example.com,vip;beta,02/05/2024 10:00,pro,3,9,',
  'u-2,Bob,Stone,bob@example.com,,,,free,1,,',
  'u-3,Cy,\u001b[31mRed,cy@example.com,,trial,13/12/2023,,2,,',
  'u-4,Di,Long,di@example.com,,,,team,4,,',
].join('\n');
const FLAGS = ['--map', 'first_seen=Signed up', '--custom', 'Seats=seats:number', '--custom-rest', '--date-format', 'dmy'];
const CELLS = ['--timezone', 'Europe/Berlin', '--tag-separator', ';'];

async function setUp() {
  const space = await workspace();
  await writeFile(join(space.dir, 'in.csv'), `${CSV}\n`);
  return space;
}

describe('hc-import map', () => {
  it('prints every column: field, tags, custom attribute with its type, or ignored with why; and 3 samples', async () => {
    const { run } = await setUp();
    const result = await run(['map', 'in.csv', '--custom', 'Seats=seats:number', '--map', 'first_seen=Signed up']);
    expectExit(result, 0);
    const out = result.stdout;
    expect(out).toMatch(/^in\.csv: 11 columns, utf-8, delimiter ","/);
    expect(out).toContain('preset: none detected');
    expect(out).toMatch(/"User ID" +user_id\n +"u-1", "u-2", "u-3"\n/);
    expect(out).toMatch(/"First Name" +name \(joined: "First Name" \+ "Last Name"\)/);
    // A control character in a sample is shown escaped, never sent to the terminal.
    expect(out).toMatch(/"Last Name" .*\n +"Lovelace", "Stone", "\\u001b\[31mRed"\n/);
    expect(out).toMatch(/"Email Address" +ignored: also matches email, which is read from "E-mail"\n +"a2@example.com"\n/);
    expect(out).toMatch(/"Labels" +tags \(separator: sniffed among , ; \| and line breaks\)\n +"vip;beta", "trial"\n/);
    expect(out).toMatch(/"Seats" +custom attribute seats \(number\)\n +"3", "1", "2"\n/);
    expect(out).toMatch(/"Plan" +ignored: no field has this header \(--custom or --custom-rest imports it\)/);
    expect(out).toMatch(/"_line" +ignored: a report's own column/);
    expect(out).toMatch(/"Empty" +ignored: .*\n +\(no values in the rows read\)/);
    expect(out).toContain('slashed dates (02/05/2024) rejected unless dateFormat is DMY or MDY');
    expect(out).toContain('--write-config hc-import.config.json');
  });

  it('names a column no field reads the way an import does: a missing user_id column is exit 3 with the --map hint', async () => {
    const { dir, run } = await setUp();
    await writeFile(join(dir, 'no-id.csv'), 'Who,Mail\nAda,ada@example.com\n');
    const result = await run(['map', 'no-id.csv']);
    expectExit(result, 3);
    expectNoStack(result);
    expect(result.stderr).toMatch(/no column for user_id, name/);
  });

  it('--write-config saves the whole mapping; a run with --config maps and imports the file exactly as the flags did', async () => {
    const { dir, run } = await setUp();
    const written = await run(['map', 'in.csv', ...FLAGS, ...CELLS, '--write-config', 'mapping.json']);
    expectExit(written, 0);
    expect(written.stdout).toContain('Wrote mapping.json: edit it, then run hc-import in.csv --config mapping.json');
    const config = JSON.parse(await readFile(join(dir, 'mapping.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({
      $schema: './node_modules/hc-import/schema/hc-import.config.schema.json',
      preset: 'none',
      map: { user_id: 'User ID', email: 'E-mail', first_seen: 'Signed up', tags: 'Labels' },
      // --custom-rest written out column by column: a new column in a later export is not imported unasked.
      custom: ['Plan=Plan:string', 'Seats=seats:number', 'Empty=Empty:string'],
      tagSeparator: ';',
      dateFormat: 'DMY',
      timezone: 'Europe/Berlin',
    });

    const apply = ['in.csv', '--sandbox', '--yes', '--json', '--fail-on', 'none'];
    const byFlags = await run([...apply, ...FLAGS, ...CELLS, '--report-dir', 'by-flags']);
    const byFile = await run([...apply, '--config', 'mapping.json', '--report-dir', 'by-file']);
    expectExit(byFlags, 0);
    expectExit(byFile, 0);
    const flags = JSON.parse(byFlags.stdout) as Summary;
    const file = JSON.parse(byFile.stdout) as Summary;
    expect(file.input.columns).toEqual(flags.input.columns);
    expect(file.input.mapping).toEqual(flags.input.mapping);
    expect(file.counts).toEqual(flags.counts);
    // The name with a control character is rejected either way.
    expect(file.counts).toMatchObject({ rows: 4, valid: 3, rejected: 1, created: 3 });
    expect(file.options).toMatchObject({ timezone: 'Europe/Berlin', dateFormat: 'DMY', tagSeparator: ';' });
  });

  it('--write-config refuses a custom attribute whose header holds "=", naming that column (a custom entry cannot say it)', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), 'User ID,Name,Email,Score (a=1)\nu-1,Ann,ann@example.com,7\n');
    const shown = await run(['map', 'in.csv', '--custom-rest']);
    expectExit(shown, 0);
    expect(shown.stdout).toMatch(/"Score \(a=1\)" +custom attribute Score \(a=1\) \(string\)/);
    const written = await run(['map', 'in.csv', '--custom-rest', '--write-config', 'mapping.json']);
    expectExit(written, 2);
    expect(written.stderr).toContain('column "Score (a=1)"');
    expect(written.stderr).not.toContain('no such column');
    await expect(readFile(join(dir, 'mapping.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('--write-config never replaces a file', async () => {
    const { dir, run } = await setUp();
    await writeFile(join(dir, 'mine.json'), '{"blanks": "clear"}');
    const result = await run(['map', 'in.csv', '--write-config', 'mine.json']);
    expectExit(result, 2);
    expect(result.stderr).toMatch(/mine\.json already exists: --write-config never replaces a file/);
    expect(await readFile(join(dir, 'mine.json'), 'utf8')).toBe('{"blanks": "clear"}');
  });

  it('reads the mapping file like an import, and carries its other options into the file it writes', async () => {
    const { dir, run } = await setUp();
    await writeFile(join(dir, 'hc-import.config.json'), JSON.stringify({ custom: ['Plan=plan'], onDuplicate: 'last', rate: 60 }));
    await mkdir(join(dir, 'ci'));
    const result = await run(['map', 'in.csv', '--write-config', 'ci/next.json']);
    expectExit(result, 0);
    expect(result.stdout).toMatch(/"Plan" +custom attribute plan \(string\)/);
    const config = JSON.parse(await readFile(join(dir, 'ci', 'next.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ custom: ['Plan=plan:string'], onDuplicate: 'last', rate: 60 });
    // Editors resolve $schema from the file's own folder.
    expect(config.$schema).toBe('../node_modules/hc-import/schema/hc-import.config.schema.json');
  });
});

describe('hc-import map with a preset', () => {
  it.each([
    ['hubspot.csv', 'hubspot'],
    // The unsubscribed export: a constant from the file's name and quoted tags, which no flag can say.
    ['unsubscribed_members_export_1a2b3c.csv', 'mailchimp'],
  ])('%s: the written file makes a run with --preset none import exactly as the detected preset did', async (name, preset) => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, name), await readFile(join(FIXTURES, name)));
    const shown = await run(['map', name, '--write-config', 'mapping.json']);
    expectExit(shown, 0);
    expect(shown.stdout).toContain(`preset: ${preset}`);
    const config = JSON.parse(await readFile(join(dir, 'mapping.json'), 'utf8')) as { preset: string; presetMapping: { preset: string } };
    expect(config.preset).toBe(preset);
    expect(config.presetMapping.preset).toBe(preset);

    const apply = [name, '--sandbox', '--yes', '--json', '--fail-on', 'none'];
    const detected = JSON.parse((await run([...apply, '--report-dir', 'detected'])).stdout) as Summary;
    const saved = await run([...apply, '--config', 'mapping.json', '--preset', 'none', '--report-dir', 'saved']);
    expectExit(saved, 0);
    const fromFile = JSON.parse(saved.stdout) as Summary;
    expect(detected.input.preset).toBe(preset);
    expect(fromFile.input.columns).toEqual(detected.input.columns);
    expect(fromFile.input.mapping).toEqual(detected.input.mapping);
    expect(fromFile.counts).toEqual(detected.counts);
    expect(fromFile.reasons).toEqual(detected.reasons);
  });
  it('a mapping file written from the unsubscribed export does not mark the subscribed export unsubscribed', async () => {
    // Mailchimp's ZIP holds both files, imported one after the other with one mapping file: the
    // file-name rule is the preset's, so it is decided by the file being read, not the one the file was written from.
    const { dir, run } = await workspace();
    for (const name of ['unsubscribed_members_export_1a2b3c.csv', 'subscribed_members_export_1a2b3c.csv']) {
      await writeFile(join(dir, name), await readFile(join(FIXTURES, name)));
    }
    expectExit(await run(['map', 'unsubscribed_members_export_1a2b3c.csv', '--write-config', 'mapping.json']), 0);
    const apply = ['subscribed_members_export_1a2b3c.csv', '--sandbox', '--yes', '--json', '--fail-on', 'none'];
    const detected = JSON.parse((await run([...apply, '--report-dir', 'detected'])).stdout) as Summary;
    const saved = await run([...apply, '--config', 'mapping.json', '--preset', 'none', '--report-dir', 'saved']);
    expectExit(saved, 0);
    const fromFile = JSON.parse(saved.stdout) as Summary;
    expect(JSON.stringify(detected.input.mapping)).not.toContain('unsubscribed');
    expect(fromFile.input.mapping).toEqual(detected.input.mapping);
  });
});
