import { describe, expect, it } from 'vitest';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import { createFakeTimeline } from '../../helpers/fake-timeline.js';
import { contactsCsv, plainCustomers, useImportHarness } from './harness.js';

const harness = useImportHarness();
const RATE = 600;
const LATENCY_MS = 300;

/** A keyed dry run (lookups only) of `rows` userIds from `from`, against an account of `account` customers. */
async function lookupRun(account: number, rows: number, from: number, concurrency: number) {
  const timeline = createFakeTimeline(Date.parse('2026-01-01T00:00:00Z'));
  const sandbox = await harness.sandbox({ customers: plainCustomers(account) });
  const run = await harness.run(sandbox, contactsCsv(rows, { from }), {
    config: { ratePerMinute: RATE, concurrency, dryRun: true },
    deps: {
      now: timeline.now,
      sleep: timeline.sleep,
      connect: (t) => timeline.track(createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey }), LATENCY_MS),
    },
  });
  expect(run.exitCode).toBe(0);
  // After page 0 (the key check, waited for): the lookups' own pace, start to start.
  const starts = timeline.starts.slice(1);
  const span = (starts.at(-1) ?? 0) - (starts[0] ?? 0);
  const mostInFlight = Math.max(...starts.map((t) => starts.filter((u) => u > t - LATENCY_MS && u <= t).length));
  return { run, sandbox, starts, ratio: ((starts.length - 1) / span) * (60_000 / RATE), mostInFlight };
}

describe('runImport against the sandbox: lookups keep the pace at 300 ms latency', () => {
  // At 600/min a request may start every 101 ms, but an answer takes 300 ms: one lookup at a time would
  // reach a third of the rate. Pages and search chunks in flight together, bounded by --concurrency, keep it;
  // the first page or chunk goes alone (a server that ignores offset, or takes fewer filters), one latency per lookup.
  it.each([
    ['lists', 4_000, 1_000, 3_000, 'GET /customers'],
    ['searches', 5_000, 400, 1_000, 'POST /customers/search'],
  ] as const)('%s at ≥ 0.9 of the configured rate, never more in flight than --concurrency', async (_what, account, rows, from, route) => {
    const { run, sandbox, starts, ratio, mostInFlight } = await lookupRun(account, rows, from, 4);
    expect(sandbox.stats().byRoute[route]).toBe(starts.length + (route === 'GET /customers' ? 1 : 0));
    expect(run.summary.plan).toMatchObject({ unchanged: rows });
    expect(starts.length).toBeGreaterThan(15);
    expect(ratio, `${starts.length} lookups`).toBeGreaterThanOrEqual(0.9);
    expect(mostInFlight).toBeLessThanOrEqual(4);
  });

  it('with --concurrency 1 sends one lookup at a time (and so reaches only a third of the rate)', async () => {
    const { ratio, mostInFlight } = await lookupRun(4_000, 1_000, 3_000, 1);
    expect(mostInFlight).toBe(1);
    expect(ratio).toBeLessThan(0.4);
  });
});
