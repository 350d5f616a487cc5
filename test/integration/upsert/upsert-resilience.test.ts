import { readdirSync, readlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/api/pacer.js';
import { createRequestRunner } from '../../../src/api/request-runner.js';
import { PlanFile, planFolder } from '../../../src/plan/plan-files.js';
import type { RowOutcome } from '../../../src/upsert/ports.js';
import { preparePlan } from '../../../src/upsert/prepare-writes.js';
import { writeRows } from '../../../src/upsert/write-rows.js';
import { createFakeTimeline } from '../../helpers/fake-timeline.js';
import {
  customersPerUserId,
  drainWrites,
  makeRows,
  onRoute,
  plainCustomers,
  prepareWrites,
  runUpsert,
  useHarness,
  type Harness,
  type RunReport,
} from './upsert-harness.js';

const start = useHarness();

/** 40 stored customers changed and 20 new ones: creates, batches and a lookup-free plan. */
const mixedRows = () => makeRows(60, { change: (i) => (i < 40 ? { company: `Changed ${i}` } : {}) });

/** Every row has exactly one outcome, none failed, and the sandbox holds each userId exactly once. */
function expectAllLanded(harness: Harness, run: RunReport, rows: number): void {
  expect(run.outcomes).toHaveLength(rows);
  expect(new Set(run.outcomes.map((o) => o.line)).size).toBe(rows);
  expect(run.outcomes.filter((o) => o.action === 'failed')).toEqual([]);
  const perUserId = customersPerUserId(harness.sandbox.customers());
  expect([...perUserId.values()].every((count) => count === 1)).toBe(true);
  for (const outcome of run.outcomes) expect(perUserId.get(outcome.userId)).toBe(1);
}

describe('upsert against the sandbox: rate limits and lost answers', () => {
  it.each([true, false])('rides out a 429 storm (Retry-After sent: %s) and lands every row', async (retryAfter) => {
    // The pacer, the retry waits and the sandbox's window on a fake timeline: the storm takes no real seconds.
    const timeline = createFakeTimeline();
    const harness = await start({ customers: plainCustomers(40), rate: 10, windowMs: 500, retryAfter, now: timeline.now });
    // The account allows 1,200 a minute; the runner is told 6,000, so only its 429 handling can save the run.
    const runner = createRequestRunner({
      pacer: createPacer({ ratePerMinute: 6_000, now: timeline.now, sleep: timeline.sleep }),
      policy: { baseDelayMs: 50, maxDelayMs: 1_000 },
      sleep: timeline.sleep,
    });
    const run = await runUpsert({ ...harness, client: timeline.track(harness.client) }, mixedRows(), { runner });
    expect(run.stats.rateLimited).toBeGreaterThan(0);
    expect(run.result).toMatchObject({ created: 20, updated: 40, unchanged: 0, failed: 0, notAttempted: 0 });
    expectAllLanded(harness, run, 60);
    expect(harness.sandbox.customers().filter((c) => c.company?.startsWith('Changed'))).toHaveLength(40);
    // A 429 is not applied, so what was served stays within the budget: 1 + 20 creates + 4 batches.
    expect(run.served).toBe(25);
    expect(run.served).toBeLessThanOrEqual(run.budget);
  });

  it('stores every userId exactly once through 503s and dropped answers, and fails nothing', async () => {
    const harness = await start({ customers: plainCustomers(40), faultRate: 0.1, dropRate: 0.15, seed: 7 });
    const rows = makeRows(100, { change: (i) => (i < 40 ? { phone: `+1 ${i}` } : {}) });
    const run = await runUpsert(harness, rows);
    expect(run.stats.faults).toBeGreaterThan(0);
    expect(run.stats.drops).toBeGreaterThan(0);
    expect(run.result).toMatchObject({ created: 60, updated: 40, failed: 0, notAttempted: 0 });
    expectAllLanded(harness, run, 100);
    expect(harness.sandbox.customers()).toHaveLength(100);
    expect(harness.sandbox.customers().filter((c) => c.phone !== null)).toHaveLength(40);
    // A dropped create is looked up, never sent again: creates sent = 60 + those refused with 503 and retried.
    const created = onRoute(run.stats, 'POST /customers');
    expect(created).toBeGreaterThanOrEqual(60);
    expect(created - 60).toBeLessThanOrEqual(run.stats.faults);
  });

  it('finishes the requests in flight after an abort, takes no new work, and accounts for every row', async () => {
    const harness = await start({ latencyMs: 20 });
    const controller = new AbortController();
    const runner = createRequestRunner({ pacer: createPacer({ ratePerMinute: Infinity }) });
    const firstPage = await harness.client.listCustomers({ offset: 0, limit: 100 });
    const intents: number[] = [];
    const plan = await prepareWrites({ api: harness.client, sender: runner, rows: makeRows(40), firstPage });
    let seen = 0;
    const { outcomes, result } = await drainWrites(
      {
        api: harness.client,
        sender: runner,
        rows: plan.rows,
        signal: controller.signal,
        beforeSend: (rows) => intents.push(...rows.map((r) => r.line)),
      },
      () => {
        seen += 1;
        if (seen === 6) controller.abort();
      },
    );
    expect(result.interrupted).toBe(true);
    expect(result.created).toBe(harness.sandbox.customers().length);
    expect(result.created + result.notAttempted).toBe(40);
    // Everything announced before the abort was finished and reported, nothing more was sent.
    expect(outcomes.map((o) => o.line).sort()).toEqual([...intents].sort());
    expect(result.created).toBeLessThan(12);
  });
});

/** The descriptors this process holds open on files under `dir` (the spill files of one planning). */
function openFilesUnder(dir: string): string[] {
  const links: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(`${dir}/`)) links.push(target);
    } catch {
      // Closed between the listing and the read (the directory's own descriptor, another worker's file).
    }
  }
  return links;
}

