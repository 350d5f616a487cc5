import { describe, expect, it } from 'vitest';
import type { CustomerFields } from '../../../src/api/customer-api.js';
import type { ValidRow } from '../../../src/model.js';
import { planRow, UNREADABLE_STORED } from '../../../src/upsert/plan-upserts.js';
import type { RowOutcome } from '../../../src/upsert/ports.js';
import { writeRows, type PlannedRow, type WriteOptions } from '../../../src/upsert/write-rows.js';
import { spillDir } from '../plan/spill-dir.js';
import { openPlanSpill } from '../../../src/plan/plan-spill.js';
import { apiError, countingSender, FakeCustomerApi, noAnswer, type FakeOptions } from './fake-customer-api.js';

const row = (i: number, extra: Partial<ValidRow['contact']> = {}): ValidRow => ({
  line: i + 2,
  cells: [],
  contact: { userId: `u-${i}`, name: `Name ${i}`, email: `n${i}@example.com`, ...extra },
});

/** Plans `rows` against what `api` holds, as `prepare` would. */
function plan(api: FakeCustomerApi, rows: ValidRow[]): PlannedRow[] {
  return rows.map((r) => ({ row: r, plan: planRow(r.contact, api.byUserId(r.contact.userId)[0]) }));
}

/** Reads the whole stream, as the core does; `seen` hears of each outcome as it is yielded. */
type CollectOptions = Omit<WriteOptions, 'beforeSend'> & Partial<Pick<WriteOptions, 'beforeSend'>>;

async function collect(options: CollectOptions, seen?: (o: RowOutcome) => void) {
  const outcomes: RowOutcome[] = [];
  for await (const outcome of writeRows({ ...options, beforeSend: options.beforeSend ?? (() => undefined) })) {
    outcomes.push(outcome);
    seen?.(outcome);
  }
  return outcomes;
}

/** The counts a caller would keep, and the rows the stream left without an outcome. */
function tally(outcomes: RowOutcome[], rows: number) {
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0, skipped_exists: 0, skipped_not_found: 0 };
  for (const outcome of outcomes) counts[outcome.action] += 1;
  return { ...counts, notAttempted: rows - outcomes.length };
}

async function apply(options: FakeOptions, rows: ValidRow[], planned?: PlannedRow[], signal?: AbortSignal) {
  const api = new FakeCustomerApi(options);
  const sender = countingSender();
  const events: string[] = [];
  const toWrite = planned ?? plan(api, rows);
  const outcomes = await collect(
    { api, sender, rows: toWrite, signal, beforeSend: (sent, action) => events.push(`${action}:${sent.map((r) => r.line).join(',')}`) },
    (outcome) => events.push(`${outcome.action}:${outcome.line}`),
  );
  return { api, sender, outcomes, events, result: tally(outcomes, toWrite.length) };
}

const existing = (i: number, extra: CustomerFields = {}): CustomerFields => ({
  userId: `u-${i}`,
  name: `Name ${i}`,
  email: `n${i}@example.com`,
  ...extra,
});

