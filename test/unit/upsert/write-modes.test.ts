import { describe, expect, it } from 'vitest';
import type { StoredCustomer } from '../../../src/api/customer-api.js';
import { writeSettings, verifyExitCode, adoptableWarning } from '../../../src/core/write-settings.js';
import { differences } from '../../../src/journal/resume-check.js';
import type { OutcomeSettings } from '../../../src/journal/journal.js';
import type { PlanSummary } from '../../../src/report/summary.js';
import { adoptPlan, isAdoptable } from '../../../src/upsert/adopt-by-email.js';
import { planRow } from '../../../src/upsert/plan-upserts.js';
import { applyMode, countPlans, type WritePlan } from '../../../src/upsert/write-modes.js';
import { writeRows } from '../../../src/upsert/write-rows.js';
import { countingSender, FakeCustomerApi } from './fake-customer-api.js';
import { DEFAULT_SETTINGS, journalStateOf } from '../../helpers/journal-state.js';

const contact = { userId: 'u-1', name: 'Ann', email: 'ann@example.com' };
const stored = (id: number, userId: string | null, name = 'Ann'): StoredCustomer => ({
  id,
  fields: { userId, name, email: 'ann@example.com' },
});

describe('applyMode', () => {
  const create = planRow(contact);
  const update = planRow(contact, stored(4, 'u-1', 'Old'));
  const unchanged = planRow(contact, stored(4, 'u-1'));

  it('upsert keeps every plan', () => {
    for (const plan of [create, update, unchanged]) expect(applyMode(plan, 'upsert')).toBe(plan);
  });

  it('create-only skips every existing customer, changed or not, and keeps creates', () => {
    expect(applyMode(update, 'create-only')).toEqual({ action: 'skip', outcome: 'skipped_exists', id: 4 });
    expect(applyMode(unchanged, 'create-only')).toEqual({ action: 'skip', outcome: 'skipped_exists', id: 4 });
    expect(applyMode(create, 'create-only')).toBe(create);
  });

  it('update-only skips creates and keeps the rest', () => {
    expect(applyMode(create, 'update-only')).toEqual({ action: 'skip', outcome: 'skipped_not_found', id: null });
    expect(applyMode(update, 'update-only')).toBe(update);
  });

  it('counts skips and refusals apart', () => {
    const plans: WritePlan[] = [create, update, unchanged, applyMode(create, 'update-only'), { action: 'refuse', code: 'x', message: 'x' }];
    expect(countPlans(plans)).toEqual({ create: 1, update: 1, unchanged: 1, skipped: 1, failed: 1 });
  });
});

describe('writeRows with settled plans', () => {
  it('settles skips and refusals at once, without a request or an intent', async () => {
    const sender = countingSender();
    const intents: string[] = [];
    const row = (line: number) => ({ line, cells: [], contact: { ...contact, userId: `u-${line}` } });
    const outcomes = [];
    const writes = writeRows({
      api: new FakeCustomerApi(),
      sender,
      beforeSend: (_rows, action) => intents.push(action),
      rows: [
        { row: row(2), plan: { action: 'skip', outcome: 'skipped_exists', id: 7 } },
        { row: row(3), plan: { action: 'skip', outcome: 'skipped_not_found', id: null } },
        { row: row(4), plan: { action: 'refuse', code: 'email_ambiguous', message: 'two customers' } },
      ],
    });
    for await (const outcome of writes) outcomes.push(outcome);
    expect(outcomes).toEqual([
      { line: 2, userId: 'u-2', action: 'skipped_exists', id: 7 },
      { line: 3, userId: 'u-3', action: 'skipped_not_found', id: null },
      { line: 4, userId: 'u-4', action: 'failed', status: null, code: 'email_ambiguous', message: 'two customers' },
    ]);
    expect([sender.counts, intents]).toEqual([{ lookup: 0, create: 0, update: 0, delete: 0 }, []]);
  });
});

describe('adoptPlan', () => {
  it('adopts the one customer without a user id: its user id set, its record merged', () => {
    const plan = adoptPlan(contact, [stored(9, null, 'Widget Ann')]);
    expect(plan).toMatchObject({ action: 'update', id: 9, fields: { userId: 'u-1', name: 'Ann' } });
    expect(plan?.action === 'update' && plan.changes.map((change) => change.field)).toEqual(['user_id', 'name']);
  });

  it('never guesses: two without a user id, or one with another user id, are row failures', () => {
    expect(adoptPlan(contact, [stored(1, null), stored(2, null)])).toMatchObject({ action: 'refuse', code: 'email_ambiguous' });
    expect(adoptPlan(contact, [stored(1, 'other')])).toMatchObject({ action: 'refuse', code: 'email_has_other_user_id' });
    expect(adoptPlan(contact, [stored(1, null), stored(2, 'other')])).toMatchObject({ code: 'email_has_other_user_id' });
    expect(isAdoptable([stored(1, null), stored(2, 'other')])).toBe(false);
  });

  it('leaves a row whose email nobody has to be created', () => {
    expect(adoptPlan(contact, [])).toBeUndefined();
  });
});

describe('the settings and verdict of issue 14', () => {
  const base = DEFAULT_SETTINGS;
  const journalOf = (settings: OutcomeSettings) => journalStateOf(settings);

  it('journals the mode and adoption resolved, defaults too; an older journal without them reads as the defaults then', () => {
    // A later version with another default must see a difference, not two absent values.
    expect(writeSettings({})).toEqual({ mode: 'upsert', adoptByEmail: false });
    const createOnly = { ...base, ...writeSettings({ mode: 'create-only', adoptByEmail: true }) };
    expect(createOnly).toMatchObject({ mode: 'create-only', adoptByEmail: true });
    expect(differences(journalOf(base), 'abc', { ...base, ...writeSettings({}) })).toEqual([]);
    expect(differences(journalOf(createOnly), 'abc', { ...base, ...writeSettings({}) })).toEqual([
      'mode was create-only, now upsert',
      'adoptByEmail was true, now false',
    ]);
    expect(differences(journalOf(base), 'abc', createOnly)).toEqual([
      'mode was upsert, now create-only',
      'adoptByEmail was false, now true',
    ]);
  });

  const plan = (create: number, update: number, failed = 0) => ({ create, update, failed, adoptable: 0 }) as PlanSummary;
  it('verify exits 4 when an import would still change a row, else as a dry run', () => {
    expect(verifyExitCode({ verify: true }, 'finished', plan(0, 1))).toBe(4);
    expect(verifyExitCode({ verify: true }, 'finished', plan(0, 0, 1))).toBe(4);
    expect(verifyExitCode({ verify: true }, 'finished', plan(0, 0))).toBeUndefined();
    expect(verifyExitCode({ verify: false }, 'finished', plan(3, 0))).toBeUndefined();
    expect(verifyExitCode({ verify: true }, 'interrupted', plan(3, 0))).toBeUndefined();
  });

  it('warns about contacts a dry run could adopt', () => {
    expect(adoptableWarning({ ...plan(2, 0), adoptable: 2 })?.message).toBe(
      '2 rows match a contact without a user id: see --adopt-by-email.',
    );
    expect(adoptableWarning(plan(2, 0))).toBeUndefined();
  });
});
