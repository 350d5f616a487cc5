import { describe, expect, it } from 'vitest';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import { createFakeTimeline } from '../../helpers/fake-timeline.js';
import { contactsCsv, expectReconciled, useImportHarness } from './harness.js';

const harness = useImportHarness();
const RATE = 120;

describe('runImport against the sandbox: pacing', () => {
  // On a fake timeline shared by the run and the sandbox's rate window, so the pace is exact and the test
  // takes no wall-clock minutes. The latencies: well under the interval, and three times it (then only
  // requests in flight together keep the pace).
  it.each([50, 1_500])('keeps close to the configured rate without tripping the account limit (latency %i ms)', async (latencyMs) => {
    const timeline = createFakeTimeline(Date.parse('2026-01-01T00:00:00Z'));
    // HelpCrunch's own limit: 120 in any minute, and the client is told exactly that. The run (151
    // requests, about 76 s) outlasts the window.
    const sandbox = await harness.sandbox({ rate: RATE, windowMs: 60_000, now: timeline.now });
    const run = await harness.run(sandbox, contactsCsv(150), {
      config: { ratePerMinute: RATE },
      deps: {
        now: timeline.now,
        sleep: timeline.sleep,
        connect: (t) => timeline.track(createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey }), latencyMs),
      },
    });

    expectReconciled(run, sandbox);
    const { summary } = run.reports;
    expect(summary.counts).toMatchObject({ created: 150, failed: 0 });
    const { total, rateLimited } = summary.requests;
    expect(timeline.starts).toHaveLength(total);
    // requests ÷ elapsed against the configured rate: a ratio of the run's own figures (the last answer's latency included).
    const achieved = (total / summary.timings.durationMs) * 60_000;
    const ratio = achieved / RATE;
    const share = `${(ratio * 100).toFixed(1)}% of ${RATE}/min`;
    const figures = `${total} requests in ${summary.timings.durationMs} ms: ${share}, ${rateLimited} rate-limited`;
    expect(ratio, figures).toBeGreaterThanOrEqual(0.95);
    expect(ratio, figures).toBeLessThanOrEqual(1);
    expect(rateLimited, figures).toBe(0);
    // The starts themselves: evenly spaced (never a burst), and no slower than the 1% safety margin. After
    // the first page only: the run waits for its answer (the key check) before it sends anything else.
    const paced = timeline.starts.slice(1);
    const gaps = paced.slice(1).map((at, i) => at - (paced[i] ?? at));
    expect(Math.min(...gaps), 'the shortest gap between starts').toBeGreaterThanOrEqual(60_000 / RATE);
    const span = (paced.at(-1) ?? 0) - (paced[0] ?? 0);
    expect((gaps.length / span) * 60_000, 'starts per minute').toBeGreaterThanOrEqual(RATE * 0.99);
  });
});
