import { describe, expect, it } from 'vitest';
import { contactsCsv, expectReconciled, useImportHarness } from './harness.js';

const harness = useImportHarness();

describe('runImport against the sandbox: pacing', () => {
  it.each([30, 60])('keeps close to the configured rate without tripping the account limit (latency %i ms)', async (latencyMs) => {
    // The sandbox runs in this process, so its first requests wait for code to compile; a throwaway
    // import warms it up, so the measured run shows the pacer rather than the JIT.
    await harness.run(await harness.sandbox(), contactsCsv(20));
    // The account allows 600 a minute (50 in any 5 s), and the client is told exactly that. The window
    // is shorter than HelpCrunch's minute to keep the test short, yet the run (61 requests) outlasts it.
    const sandbox = await harness.sandbox({ rate: 50, windowMs: 5_000, latencyMs });
    const run = await harness.run(sandbox, contactsCsv(60), { config: { ratePerMinute: 600 } });

    expectReconciled(run, sandbox);
    const { summary } = run.reports;
    expect(summary.counts).toMatchObject({ created: 60, failed: 0 });
    const { total, rateLimited } = summary.requests;
    // requests ÷ elapsed against the configured 600 a minute: a ratio of the run's own figures.
    const achieved = (total / summary.timings.durationMs) * 60_000;
    const ratio = achieved / 600;
    const figures = `${total} requests in ${summary.timings.durationMs} ms: ${(ratio * 100).toFixed(1)}% of 600/min, ${rateLimited} rate-limited`;
    expect(ratio, figures).toBeGreaterThanOrEqual(0.85);
    expect(ratio, figures).toBeLessThanOrEqual(1.02);
    expect(rateLimited, figures).toBeLessThanOrEqual(Math.floor(total * 0.02));
  });
});
