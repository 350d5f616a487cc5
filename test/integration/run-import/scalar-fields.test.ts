import { describe, expect, it } from 'vitest';
import { csvOf, expectReconciled, richCustomer, useImportHarness, writesSeen } from './harness.js';

const harness = useImportHarness();

const HEADER = ['user_id', 'name', 'email', 'Notes', 'Created at', 'Last seen', 'Language', 'Unsubscribed', 'Blocked'];
// 2024-05-02T09:12:45Z
const SECONDS = '1714641165';

/** A row of HEADER for `u-<i>` with the scalar cells given. */
const row = (i: number, cells: readonly string[]): string[] => [`u-${i}`, `Name ${i}`, `n${i}@example.com`, ...cells];

describe('the scalar fields against the sandbox', () => {
  it('creates customers with every scalar field in the wire form, then sends nothing for the same file again', async () => {
    const sandbox = await harness.sandbox();
    const csv = csvOf(HEADER, [
      row(1, ['"Met at the expo\nwants a demo"', '2024-05-02T09:12:45Z', '1714641165000', 'Español', 'yes', 'N']),
      row(2, ['', '2024-05-02 11:12:45', SECONDS, 'pt_BR', '0', 'TRUE']),
    ]);
    const first = await harness.run(sandbox, csv, { config: { timezone: 'Europe/Berlin' } });
    expect(first.exitCode).toBe(0);
    expectReconciled(first, sandbox);
    const stored = new Map(sandbox.customers().map((customer) => [customer.userId, customer]));
    expect(stored.get('u-1')).toMatchObject({
      notes: 'Met at the expo\nwants a demo',
      firstSeen: SECONDS,
      lastSeen: SECONDS,
      locale: 'es',
      unsubscribed: true,
      blocked: false,
    });
    // 11:12:45 without a zone, read in Berlin (UTC+2 in May).
    expect(stored.get('u-2')).toMatchObject({ notes: null, firstSeen: SECONDS, locale: 'pt', unsubscribed: false, blocked: true });
    expect(first.reports.summary.options).toMatchObject({ timezone: 'Europe/Berlin', dateFormat: null });

    sandbox.resetStats();
    const again = await harness.run(sandbox, csv, { config: { timezone: 'Europe/Berlin' } });
    expect(again.reports.summary.counts).toMatchObject({ valid: 2, unchanged: 2, created: 0, updated: 0 });
    expect(writesSeen(sandbox)).toBe(0);
  });

  it('updates only what changed, keeps every other stored field, and takes a stored code in another case as unchanged', async () => {
    // u-1 holds locale de, firstSeen 1600000000, unsubscribed false, notes, tags and custom data.
    const sandbox = await harness.sandbox({ customers: [richCustomer(1), { ...richCustomer(2), locale: 'ES' }] });
    const csv = csvOf(
      ['user_id', 'name', 'email', 'Language', 'first_seen', 'unsubscribed'],
      [
        ['u-1', 'Name 1', 'n1@example.com', 'English', '2024-05-02T09:12:45Z', 'yes'],
        ['u-2', 'Name 2', 'n2@example.com', 'español', '1600000000', 'true'],
      ],
    );
    const run = await harness.run(sandbox, csv);
    expect(run.reports.summary.counts).toMatchObject({ updated: 1, unchanged: 1 });
    const [one, two] = sandbox.customers();
    expect(one).toMatchObject({
      locale: 'en',
      firstSeen: SECONDS,
      unsubscribed: true,
      notes: 'Customer since 2019, ticket #1',
      company: 'Company 1',
      tags: [
        { name: 'vip', color: '#ff0000' },
        { name: 'cohort-1', color: null },
      ],
      customData: { plan: 'pro', seats: 1, trial: false },
    });
    expect(two).toMatchObject({ locale: 'ES', firstSeen: '1600000000', unsubscribed: true });
  });

  it('keeps stored values for blank cells by default and clears them with --blanks clear', async () => {
    const customers = [{ ...richCustomer(1), lastSeen: '1700000000', blocked: true }];
    const csv = csvOf(HEADER, [row(1, ['', '', '', '', '', ''])]);
    const keepSandbox = await harness.sandbox({ customers });
    const keep = await harness.run(keepSandbox, csv);
    expect(keep.reports.summary.counts.unchanged).toBe(1);
    expect(writesSeen(keepSandbox)).toBe(0);

    const clearSandbox = await harness.sandbox({ customers });
    const clear = await harness.run(clearSandbox, csv, { config: { blanks: 'clear' } });
    expect(clear.reports.summary.counts.updated).toBe(1);
    expect(clearSandbox.customers()[0]).toMatchObject({
      notes: null,
      firstSeen: null,
      lastSeen: null,
      locale: null,
      unsubscribed: null,
      blocked: null,
      company: 'Company 1',
    });
    clearSandbox.resetStats();
    const again = await harness.run(clearSandbox, csv, { config: { blanks: 'clear' } });
    expect(again.reports.summary.counts.unchanged).toBe(1);
    expect(writesSeen(clearSandbox)).toBe(0);
  });

  it('rejects each bad value with its code and imports nothing of that row', async () => {
    const sandbox = await harness.sandbox();
    const csv = csvOf(HEADER, [
      row(1, ['', 'last tuesday', '', '', '', '']),
      row(2, ['', '', '02/05/2024', '', '', '']),
      row(3, ['', '', '', 'Klingon', '', '']),
      row(4, ['', '', '', '', 'maybe', '']),
      row(5, ['n'.repeat(256), '', '', '', '', '']),
      row(6, ['fine', '2024-05-02', '', 'en', 'no', 'unknown']),
      row(7, ['fine', '2024-05-02', '', 'en', 'no', 'no']),
    ]);
    const run = await harness.run(sandbox, csv, { config: { failOn: 'none' } });
    expect(run.reports.rejects.map((reject) => [reject['user_id'], reject['_reason_code']])).toEqual([
      ['u-1', 'invalid_date'],
      ['u-2', 'ambiguous_date'],
      ['u-3', 'invalid_locale'],
      ['u-4', 'invalid_boolean'],
      ['u-5', 'field_too_long'],
      ['u-6', 'invalid_boolean'],
    ]);
    expect(run.reports.rejects[1]?.['_reason']).toContain('last_seen "02/05/2024" could be day/month/year or month/day/year');
    expect(run.reports.summary.reasons).toEqual({
      invalid_date: 1,
      ambiguous_date: 1,
      invalid_locale: 1,
      invalid_boolean: 2,
      field_too_long: 1,
    });
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['u-7']);
  });

  it('reads slashed dates by --date-format and dates without a zone in --timezone', async () => {
    const sandbox = await harness.sandbox();
    const csv = csvOf(['user_id', 'name', 'email', 'Signed up'], [['u-1', 'Ann', 'a@example.com', '05/02/2024 05:12:45']]);
    const run = await harness.run(sandbox, csv, { config: { dateFormat: 'MDY', timezone: 'America/New_York' } });
    expect(run.exitCode).toBe(0);
    expect(sandbox.customers()[0]?.firstSeen).toBe(SECONDS);
    expect(run.reports.summary.options).toMatchObject({ timezone: 'America/New_York', dateFormat: 'MDY' });
    expect(run.reports.journal?.[0]).toMatchObject({ type: 'header', settings: { timezone: 'America/New_York', dateFormat: 'MDY' } });
  });
});
