/**
 * Tags and custom attributes end to end: runImport with the real client against the sandbox. What the
 * sandbox holds afterwards is the proof: tags added or replaced, stored tags (with colours) and attributes
 * the CSV lacks kept, values of unknown shape sent back unchanged, and re-runs that send nothing.
 */
import { describe, expect, it } from 'vitest';
import type { OpenFieldOptions } from '../../../src/rows/open-field-options.js';
import { contactsCsv, expectReconciled, useImportHarness, writesSeen } from './harness.js';

const harness = useImportHarness();

const open = (options: Partial<OpenFieldOptions>): OpenFieldOptions => ({
  custom: [],
  customRest: false,
  tags: [],
  tagsMode: 'add',
  ...options,
});
const PLAN = { header: 'Plan', property: 'plan', type: 'string' } as const;
const SEATS = { header: 'Seats', property: 'seats', type: 'number' } as const;

const seeded = (customData: Array<{ property: string; value: unknown }>) => ({
  userId: 'u-1',
  name: 'Ada',
  email: 'ada@example.com',
  tags: [{ name: 'vip', color: '#ff0000' }, { name: 'beta' }],
  customData,
});

describe('tags and custom attributes', () => {
  it('creates with tags and typed attributes, then a re-run of the same file sends no write', async () => {
    const sandbox = await harness.sandbox();
    const csv = 'user_id,name,email,Labels,Plan,Seats,Renews,Trial\nu-1,Ada,ada@example.com,"vip; beta ;vip;",pro,3,2024-05-31,yes\n';
    const config = {
      openFields: open({
        custom: [
          PLAN,
          SEATS,
          { header: 'Renews', property: 'renews', type: 'date' },
          { header: 'Trial', property: 'trial', type: 'boolean' },
        ],
        tags: ['import-2024'],
      }),
    };
    const first = await harness.run(sandbox, csv, { config });
    expectReconciled(first, sandbox);
    const [customer] = sandbox.customers();
    expect(customer?.tags.map((tag) => tag.name)).toEqual(['vip', 'beta', 'import-2024']);
    expect(customer?.customData).toEqual({ plan: 'pro', seats: 3, renews: 1_717_113_600, trial: true });
    expect(first.reports.summary.input.columns).toEqual([
      { header: 'user_id', use: 'field', field: 'user_id' },
      { header: 'name', use: 'field', field: 'name' },
      { header: 'email', use: 'field', field: 'email' },
      { header: 'Labels', use: 'tags' },
      { header: 'Plan', use: 'custom', property: 'plan', type: 'string' },
      { header: 'Seats', use: 'custom', property: 'seats', type: 'number' },
      { header: 'Renews', use: 'custom', property: 'renews', type: 'date' },
      { header: 'Trial', use: 'custom', property: 'trial', type: 'boolean' },
    ]);

    sandbox.resetStats();
    const again = await harness.run(sandbox, csv, { config });
    expect(again.reports.summary.counts.unchanged).toBe(1);
    expect(writesSeen(sandbox)).toBe(0);
  });

  it('adds tags to the stored ones (colours kept) and keeps the attributes the CSV lacks', async () => {
    const sandbox = await harness.sandbox({ customers: [seeded([{ property: 'trial', value: false }])] });
    const csv = 'user_id,name,email,Tags,Plan\nu-1,Ada,ada@example.com,new|vip,pro\n';
    const outcome = await harness.run(sandbox, csv, { config: { openFields: open({ custom: [PLAN] }) } });
    expect(outcome.reports.summary.counts.updated).toBe(1);
    const [customer] = sandbox.customers();
    expect(customer?.tags).toEqual([
      { name: 'vip', color: '#ff0000' },
      { name: 'beta', color: null },
      { name: 'new', color: null },
    ]);
    expect(customer?.customData).toEqual({ trial: false, plan: 'pro' });
  });

  it('changes nothing when every tag of the row is stored already (add mode)', async () => {
    const sandbox = await harness.sandbox({ customers: [seeded([])] });
    sandbox.resetStats();
    const outcome = await harness.run(sandbox, 'user_id,name,email,Tags\nu-1,Ada,ada@example.com,vip\n');
    expect(outcome.reports.summary.counts.unchanged).toBe(1);
    expect(writesSeen(sandbox)).toBe(0);
  });

  it('--tags replace makes the row tags the whole list, keeping the colour of one it keeps', async () => {
    const sandbox = await harness.sandbox({ customers: [seeded([])] });
    const csv = 'user_id,name,email,Tags\nu-1,Ada,ada@example.com,"vip,new"\n';
    await harness.run(sandbox, csv, { config: { openFields: open({ tagsMode: 'replace' }) } });
    expect(sandbox.customers()[0]?.tags).toEqual([
      { name: 'vip', color: '#ff0000' },
      { name: 'new', color: null },
    ]);
  });

  it('sends back stored custom values it does not understand (null, an object, a list) unchanged', async () => {
    const odd = [
      { property: 'gone', value: null },
      { property: 'deep', value: { tier: 2, flags: ['a'] } },
      { property: 'list', value: [1, 2] },
    ];
    const sandbox = await harness.sandbox({ customers: [seeded(odd)] });
    const outcome = await harness.run(sandbox, 'user_id,name,email,Plan\nu-1,Ada Lovelace,ada@example.com,pro\n', {
      config: { openFields: open({ custom: [PLAN] }) },
    });
    expect(outcome.reports.summary.counts.updated).toBe(1);
    expect(sandbox.customers()[0]?.customData).toEqual({ gone: null, deep: { tier: 2, flags: ['a'] }, list: [1, 2], plan: 'pro' });
    expect(sandbox.customers()[0]?.name).toBe('Ada Lovelace');
  });

  it('--blanks clear clears the one attribute whose cell is blank', async () => {
    const sandbox = await harness.sandbox({
      customers: [
        seeded([
          { property: 'plan', value: 'pro' },
          { property: 'seats', value: 3 },
          { property: 'trial', value: true },
        ]),
      ],
    });
    await harness.run(sandbox, 'user_id,name,email,Plan,Seats\nu-1,Ada,ada@example.com,,4\n', {
      config: { blanks: 'clear', openFields: open({ custom: [PLAN, SEATS] }) },
    });
    const data = sandbox.customers()[0]?.customData ?? {};
    expect(data['plan'] ?? null).toBeNull();
    expect(data).toMatchObject({ seats: 4, trial: true });
  });

  it('rejects a row whole for a bad typed value or an overlong tag, naming the column and the value', async () => {
    const sandbox = await harness.sandbox();
    const long = 't'.repeat(256);
    const csv = [
      'user_id,name,email,Tags,Seats,Trial,Renews',
      'u-1,A,a@example.com,ok,three,yes,2024-01-01',
      'u-2,B,b@example.com,ok,3,maybe,2024-01-01',
      'u-3,C,c@example.com,ok,3,no,2024-02-31',
      `u-4,D,d@example.com,${long},3,no,2024-01-01`,
      'u-5,E,e@example.com,ok,3,no,1717113600',
      '',
    ].join('\n');
    const custom = [
      SEATS,
      { header: 'Trial', property: 'trial', type: 'boolean' as const },
      { header: 'Renews', property: 'renews', type: 'date' as const },
    ];
    const outcome = await harness.run(sandbox, csv, { config: { openFields: open({ custom }) } });
    expect(outcome.reports.rejects.map((row) => [row['user_id'], row['_reason_code']])).toEqual([
      ['u-1', 'invalid_number'],
      ['u-2', 'invalid_boolean'],
      ['u-3', 'invalid_date'],
      ['u-4', 'field_too_long'],
    ]);
    expect(outcome.reports.rejects[0]?.['_reason']).toBe('column "Seats" is not a number: "three"');
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['u-5']);
  });

  it('fails the rows whose attribute HelpCrunch refuses (custom_attribute_rejected); the other rows land', async () => {
    const sandbox = await harness.sandbox({
      customAttributes: { plan: 'string' },
      unknownAttributes: 'reject',
      customers: [seeded([]), { userId: 'u-2', name: 'B', email: 'b@example.com' }],
    });
    const csv = [
      'user_id,name,email,Plan,Other',
      'u-1,Ada,ada@example.com,pro,',
      'u-2,B,b@example.com,pro,x',
      'u-3,C,c@example.com,pro,',
      'u-4,D,d@example.com,pro,y',
      '',
    ].join('\n');
    const outcome = await harness.run(sandbox, csv, {
      config: { openFields: open({ custom: [PLAN, { header: 'Other', property: 'other', type: 'string' }] }) },
    });
    expectReconciled(outcome, sandbox);
    const failed = outcome.reports.failures.map((row) => [row['user_id'], row['_error_code']]);
    expect(failed.sort()).toEqual([
      ['u-2', 'custom_attribute_rejected'],
      ['u-4', 'custom_attribute_rejected'],
    ]);
    expect(outcome.reports.failures[0]?.['_error']).toMatch(/"other" does not exist/);
    expect(sandbox.customers().map((customer) => [customer.userId, customer.customData['plan'] ?? null])).toEqual([
      ['u-1', 'pro'],
      ['u-2', null],
      ['u-3', 'pro'],
    ]);
  });

  it('warns once per attribute HelpCrunch dropped, with how many rows; the rows count as written; exit 4', async () => {
    const sandbox = await harness.sandbox({
      customAttributes: { plan: 'string' },
      unknownAttributes: 'drop',
      customers: [seeded([])],
    });
    const csv = 'user_id,name,email,Plan,Other\nu-1,Ada,ada@example.com,pro,x\nu-2,B,b@example.com,pro,y\n';
    const outcome = await harness.run(sandbox, csv, {
      config: { openFields: open({ custom: [PLAN, { header: 'Other', property: 'other', type: 'string' }] }) },
    });
    const { counts, warnings } = outcome.reports.summary;
    expect([counts.created, counts.updated, counts.failed]).toEqual([1, 1, 0]);
    const dropped = warnings.filter((warning) => warning.code === 'custom_attribute_not_stored');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]?.message).toMatch(/"other" was not stored for 2 rows/);
    expect(outcome.exitCode).toBe(4);
    const relaxed = await harness.run(sandbox, csv, {
      config: { failOn: 'failures', openFields: open({ custom: [PLAN, { header: 'Other', property: 'other', type: 'string' }] }) },
    });
    expect(relaxed.exitCode).toBe(0);
  });

  it('--custom-rest imports every column nothing else reads as a string attribute', async () => {
    const sandbox = await harness.sandbox();
    const csv = 'user_id,name,email,Tier,_line,Region\nu-1,Ada,ada@example.com,gold,7,eu\n';
    const outcome = await harness.run(sandbox, csv, { config: { openFields: open({ customRest: true }) } });
    expect(sandbox.customers()[0]?.customData).toEqual({ Tier: 'gold', Region: 'eu' });
    expect(outcome.reports.summary.input.unmappedHeaders).toEqual([]);
  });

  it('a resume refuses other tag or custom-attribute options, which change what rows send', async () => {
    const sandbox = await harness.sandbox();
    const csv = contactsCsv(30);
    const openFields = open({ tags: ['wave-1'] });
    let writes = 0;
    const first = await harness.run(sandbox, csv, {
      config: { openFields, concurrency: 1 },
      listen: (event, controller) => {
        if (event.type === 'write' && ++writes === 5) controller.abort();
      },
    });
    expect(first.reports.summary.status).toBe('interrupted');
    const again = { reportDir: first.reportDir };
    for (const other of [
      open({ tags: ['wave-2'] }),
      open({ tags: ['wave-1'], tagsMode: 'replace' }),
      open({ tags: ['wave-1'], customRest: true }),
    ]) {
      await expect(harness.run(sandbox, csv, { ...again, config: { resume: true, openFields: other } })).rejects.toMatchObject({
        code: 'HCI_RESUME_MISMATCH',
      });
    }
    const resumed = await harness.run(sandbox, csv, { ...again, config: { resume: true, openFields } });
    expect(resumed.reports.summary.status).toBe('finished');
    expect(sandbox.customers().every((customer) => customer.tags.some((tag) => tag.name === 'wave-1'))).toBe(true);
  });
});
