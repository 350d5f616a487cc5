/**
 * Presets through `main` in-process: a HubSpot and a Pipedrive export land in the sandbox with the names,
 * tags, notes, dates and attributes their presets define; the preset and its mapping are printed before
 * anything is written and recorded in summary.json and the journal; traps named with --map warn; a
 * preset file without a user id names the candidates; `hc-import presets` lists and shows them.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();
const FAST = ['--rate', '100000', '--yes'];
const PRESETS_DIR = join(import.meta.dirname, '../../fixtures/presets');

async function withFixture(name: string): Promise<Awaited<ReturnType<typeof workspace>>> {
  const space = await workspace();
  await copyFile(join(PRESETS_DIR, name), join(space.dir, name));
  return space;
}

const byUserId = <T extends { userId: string | null }>(customers: T[]): Map<string | null, T> =>
  new Map(customers.map((customer) => [customer.userId, customer]));

const FIXTURES: [string, string][] = [
  ['hubspot.csv', 'hubspot'],
  ['hubspot-de.csv', 'hubspot'],
  ['hubspot-fr.csv', 'hubspot'],
  ['hubspot-es.csv', 'hubspot'],
  ['pipedrive.csv', 'pipedrive'],
  ['pipedrive-fr.csv', 'pipedrive'],
  ['pipedrive-de.csv', 'pipedrive'],
  ['salesforce.csv', 'salesforce'],
  ['subscribed_members_export_1a2b3c.csv', 'mailchimp'],
  ['zendesk.csv', 'zendesk'],
  ['intercom.csv', 'intercom'],
  ['freshdesk.csv', 'freshdesk'],
  ['crisp.csv', 'crisp'],
  ['helpcrunch.csv', 'helpcrunch'],
];

describe('every preset fixture through a dry run', () => {
  it.each(FIXTURES)(
    '%s: read as %s; the defects are one bad email, one missing id, one duplicate; every other cell reads',
    async (file, preset) => {
      const { run } = await withFixture(file);
      const result = await run([file, '--dry-run', '--report-dir', '-', '--json']);
      const summary = JSON.parse(result.stdout);
      expect(summary.input.preset).toBe(preset);
      expect(summary.counts).toMatchObject({ rows: 5, valid: 2, rejected: 2, duplicates: 1 });
      expect(summary.reasons).toEqual({ invalid_email: 1, missing_user_id: 1 });
    },
  );

  it('a Salesforce report: slashed dates need --date-format, and the footer lines are malformed records', async () => {
    const { run } = await withFixture('salesforce-report.csv');
    const result = await run(['salesforce-report.csv', '--dry-run', '--report-dir', '-', '--json', '--date-format', 'MDY']);
    const summary = JSON.parse(result.stdout);
    expect(summary.input.preset).toBe('salesforce');
    expect(summary.counts).toMatchObject({ valid: 2, duplicates: 1 });
    expect(summary.reasons).toEqual({ invalid_email: 1, missing_user_id: 1, malformed_record: 4 });
  });
});

describe('presets end to end', () => {
  it('a HubSpot export imports with its preset: names decoded, tags, notes, dates in --timezone, attributes', async () => {
    const { dir, run } = await withFixture('hubspot.csv');
    const sandbox = await sandboxFor();
    const args = ['hubspot.csv', '--custom-rest', '--timezone', 'Europe/Berlin', '--report-dir', 'r', ...FAST];
    const result = await run(args, { env: targetEnv(sandbox) });
    expectExit(result, 4);
    expect(result.stderr).toContain('preset: hubspot (HubSpot export, detected from "Record ID"');
    expect(result.stderr).toMatch(/user_id\s+← "User ID" \(a custom column named like a user id\)/);
    expect(result.stderr).toContain('refused: "Record ID"');
    expect(result.stderr.indexOf('preset: hubspot')).toBeLessThan(result.stderr.indexOf('plan:'));
    const stored = byUserId(sandbox.customers());
    expect([...stored.keys()].sort()).toEqual(['u-1', 'u-2']);
    expect(stored.get('u-1')).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      company: 'Analytical & Co',
      notes: 'Met at the fair',
      locale: 'en',
      unsubscribed: false,
      firstSeen: String(Date.UTC(2020, 0, 10, 9, 0) / 1000),
      customData: { 'Lifecycle Stage': 'customer', Plan: 'pro' },
    });
    expect(stored.get('u-1')?.tags.map((tag) => tag.name)).toEqual(['vip', 'beta']);
    expect(stored.get('u-2')).toMatchObject({ name: 'Grace Hopper <Navy>', unsubscribed: true });
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.input.preset).toBe('hubspot');
    expect(summary.counts).toMatchObject({ rows: 5, valid: 2, rejected: 2, duplicates: 1 });
    const journal = (await readFile(join(dir, 'r', 'journal.jsonl'), 'utf8')).split('\n')[0] ?? '';
    expect(JSON.parse(journal)).toMatchObject({ settings: { preset: 'hubspot' } });
  });

  it('a Pipedrive export imports with its preset: the Person - prefix removed from attributes, labels as tags', async () => {
    const { dir, run } = await withFixture('pipedrive.csv');
    const sandbox = await sandboxFor();
    const result = await run(['pipedrive.csv', '--custom-rest', '--report-dir', 'r', ...FAST], { env: targetEnv(sandbox) });
    expectExit(result, 4);
    const stored = byUserId(sandbox.customers());
    expect(stored.get('u-1')).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      company: 'Analytical Co',
      notes: 'Prefers email',
      firstSeen: String(Date.UTC(2023, 1, 1, 9, 15) / 1000),
    });
    expect(stored.get('u-1')?.tags.map((tag) => tag.name)).toEqual(['Customer', 'VIP']);
    expect(stored.get('u-1')?.customData).toMatchObject({ Plan: 'pro' });
    expect(Object.keys(stored.get('u-1')?.customData ?? {})).not.toContain('ID');
    expect(JSON.stringify(sandbox.customers())).not.toContain('Sam Seller');
    // --custom-rest leaves the preset's refused columns out, and the summary lists them apart.
    expect(result.stdout).toContain('columns left out by the pipedrive preset (Person - ID, Person - First name');
    expect(result.stdout).not.toContain('--custom-rest imports');
    expect((await readSummary(join(dir, 'r'))).input.preset).toBe('pipedrive');
  });

  it("Zendesk's space-separated tags and suspended flag, Crisp's data. keys and millisecond dates reach HelpCrunch", async () => {
    const { dir, run } = await withFixture('zendesk.csv');
    await copyFile(join(PRESETS_DIR, 'crisp.csv'), join(dir, 'crisp.csv'));
    const zendesk = await sandboxFor();
    expectExit(await run(['zendesk.csv', '--report-dir', 'z', ...FAST], { env: targetEnv(zendesk) }), 4);
    const zd = byUserId(zendesk.customers());
    expect(zd.get('u-1')?.tags.map((tag) => tag.name)).toEqual(['vip', 'beta']);
    expect(zd.get('u-1')).toMatchObject({
      company: 'Analytical Co',
      locale: 'en',
      blocked: false,
      lastSeen: String(Date.UTC(2024, 4, 1, 9) / 1000),
    });
    expect(zd.get('u-2')).toMatchObject({ blocked: true, locale: 'fr' });
    const crisp = await sandboxFor();
    expectExit(await run(['crisp.csv', '--custom-rest', '--report-dir', 'c', ...FAST], { env: targetEnv(crisp) }), 4);
    const cr = byUserId(crisp.customers()).get('u-1');
    expect(cr).toMatchObject({ name: 'Ada Lovelace', firstSeen: '1578650400', customData: { plan: 'pro' } });
    expect(cr?.tags.map((tag) => tag.name)).toEqual(['vip', 'beta']);
    expect(Object.keys(cr?.customData ?? {})).not.toContain('people_id');
  });

  it('--map user_id="Record ID" is obeyed with a warning that it is the exporting tool\'s id', async () => {
    const { run } = await withFixture('hubspot.csv');
    const result = await run(['hubspot.csv', '--dry-run', '--report-dir', '-', '--map', 'user_id=Record ID']);
    expect(result.stderr).toMatch(/warning: --map user_id="Record ID": in a HubSpot export this is HubSpot's own record id/);
    expect(result.stderr).toMatch(/user_id\s+← "Record ID"/);
  });

  it('--preset none reads the file with the generic aliases and records no preset', async () => {
    const { run } = await withFixture('hubspot.csv');
    const result = await run(['hubspot.csv', '--dry-run', '--report-dir', '-', '--preset', 'none', '--json']);
    expect(result.stderr).not.toContain('preset:');
    expect(JSON.parse(result.stdout)).toMatchObject({ input: { preset: null, mapping: { user_id: 'User ID' } } });
  });

  it('a file that matches no preset still imports by the generic aliases, preset null', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), 'Customer ID,Full Name,E-mail\nc-1,Ada,ada@example.com\n');
    const result = await run(['in.csv', '--dry-run', '--report-dir', '-', '--json']);
    expectExit(result, 0);
    expect(JSON.parse(result.stdout)).toMatchObject({ input: { preset: null, mapping: { user_id: 'Customer ID', name: 'Full Name' } } });
  });

  it('a HubSpot file without a user id column names the candidates and the --map to use, never the record id', async () => {
    const { dir, run } = await workspace();
    const csv =
      '"Record ID","First Name","Last Name","Email","Contact owner","Lifecycle Stage","Website user id"\n' +
      '"1","Ada","L","a@example.com","o@x.com","lead","u-1"\n';
    await writeFile(join(dir, 'hs.csv'), csv);
    const result = await run(['hs.csv', '--dry-run', '--report-dir', '-']);
    expectExit(result, 3);
    expect(result.stderr).toContain('no column for user_id in this HubSpot export ("Record ID" is HubSpot\'s own id');
    expect(result.stderr).toContain('likely candidates: "Website user id"');
    expect(result.stderr).toContain('--map user_id="Website user id"');
  });

  it("Mailchimp's unsubscribed export imports every row as unsubscribed, its quoted TAGS as tags", async () => {
    const name = 'unsubscribed_members_export_1a2b3c.csv';
    const { run } = await withFixture(name);
    const sandbox = await sandboxFor();
    const result = await run([name, '--report-dir', 'r', ...FAST], { env: targetEnv(sandbox) });
    expectExit(result, 4);
    expect(result.stderr).toMatch(/unsubscribed\s+← every row: the file is an unsubscribed members export/);
    const ada = byUserId(sandbox.customers()).get('u-1');
    expect(ada).toMatchObject({ unsubscribed: true, firstSeen: String(Date.UTC(2013, 5, 27, 12, 11, 50) / 1000) });
    expect(ada?.tags.map((tag) => tag.name)).toEqual(['vip', 'newsletter']);
  });

  it('hc-import presets lists every preset; presets NAME shows one; --preset with an unknown name is exit 2', async () => {
    const { run } = await workspace();
    const list = await run(['presets']);
    expectExit(list, 0);
    for (const name of ['hubspot', 'zendesk', 'intercom', 'freshdesk', 'mailchimp', 'pipedrive', 'salesforce', 'crisp', 'helpcrunch']) {
      expect(list.stdout).toContain(`  ${name}`);
    }
    const one = await run(['presets', 'pipedrive']);
    expect(one.stdout).toContain('"Personne - ID": Pipedrive\'s own person id');
    const bad = await run(['in.csv', '--preset', 'nosuch']);
    expectExit(bad, 2);
    expect(bad.stderr).toContain('--preset "nosuch" is not allowed');
  });
});