describe('writeRows', () => {
  it('streams a plan longer than its window: batches stay full across windows and take the follow-ups last', async () => {
    const stored = Array.from({ length: 1_006 }, (_, i) => existing(i));
    const rows = Array.from({ length: 1_005 }, (_, i) => row(i, { name: `New ${i}` }));
    const api = new FakeCustomerApi({ customers: stored });
    // u-1005 is planned as a create but taken: its update joins the last batch.
    const planned = [...plan(api, rows), { row: row(1_005, { name: 'Late' }), plan: planRow(row(1_005, { name: 'Late' }).contact) }];
    const { dir, done } = spillDir();
    try {
      const spill = openPlanSpill(dir);
      for (const entry of planned) spill.add(entry);
      const sender = countingSender();
      const outcomes = await collect({ api, sender, rows: spill.finish() });
      expect(tally(outcomes, planned.length)).toMatchObject({ updated: 1_006, notAttempted: 0 });
      expect(sender.counts).toEqual({ lookup: 1, create: 1, update: 101, delete: 0 });
    } finally {
      done();
    }
  });

  it('creates new rows, batches updates by ten and sends nothing for unchanged rows', async () => {
    const stored = [...Array.from({ length: 12 }, (_, i) => existing(i, { notes: 'keep me' })), existing(12)];
    const rows = [...Array.from({ length: 12 }, (_, i) => row(i, { name: `New ${i}` })), row(12), row(13), row(14)];
    const { api, sender, result, outcomes } = await apply({ customers: stored }, rows);
    expect(result).toMatchObject({ created: 2, updated: 12, unchanged: 1, failed: 0, notAttempted: 0 });
    expect(sender.counts).toEqual({ lookup: 0, create: 2, update: 2, delete: 0 });
    expect(api.byUserId('u-3')[0]?.fields).toMatchObject({ name: 'New 3', notes: 'keep me' });
    expect(outcomes).toHaveLength(15);
  });

  it('announces every write before sending it', async () => {
    const { events } = await apply({ customers: [existing(1)] }, [row(0), row(1, { name: 'X' })]);
    expect(events).toEqual(['create:2', 'created:2', 'update:3', 'updated:3']);
  });

  it('records the intent synchronously before the request leaves', async () => {
    const order: string[] = [];
    const api = new FakeCustomerApi({ onCreate: (fields) => void order.push(`send:${String(fields.userId)}`) });
    const beforeSend: WriteOptions['beforeSend'] = (rows) => order.push(`intent:${rows.map((r) => r.contact.userId).join()}`);
    await collect({ api, sender: countingSender(), rows: plan(api, [row(0), row(1)]), beforeSend });
    expect(order).toEqual(['intent:u-0', 'send:u-0', 'intent:u-1', 'send:u-1']);
  });

  it('turns "userId taken" into an update that shares the batch, keeping what the customer holds', async () => {
    // Planned as create, as if the customer appeared after the lookup.
    const planned: PlannedRow[] = [
      { row: row(5, { name: 'Late' }), plan: planRow(row(5, { name: 'Late' }).contact) },
      { row: row(6), plan: planRow(row(6).contact) },
    ];
    const { api, sender, outcomes } = await apply({ customers: [existing(5, { phone: '123' })] }, [], planned);
    expect(api.customers).toHaveLength(2);
    expect(api.byUserId('u-5')).toHaveLength(1);
    expect(api.byUserId('u-5')[0]?.fields).toMatchObject({ name: 'Late', phone: '123' });
    expect(outcomes.find((o) => o.userId === 'u-5')).toMatchObject({ action: 'updated', id: 1 });
    expect(sender.counts).toEqual({ lookup: 1, create: 2, update: 1, delete: 0 });
  });

  it('fails, with no update, a taken userId whose customer holds custom data it cannot read and the row sets', async () => {
    const r = row(5, { customData: { plan: 'pro' } });
    const planned: PlannedRow[] = [{ row: r, plan: planRow(r.contact) }];
    const odd = [{ key: 'seats', value: 3 }];
    const { api, sender, outcomes } = await apply(
      {
        customers: [existing(5)],
        searchAnswer: (_ids, _page, honest) => ({ ...honest, data: honest.data.map((c) => ({ ...c, unknown: { customData: odd } })) }),
      },
      [],
      planned,
    );
    expect(outcomes).toEqual([expect.objectContaining({ line: 7, action: 'failed', code: UNREADABLE_STORED })]);
    expect(sender.counts.update).toBe(0);
    expect(api.byUserId('u-5')[0]?.fields).toEqual(existing(5));
  });

  it('reports a taken userId that already holds the row as unchanged, with no update', async () => {
    const planned: PlannedRow[] = [{ row: row(5), plan: planRow(row(5).contact) }];
    const { sender, outcomes } = await apply({ customers: [existing(5)] }, [], planned);
    expect(outcomes).toEqual([{ line: 7, userId: 'u-5', action: 'unchanged', id: 1 }]);
    expect(sender.counts.update).toBe(0);
  });

  it('looks a lost create up instead of sending it again when it was applied', async () => {
    const { api, sender, outcomes } = await apply({ onCreate: () => 'apply-then-lose' }, [row(0), row(1)]);
    expect(api.customers).toHaveLength(2);
    expect(sender.counts).toEqual({ lookup: 2, create: 2, update: 0, delete: 0 });
    expect(outcomes.map((o) => o.action)).toEqual(['created', 'created']);
  });

  it('sends a lost create again when the lookup shows it was not applied', async () => {
    const onCreate = (_: CustomerFields, attempt: number): void => {
      if (attempt === 1) throw noAnswer();
    };
    const { api, sender, outcomes } = await apply({ onCreate }, [row(0)]);
    expect(api.byUserId('u-0')).toHaveLength(1);
    expect(sender.counts).toEqual({ lookup: 1, create: 2, update: 0, delete: 0 });
    expect(outcomes).toEqual([{ line: 2, userId: 'u-0', action: 'created', id: 1 }]);
  });

  it('counts as created when a retried create finds the first attempt landed late', async () => {
    // Attempt 1 is lost and not yet visible; attempt 2 then meets it as "userId taken".
    let pending: CustomerFields | undefined;
    const api = new FakeCustomerApi({
      onCreate: (fields, attempt) => {
        if (attempt === 1) {
          pending = fields;
          throw apiError(502, []);
        }
        if (pending !== undefined) api.customers.push({ id: 99, fields: pending });
      },
    });
    const outcomes = await collect({ api, sender: countingSender(), rows: plan(api, [row(0)]) });
    expect(api.byUserId('u-0')).toHaveLength(1);
    expect(outcomes).toEqual([{ line: 2, userId: 'u-0', action: 'created', id: 99 }]);
  });

  it('stops the run, with the row left in flight, when its creates are refused eight times and never land', async () => {
    const api = new FakeCustomerApi({
      onCreate: () => {
        throw apiError(503, ['service_unavailable']);
      },
    });
    const sender = countingSender();
    const intents: number[] = [];
    const outcomes: RowOutcome[] = [];
    const writes = collect(
      {
        api,
        sender,
        rows: plan(api, [row(0), row(1), row(2)]),
        concurrency: 1,
        beforeSend: (rows) => intents.push(...rows.map((r) => r.line)),
      },
      (outcome) => outcomes.push(outcome),
    );
    await expect(writes).rejects.toMatchObject({ status: 503 });
    expect(api.customers).toHaveLength(0);
    // Each attempt after a lookup proved the one before it did not land; the next rows are not burnt the same way.
    expect(sender.counts).toEqual({ lookup: 8, create: 8, update: 0, delete: 0 });
    expect(new Set(intents)).toEqual(new Set([2]));
    expect(outcomes).toEqual([]);
  });

  it('fails a create the API refuses, with its specific code, and goes on', async () => {
    const onCreate = (fields: CustomerFields): void => {
      if (fields.userId === 'u-1') throw apiError(400, ['invalid_request', 'invalid_email_value'], 'bad email');
    };
    const { outcomes, result } = await apply({ onCreate }, [row(0), row(1), row(2)]);
    expect(result).toMatchObject({ created: 2, failed: 1 });
    expect(outcomes.find((o) => o.userId === 'u-1')).toEqual({
      line: 3,
      userId: 'u-1',
      action: 'failed',
      status: 400,
      code: 'invalid_email_value',
      message: 'bad email',
    });
  });

  it('isolates the one bad item of a batch: it fails, the other nine land', async () => {
    const customers = Array.from({ length: 10 }, (_, i) => existing(i, { company: 'Old' }));
    const rows = Array.from({ length: 10 }, (_, i) => row(i, { company: 'New' }));
    const rejectItem = (item: { id: number }) => (item.id === 7 ? 'invalid_notes_value' : undefined);
    const { api, sender, outcomes } = await apply({ customers, rejectItem }, rows);
    expect(outcomes.filter((o) => o.action === 'updated')).toHaveLength(9);
    expect(outcomes.find((o) => o.action === 'failed')).toMatchObject({ userId: 'u-6', status: 400, code: 'invalid_notes_value' });
    expect(api.customers.filter((c) => c.fields.company === 'New')).toHaveLength(9);
    // 10 → 5+5 → the bad 5 → 3+2 → the bad 3 → 2+1 → the bad 2 → 1+1: 1 + 2 + 2 + 2 + 2 requests.
    expect(sender.counts.update).toBe(9);
  });

  it('stops the run on 401 once the requests in flight have settled', async () => {
    const onCreate = (): void => {
      throw apiError(401, ['unauthorized']);
    };
    const api = new FakeCustomerApi({ onCreate });
    const rows = Array.from({ length: 20 }, (_, i) => row(i));
    const seen: RowOutcome[] = [];
    await expect(collect({ api, sender: countingSender(), rows: plan(api, rows) }, (o) => seen.push(o))).rejects.toMatchObject({
      status: 401,
    });
    expect(seen).toEqual([]);
    expect(api.count('create')).toBeLessThanOrEqual(4);
    expect(api.customers).toHaveLength(0);
  });

  it('takes no new work once aborted, yields what was in flight, and ends without an error', async () => {
    const controller = new AbortController();
    const onCreate = (fields: CustomerFields): void => {
      if (fields.userId === 'u-0') controller.abort();
    };
    const rows = Array.from({ length: 30 }, (_, i) => row(i));
    const { api, result } = await apply({ onCreate }, rows, undefined, controller.signal);
    expect(api.count('create')).toBeLessThanOrEqual(4);
    expect(result.created + result.notAttempted).toBe(30);
    expect(result.created).toBe(api.customers.length);
  });
});
