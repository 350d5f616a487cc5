import { afterEach, describe, expect, it } from 'vitest';
import { NoAnswerError } from '../../../src/api/api-errors.js';
import type { CustomerApi } from '../../../src/api/customer-api.js';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import { createPacer } from '../../../src/api/pacer.js';
import { createRequestRunner, type RequestRunner } from '../../../src/api/request-runner.js';
import type { RetryPolicyOptions } from '../../../src/api/retry-policy.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/start-sandbox.js';
import { createFakeTimeline } from '../../helpers/fake-timeline.js';

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of opened.splice(0)) await item.close();
});

async function setup(
  sandboxOptions: SandboxOptions,
  ratePerMinute: number,
  policy: RetryPolicyOptions = {},
): Promise<{ sandbox: Sandbox; api: CustomerApi; runner: RequestRunner }> {
  const sandbox = await startSandbox(sandboxOptions);
  const api = createHelpCrunchClient({ baseUrl: sandbox.url, apiKey: sandbox.key, timeoutMs: 5_000 });
  opened.push(api, sandbox);
  const runner = createRequestRunner({ pacer: createPacer({ ratePerMinute }), policy });
  return { sandbox, api, runner };
}

/**
 * `setup` with the pacer, the retry waits and the sandbox's rate window on one fake timeline: the
 * sandbox's window is enforced as before, but a second of it passes without waiting a real second.
 */
async function setupOnFakeTime(
  sandboxOptions: SandboxOptions,
  ratePerMinute: number,
): Promise<{ sandbox: Sandbox; api: CustomerApi; runner: RequestRunner }> {
  const timeline = createFakeTimeline();
  const sandbox = await startSandbox({ ...sandboxOptions, now: timeline.now });
  const client = createHelpCrunchClient({ baseUrl: sandbox.url, apiKey: sandbox.key, timeoutMs: 5_000 });
  opened.push(client, sandbox);
  const pacer = createPacer({ ratePerMinute, now: timeline.now, sleep: timeline.sleep });
  return { sandbox, api: timeline.track(client), runner: createRequestRunner({ pacer, sleep: timeline.sleep }) };
}

/** 30 creates and 30 lookups, all at once, as the engine's workers would send them. */
function load(api: CustomerApi, runner: RequestRunner): Promise<unknown[]> {
  return Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      i % 2 === 0
        ? runner.run('create', () => api.createCustomer({ userId: `r-${i}`, name: `Row ${i}` }), { idempotent: false })
        : runner.run('lookup', () => api.searchByUserIds([`r-${i - 1}`], { offset: 0, limit: 10 }), { idempotent: true }),
    ),
  );
}

describe('request runner against the sandbox', () => {
  it('paced to the limit (20 per second), completes every request with 429s rare', async () => {
    const { sandbox, api, runner } = await setupOnFakeTime({ rate: 20, windowMs: 1_000 }, 20 * 60);
    await load(api, runner);
    expect(sandbox.customers()).toHaveLength(30);
    const stats = runner.stats();
    expect(stats.byKind).toMatchObject({ create: expect.any(Number), lookup: expect.any(Number) });
    expect(stats.requests).toBe(sandbox.stats().requests);
    expect(stats.rateLimited).toBe(sandbox.stats().rateLimited);
    expect(stats.rateLimited).toBeLessThanOrEqual(3);
  });

  it('unpaced, the same load meets the limit and still completes through retries', async () => {
    // The control for the test above: the sandbox does enforce the limit, so the pacer is what avoids 429s.
    const { sandbox, api, runner } = await setupOnFakeTime({ rate: 20, windowMs: 1_000 }, Infinity);
    await load(api, runner);
    expect(sandbox.customers()).toHaveLength(30);
    expect(runner.stats().rateLimited).toBeGreaterThan(3);
    expect(runner.stats().retries).toBe(runner.stats().rateLimited);
  });

  it('retries lookups through injected 503s, and never resends a create whose answer was lost', async () => {
    // Short backoff: the point is which requests are retried, not how long the waits are.
    const flaky = await setup({ faultRate: 0.5, seed: 7 }, Infinity, { baseDelayMs: 5, maxDelayMs: 50 });
    const pages = await Promise.all(
      Array.from({ length: 10 }, () =>
        flaky.runner.run('lookup', () => flaky.api.listCustomers({ offset: 0, limit: 10 }), { idempotent: true }),
      ),
    );
    expect(pages).toHaveLength(10);
    expect(flaky.runner.stats().retries).toBe(flaky.sandbox.stats().faults);
    expect(flaky.sandbox.stats().faults).toBeGreaterThan(0);

    const dropping = await setup({ dropRate: 1 }, Infinity);
    const create = dropping.runner.run('create', () => dropping.api.createCustomer({ userId: 'once' }), { idempotent: false });
    await expect(create).rejects.toBeInstanceOf(NoAnswerError);
    expect(dropping.runner.stats()).toMatchObject({ requests: 1, retries: 0 });
    expect(dropping.sandbox.customers()).toHaveLength(1);
  });
});
