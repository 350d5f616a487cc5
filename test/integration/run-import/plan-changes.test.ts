/**
 * Issue 14 against the sandbox: changes.csv (a dry run's equals the apply's that follows it), `--mode`
 * (each mode's counts and skips), and `--adopt-by-email` (adopted, ambiguous, another user id).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import { requestBudget } from '../../../src/upsert/plan-upserts.js';
import { csvOf, plainCustomers, richCustomer, useImportHarness } from './harness.js';

const harness = useImportHarness();

const changesOf = async (reportDir: string): Promise<Record<string, string>[]> =>
  parse(await readFile(join(reportDir, 'changes.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];

/** u-0 renamed, u-1 a new phone, u-2 as stored, u-3 new (with a formula-like company). */
const MIXED = csvOf(
  ['user_id', 'name', 'email', 'phone', 'company'],
  [
    ['u-0', 'Renamed 0', 'n0@example.com', '', ''],
    ['u-1', 'Name 1', 'n1@example.com', '+49 30 1', 'Company 1'],
    ['u-2', 'Name 2', 'n2@example.com', '', ''],
    ['u-3', 'New 3', 'n3@example.com', '', '=SUM(A1)'],
  ],
);

describe('changes.csv', () => {
  it('lists each changed field; a dry run writes the same file as the apply after it; a re-run has no lines', async () => {
    const sandbox = await harness.sandbox({ customers: [...plainCustomers(1), richCustomer(1), ...plainCustomers(1, 2)] });
    const dry = await harness.run(sandbox, MIXED, { config: { dryRun: true } });
    const apply = await harness.run(sandbox, MIXED);
    const dryText = await readFile(join(dry.reportDir, 'changes.csv'), 'utf8');
    expect(await readFile(join(apply.reportDir, 'changes.csv'), 'utf8')).toBe(dryText);
    // Formula-guarded like every report CSV (hc-import's own reader undoes the guard; a spreadsheet shows it).
    expect(await changesOf(apply.reportDir)).toEqual([
      { _line: '2', user_id: 'u-0', action: 'update', field: 'name', before: 'Name 0', after: 'Renamed 0' },
      { _line: '3', user_id: 'u-1', action: 'update', field: 'phone', before: "'+1 555 0001", after: "'+49 30 1" },
      { _line: '5', user_id: 'u-3', action: 'create', field: 'user_id', before: '', after: 'u-3' },
      { _line: '5', user_id: 'u-3', action: 'create', field: 'name', before: '', after: 'New 3' },
      { _line: '5', user_id: 'u-3', action: 'create', field: 'email', before: '', after: 'n3@example.com' },
      { _line: '5', user_id: 'u-3', action: 'create', field: 'company', before: '', after: "'=SUM(A1)" },
    ]);
    expect(apply.summary.plan?.changes).toMatchObject({ fields: 6 });
    const again = await harness.run(sandbox, MIXED);
    expect(await changesOf(again.reportDir)).toEqual([]);
  });
});