describe('preparePlan when a lookup gives up', () => {
  it.each([
    ['--adopt-by-email', { adoptByEmail: true }],
    ['a keyed dry run counting adoptable rows', { countAdoptable: true }],
  ] as const)('closes every spill file when the email search fails (%s)', async (_name, searching) => {
    const healthy = await start();
    // The email search goes to a HelpCrunch that answers every request with a 503, over real HTTP.
    const down = await start({ faultRate: 1 });
    const runner = createRequestRunner({ pacer: createPacer({ ratePerMinute: Infinity }), policy: { maxAttempts: 2, baseDelayMs: 1 } });
    const firstPage = await healthy.client.listCustomers({ offset: 0, limit: 100 });
    const folder = planFolder(null);
    const dir = dirname(folder.path(PlanFile.raw));
    try {
      const planning = preparePlan({ api: down.client, sender: runner, rows: makeRows(5), firstPage, folder, ...searching });
      await expect(planning).rejects.toMatchObject({ status: 503 });
      expect(down.sandbox.stats().byRoute['POST /customers/search']).toBe(2);
      expect(openFilesUnder(dir)).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

describe('writeRows from a spilled plan', () => {
  it('closes the plan file it was reading when the run is aborted part-way', async () => {
    const harness = await start({ latencyMs: 5 });
    const runner = createRequestRunner({ pacer: createPacer({ ratePerMinute: Infinity }) });
    const firstPage = await harness.client.listCustomers({ offset: 0, limit: 100 });
    const folder = planFolder(null);
    const dir = dirname(folder.path(PlanFile.creates));
    try {
      const { plan } = await preparePlan({ api: harness.client, sender: runner, rows: makeRows(2_500), firstPage, folder });
      // Streamed from the plan files, as a run streams them (a thousand creates a window); aborted at the first outcome.
      const controller = new AbortController();
      const outcomes: RowOutcome[] = [];
      const writes = writeRows({ api: harness.client, sender: runner, rows: plan, signal: controller.signal, beforeSend: () => {} });
      for await (const outcome of writes) {
        outcomes.push(outcome);
        controller.abort();
      }
      expect(outcomes.length).toBeLessThan(10);
      expect(openFilesUnder(dir)).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

describe('upsert against the sandbox: a write outage', () => {
  it('backs off between create attempts and stops the run after one row, leaving it in flight, instead of burning every row', async () => {
    const harness = await start();
    // Creates go to a HelpCrunch that answers each with a 503 (over real HTTP); lookups to one that works.
    const down = await start({ faultRate: 1 });
    const client = { ...harness.client, createCustomer: down.client.createCustomer.bind(down.client) };
    const waits: number[] = [];
    const runner = createRequestRunner({
      pacer: createPacer({ ratePerMinute: Infinity }),
      policy: { baseDelayMs: 20, maxDelayMs: 400 },
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    const firstPage = await client.listCustomers({ offset: 0, limit: 100 });
    const plan = await prepareWrites({ api: client, sender: runner, rows: makeRows(6), firstPage });
    const intents: number[] = [];
    const outcomes: RowOutcome[] = [];
    const writes = drainWrites(
      { api: client, sender: runner, rows: plan.rows, concurrency: 1, beforeSend: (rows) => intents.push(...rows.map((r) => r.line)) },
      (outcome) => outcomes.push(outcome),
    );

    await expect(writes).rejects.toMatchObject({ status: 503 });
    // Eight creates, each refused, each followed by a lookup proving it did not land; then nothing more.
    expect(onRoute(down.sandbox.stats(), 'POST /customers')).toBe(8);
    expect(onRoute(harness.sandbox.stats(), 'POST /customers/search')).toBe(8);
    // Between the attempts, the runner's backoff (half its doubling ceiling, by the random source): 10 ms, 20 ms, …
    expect(waits).toEqual([10, 20, 40, 80, 160, 200, 200]);
    // The row is not failed: its intent is journaled and it has no outcome, so --resume looks it up and creates it.
    expect(outcomes).toEqual([]);
    expect(new Set(intents)).toEqual(new Set([2]));
    expect(harness.sandbox.customers()).toEqual([]);
  });

  it('ends without an error when the run is aborted during the backoff before a create is sent again', async () => {
    const harness = await start();
    const down = await start({ faultRate: 1 });
    const client = { ...harness.client, createCustomer: down.client.createCustomer.bind(down.client) };
    const controller = new AbortController();
    // The run's sleep, cancelled by its signal as the CLI's is; the backoff would be minutes long.
    const runner = createRequestRunner({
      pacer: createPacer({ ratePerMinute: Infinity }),
      policy: { baseDelayMs: 600_000, maxDelayMs: 600_000 },
      sleep: (ms) => delay(ms, undefined, { signal: controller.signal }),
      random: () => 0.5,
      onEvent: () => controller.abort(),
    });
    const firstPage = await client.listCustomers({ offset: 0, limit: 100 });
    const plan = await prepareWrites({ api: client, sender: runner, rows: makeRows(3), firstPage });
    const { outcomes, result } = await drainWrites({
      api: client,
      sender: runner,
      rows: plan.rows,
      concurrency: 1,
      signal: controller.signal,
    });
    expect(result.interrupted).toBe(true);
    // The refused row has no outcome (the lookup proved nothing landed): --resume sends it.
    expect(outcomes).toEqual([]);
    expect(onRoute(down.sandbox.stats(), 'POST /customers')).toBe(1);
  });
});
