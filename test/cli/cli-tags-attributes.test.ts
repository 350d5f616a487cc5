/**
 * The tag and custom-attribute flags through `main` in-process: they reach the sandbox, summary.json and
 * `--json` list what every column became, the human summary names the columns not imported, and a bad
 * flag value is a usage error (exit 2).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { MAP_TARGETS } from '../../src/rows/column-aliases.js';
import { readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { waitUntil } from '../helpers/resume-harness.js';
import { expectExit, startMain, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();
const FAST = ['--rate', '100000', '--yes'];
const CSV = 'user_id,name,email,Segments,Plan,Seats,Shoe size\nu-1,Ada,ada@example.com,a|b,pro,3,hi\nu-2,Bob,bob@example.com,,free,1,\n';

describe('tags and custom attributes on the command line', () => {
  it('--tag, --custom and the Segments column reach HelpCrunch; --json lists every column and the unmapped one', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), CSV);
    const sandbox = await sandboxFor();
    const args = [
      'in.csv',
      '--tag',
      'wave-1',
      '--custom',
      'Plan',
      '--custom',
      'Seats=seats:number',
      '--json',
      '--report-dir',
      'r',
      ...FAST,
    ];
    const result = await run(args, { env: targetEnv(sandbox) });
    expectExit(result, 0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.input.columns.slice(3)).toEqual([
      { header: 'Segments', use: 'tags' },
      { header: 'Plan', use: 'custom', property: 'Plan', type: 'string' },
      { header: 'Seats', use: 'custom', property: 'seats', type: 'number' },
      { header: 'Shoe size', use: 'ignored', why: expect.stringContaining('--custom-rest') },
    ]);
    expect(summary.input.unmappedHeaders).toEqual(['Shoe size']);
    expect(summary.options).toMatchObject({ tag: ['wave-1'], tags: 'add', custom: ['Plan=Plan:string', 'Seats=seats:number'] });
    const stored = sandbox.customers().map((customer) => [customer.userId, customer.tags.map((tag) => tag.name), customer.customData]);
    expect(stored.sort()).toEqual([
      ['u-1', ['a', 'b', 'wave-1'], { Plan: 'pro', seats: 3 }],
      ['u-2', ['wave-1'], { Plan: 'free', seats: 1 }],
    ]);
  });

  it('the human summary says which columns were not imported and that --custom-rest imports them', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), CSV);
    const result = await run(['in.csv', '--dry-run', '--report-dir', '-', '--map', 'tags=Plan']);
    expectExit(result, 0);
    expect(result.stdout).toContain('3 columns not imported (Segments, Seats, Shoe size); --custom-rest imports them as custom attributes');
    expect(result.stdout).toContain('also imported: tags from "Plan"');
  });

  it('--custom-rest with --tag-separator: every other column a string attribute, the tags split as told', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), 'user_id,name,email,Tags,Plan\nu-1,Ada,ada@example.com,"x,1;y",pro\n');
    const sandbox = await sandboxFor();
    const result = await run(['in.csv', '--custom-rest', '--tag-separator', ';', '--report-dir', 'r', ...FAST], {
      env: targetEnv(sandbox),
    });
    expectExit(result, 0);
    expect(sandbox.customers()[0]?.tags.map((tag) => tag.name)).toEqual(['x,1', 'y']);
    expect(sandbox.customers()[0]?.customData).toEqual({ Plan: 'pro' });
    expect((await readSummary(join(dir, 'r'))).input.unmappedHeaders).toEqual([]);
  });

  it('--help lists tags among the --map fields and shows a --tag/--custom example', async () => {
    const { run } = await workspace();
    const help = await run(['--help']);
    expectExit(help, 0);
    expect(help.stdout).toContain(`${MAP_TARGETS.join(', ')}\n`);
    expect(MAP_TARGETS).toContain('tags');
    expect(help.stdout).toContain('--custom "Seats=seats:number"');
  });

  it.each([
    [['--custom', 'Nope'], /--custom "Nope": no such column/],
    [['--custom', 'email'], /--custom "email": that column already feeds email/],
    [['--custom', '=plan'], /--custom "=plan": expected Header/],
    [['--custom', 'Plan=p', '--custom', 'Seats=p'], /property "p" is given twice/],
    [['--tags', 'merge'], /--tags/],
    [['--tag', ' '], /--tag needs a non-empty tag name/],
    [['--tag', 't'.repeat(256)], /--tag is 256 characters long; the limit is 255/],
  ])('refuses %j with exit 2', async (flags, message) => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), CSV);
    const result = await run(['in.csv', '--dry-run', '--report-dir', '-', ...flags]);
    expectExit(result, 2);
    expect(result.stderr).toMatch(message);
  });

  it('hc-import sandbox --custom-attributes … --unknown-attributes reject refuses other attributes', async () => {
    const { dir } = await workspace();
    const server = startMain(
      ['sandbox', '--port', '0', '--custom-attributes', 'plan:string,seats:number', '--unknown-attributes', 'reject'],
      {
        cwd: dir,
      },
    );
    try {
      expect(await waitUntil(() => /\/v1/.test(server.stdout()), server)).toBe(true);
      const url = /http:\/\/\S+\/v1/.exec(server.stdout())?.[0] ?? '';
      const post = (property: string) =>
        fetch(`${url}/customers`, {
          method: 'POST',
          headers: { authorization: 'Bearer sandbox-key', 'content-type': 'application/json' },
          body: JSON.stringify({ userId: `u-${property}`, customData: [{ property, value: 1 }] }),
        });
      expect((await post('seats')).status).toBe(201);
      const refused = await post('other');
      expect(refused.status).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain('unknown_custom_attribute');
    } finally {
      server.interrupt();
      expectExit(await server.exited, 0);
    }
  });

  it('hc-import sandbox refuses an attribute type it does not know (exit 2)', async () => {
    const { run } = await workspace();
    const result = await run(['sandbox', '--port', '0', '--custom-attributes', 'plan:text']);
    expectExit(result, 2);
    expect(result.stderr).toMatch(/--custom-attributes: custom attribute "plan": type must be one of/);
  });
});