describe('--mode', () => {
  const seeded = () => harness.sandbox({ customers: plainCustomers(5) });
  const csv = (from: number, count: number) =>
    csvOf(
      ['user_id', 'name', 'email'],
      Array.from({ length: count }, (_, k) => [`u-${from + k}`, `Renamed ${from + k}`, `n${from + k}@example.com`]),
    );

  it('create-only creates the new rows and leaves every existing customer alone (skipped_exists)', async () => {
    const sandbox = await seeded();
    const { summary, reports } = await harness.run(sandbox, csv(3, 4), { config: { mode: 'create-only' } });
    expect(summary.counts).toMatchObject({ valid: 4, created: 2, updated: 0, unchanged: 0, skipped: 2, failed: 0 });
    expect(reports.results.filter((row) => row['action'] === 'skipped_exists').map((row) => row['user_id'])).toEqual(['u-3', 'u-4']);
    expect(sandbox.customers().find((customer) => customer.userId === 'u-3')?.name).toBe('Name 3');
    expect(sandbox.customers()).toHaveLength(7);
    expect(reports.journal?.[0]).toMatchObject({ type: 'header', settings: { mode: 'create-only' } });
  });

  it('update-only updates the existing rows and creates nothing (skipped_not_found)', async () => {
    const sandbox = await seeded();
    const { summary, reports } = await harness.run(sandbox, csv(3, 4), { config: { mode: 'update-only' } });
    expect(summary.counts).toMatchObject({ valid: 4, created: 0, updated: 2, skipped: 2 });
    const skipped = reports.results.filter((row) => row['action'] === 'skipped_not_found');
    expect(skipped.map((row) => [row['user_id'], row['helpcrunch_id']])).toEqual([
      ['u-5', ''],
      ['u-6', ''],
    ]);
    expect(sandbox.customers()).toHaveLength(5);
    expect(sandbox.customers().find((customer) => customer.userId === 'u-3')?.name).toBe('Renamed 3');
  });

  it('create-only leaves alone a customer that appeared between the plan and its create (userId taken)', async () => {
    const sandbox = await seeded();
    // Someone adds u-6 while the plan is shown: the create is refused as taken, and the row had turned into
    // an update of that customer, which create-only promises never to make.
    const confirm = async (): Promise<boolean> => {
      const client = createHelpCrunchClient({ baseUrl: sandbox.url, apiKey: sandbox.key });
      await client.createCustomer({ userId: 'u-6', name: 'Added by an agent', email: 'agent@example.com' });
      await client.close();
      return true;
    };
    const { summary, reports } = await harness.run(sandbox, csv(4, 3), { config: { mode: 'create-only' }, deps: { confirm } });
    expect(summary.plan).toMatchObject({ create: 2, skipped: 1 });
    expect(summary.counts).toMatchObject({ valid: 3, created: 1, updated: 0, skipped: 2, failed: 0 });
    expect(sandbox.customers().find((customer) => customer.userId === 'u-6')).toMatchObject({ name: 'Added by an agent' });
    expect(reports.results.map((row) => [row['user_id'], row['action']])).toEqual([
      ['u-4', 'skipped_exists'],
      ['u-5', 'created'],
      ['u-6', 'skipped_exists'],
    ]);
  });

  it('a dry run counts the skips in its plan and lists no change for them', async () => {
    const sandbox = await seeded();
    const { summary, reportDir } = await harness.run(sandbox, csv(3, 4), { config: { mode: 'update-only', dryRun: true } });
    expect(summary.plan).toMatchObject({ create: 0, update: 2, skipped: 2 });
    expect(new Set((await changesOf(reportDir)).map((row) => row['user_id']))).toEqual(new Set(['u-3', 'u-4']));
  });
});

