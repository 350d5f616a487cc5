import { describe, expect, it } from 'vitest';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import type { SandboxOptions } from '../../../src/sandbox/start-sandbox.js';
import { createFakeTimeline } from '../../helpers/fake-timeline.js';
import { contactsCsv, expectReconciled, type ImportOutcome, useImportHarness } from './harness.js';

const harness = useImportHarness();
const START = Date.parse('2026-01-01T00:00:00Z');

/** A run of `rows` creates at `--rate`, against a sandbox on a fake timeline shared with the run. */
async function timedRun(rows: number, ratePerMinute: number, sandboxOptions: SandboxOptions, maxWaitMs?: number, latencyMs = 50) {
  const timeline = createFakeTimeline(START);
  const sandbox = await harness.sandbox({ ...sandboxOptions, now: timeline.now });
  const run = await harness.run(sandbox, contactsCsv(rows), {
    config: { ratePerMinute, ...(maxWaitMs === undefined ? {} : { maxWaitMs }) },
    deps: {
      now: timeline.now,
      sleep: timeline.sleep,
      connect: (t) => timeline.track(createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey }), latencyMs),
    },
  });
  return { run, sandbox, ms: timeline.now() - START };
}

const figures = ({ reports }: ImportOutcome, ms: number): string =>
  `${reports.summary.requests.total} requests, ${reports.summary.requests.rateLimited} rate-limited, ${ms} ms`;

describe('runImport against the sandbox: a 429 storm', () => {
  // The scenario: a sandbox limit of 30 per 15 s (120/min), --rate 240, 120 creates. The time at
  // the allowed rate (--rate 120, no 429) is the baseline; both on the same fake timeline, so exact.
  const limit = { rate: 30, windowMs: 15_000 };

  it.each([
    [false, 50, 1.3],
    [true, 50, 1.1],
    // Answers slower than the spacing: several requests are in flight when the limit is hit.
    [false, 700, 1.3],
    [true, 700, 1.1],
  ])(
    'Retry-After %s, latency %i ms: costs at most %f× the time at the allowed rate, and no row fails',
    async (retryAfter, latencyMs, most) => {
      const baseline = await timedRun(120, 120, { ...limit, retryAfter }, undefined, latencyMs);
      expect(baseline.run.reports.summary.requests.rateLimited).toBe(0);
      const storm = await timedRun(120, 240, { ...limit, retryAfter }, undefined, latencyMs);
      expectReconciled(storm.run, storm.sandbox);
      expect(storm.run.reports.summary.counts).toMatchObject({ created: 120, failed: 0 });
      expect(storm.run.reports.summary.requests.rateLimited).toBeGreaterThan(0);
      const ratio = storm.ms / baseline.ms;
      expect(ratio, `${figures(storm.run, storm.ms)} vs ${baseline.ms} ms`).toBeLessThanOrEqual(most);
    },
  );

  it('rides out a storm far longer than 8 attempts without failing a row (another integration took the budget)', async () => {
    // One request a minute gets through: the last of 12 waits 12 minutes, its 429s far past 8 attempts.
    const { run, sandbox } = await timedRun(12, 120, { rate: 1, windowMs: 60_000, retryAfter: false });
    expectReconciled(run, sandbox);
    expect(run.exitCode).toBe(0);
    expect(run.reports.summary.counts).toMatchObject({ created: 12, failed: 0 });
    expect(run.reports.failures).toEqual([]);
  });

  it('stops with exit 5 and a resumable journal once a storm outlasts --max-wait', async () => {
    // The key's budget is gone for an hour (another integration): nothing gets through after the first 5.
    const { run } = await timedRun(10, 120, { rate: 5, windowMs: 3_600_000, retryAfter: false }, 120_000);
    expect(run.exitCode).toBe(5);
    expect(run.reports.summary.status).toBe('stopped');
    expect(run.resumable).toBe(true);
    expect(run.error?.message).toMatch(/429.*2 min.*--max-wait/);
    expect(run.reports.summary.counts.failed).toBe(0);
    const waiting = run.events.filter((event) => event.type === 'waiting');
    expect(waiting.at(-1)).toMatchObject({ reason: expect.stringMatching(/rate limited for .* stops after 2 min, --max-wait/) });
  });

  it("stops at --max-wait when Retry-After asks for longer (an hour): the wait is the pacer's, capped by --max-wait", async () => {
    const { run, ms } = await timedRun(10, 120, { rate: 5, windowMs: 3_600_000, retryAfter: true }, 120_000);
    expect(run.exitCode).toBe(5);
    expect(run.error?.message).toMatch(/429.*2 min.*--max-wait/);
    expect(run.reports.summary.counts.failed).toBe(0);
    // Not the runner's own sleep of Retry-After (clamped to 10 min) before it asks the pacer again.
    expect(ms).toBeLessThan(150_000);
  });

  it('a storm from the first request on also stops at --max-wait, and the run can be started again with --resume', async () => {
    const { run } = await timedRun(10, 120, { rate: 0, windowMs: 60_000, retryAfter: false }, 60_000);
    expect(run.exitCode).toBe(5);
    expect(run.reports.summary).toMatchObject({ status: 'stopped', error: { code: 'HCI_REMOTE_FAILED' } });
    expect(run.reports.journal).toBeUndefined();
    expect(run.resumable).toBe(true);
  });
});