describe('--adopt-by-email', () => {
  const contacts = [
    { name: 'Widget Ann', email: 'ann@example.com' },
    { name: 'Twin 1', email: 'twin@example.com' },
    { name: 'Twin 2', email: 'twin@example.com' },
    { userId: 'other', name: 'Other', email: 'taken@example.com' },
  ];
  const csv = csvOf(
    ['user_id', 'name', 'email'],
    [
      ['u-ann', 'Ann', 'ann@example.com'],
      ['u-twin', 'Twin', 'twin@example.com'],
      ['u-taken', 'Taken', 'taken@example.com'],
      ['u-new', 'New', 'new@example.com'],
    ],
  );

  it('adopts the one contact without a user id; ambiguous emails and other user ids are row failures', async () => {
    const sandbox = await harness.sandbox({ customers: contacts });
    const { summary, reports } = await harness.run(sandbox, csv, { config: { adoptByEmail: true }, seed: 2 });
    expect(summary.counts).toMatchObject({ valid: 4, created: 1, updated: 1, failed: 2 });
    const ann = sandbox.customers().find((customer) => customer.email === 'ann@example.com');
    expect(ann).toMatchObject({ id: 1, userId: 'u-ann', name: 'Ann' });
    expect(reports.failures.map((row) => [row['user_id'], row['_error_code']])).toEqual([
      ['u-twin', 'email_ambiguous'],
      ['u-taken', 'email_has_other_user_id'],
    ]);
    expect(sandbox.customers()).toHaveLength(5);
    // Page 0 holds the whole account; one email search for the 4 rows not found; one create, one batch.
    expect(summary.requests.byKind).toEqual({ lookup: 2, create: 1, update: 1 });
    const { valid, created, updated } = summary.counts;
    expect(summary.requests.total).toBeLessThanOrEqual(requestBudget({ total: 4, valid, created, updated, searchedByEmail: 4 }));
  });

  it('two rows to create with one email adopt no one: the contact cannot become both, and neither row is lost', async () => {
    // Both rows would update customer 1 in turn: the second update replaced the first's user_id, so u-a,
    // reported updated, was in HelpCrunch under no customer.
    const sandbox = await harness.sandbox({ customers: [{ name: 'Widget Sam', email: 'sam@example.com' }] });
    const twins = csvOf(
      ['user_id', 'name', 'email'],
      [
        ['u-a', 'Sam A', 'sam@example.com'],
        ['u-b', 'Sam B', 'Sam@Example.com'],
      ],
    );
    const { summary, reports } = await harness.run(sandbox, twins, { config: { adoptByEmail: true } });
    expect(summary.counts).toMatchObject({ valid: 2, created: 0, updated: 0, failed: 2 });
    expect(reports.failures.map((row) => [row['user_id'], row['_error_code']])).toEqual([
      ['u-a', 'email_ambiguous'],
      ['u-b', 'email_ambiguous'],
    ]);
    expect(sandbox.customers()).toEqual([expect.objectContaining({ id: 1, userId: null, name: 'Widget Sam' })]);
    const dry = await harness.run(sandbox, twins, { config: { dryRun: true } });
    expect(dry.summary.plan).toMatchObject({ create: 2, adoptable: 0 });
  });

  it('finds a contact whose email has capitals on a server that compares emails case-sensitively', async () => {
    // The sandbox's `=` is case-sensitive (HelpCrunch's is unknown): a lower-cased search alone misses Mixed.Case@….
    const sandbox = await harness.sandbox({ customers: [{ name: 'Widget Mia', email: 'Mixed.Case@Example.com' }] });
    const mixed = csvOf(['user_id', 'name', 'email'], [['u-mia', 'Mia', 'Mixed.Case@Example.com']]);
    const { summary } = await harness.run(sandbox, mixed, { config: { adoptByEmail: true } });
    expect(summary.counts).toMatchObject({ created: 0, updated: 1, failed: 0 });
    expect(sandbox.customers()).toEqual([expect.objectContaining({ id: 1, userId: 'u-mia', email: 'Mixed.Case@Example.com' })]);
    // Both spellings in one search request.
    expect(summary.requests.byKind).toEqual({ lookup: 2, create: 0, update: 1 });
  });

  it('searches fewer emails per request when the server refuses ten filters', async () => {
    const sandbox = await harness.sandbox({ customers: contacts, maxSearchFilters: 2 });
    const { summary, reports } = await harness.run(sandbox, csv, { config: { adoptByEmail: true } });
    expect(summary.counts).toMatchObject({ created: 1, updated: 1, failed: 2 });
    expect(reports.failures.map((row) => row['_error_code'])).toEqual(['email_ambiguous', 'email_has_other_user_id']);
    // Page 0, the refused search of 4, then 2 + 2.
    expect(summary.requests.byKind.lookup).toBe(4);
  });

  it('without the flag an apply creates and searches no email; a keyed dry run says how many rows it could adopt', async () => {
    const sandbox = await harness.sandbox({ customers: contacts });
    const dry = await harness.run(sandbox, csv, { config: { dryRun: true } });
    expect(dry.summary.plan).toMatchObject({ create: 4, adoptable: 1 });
    expect(dry.summary.warnings).toContainEqual({
      code: 'adoptable_contacts',
      message: '1 row matches a contact without a user id: see --adopt-by-email.',
    });
    const apply = await harness.run(sandbox, csv);
    expect(apply.summary.counts).toMatchObject({ created: 4 });
    expect(dry.summary.requests.byKind.lookup).toBe(2);
    expect(apply.summary.requests.byKind.lookup).toBe(1);
  });
});
