import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { call, codes, useSandboxes } from './sandbox-http.js';

const start = useSandboxes();

async function statuses(sandbox: Sandbox, count: number, key?: string): Promise<number[]> {
  const result: number[] = [];
  for (let index = 0; index < count; index += 1) {
    result.push((await call(sandbox, 'GET', '/customers', undefined, { key })).status);
  }
  return result;
}

/** Sleeps until `ms` have passed since `since` (a `performance.now()` reading). */
const sleepUntil = (since: number, ms: number) => sleep(Math.max(0, since + ms - performance.now()));

describe('rate limit', () => {
  it('serves 120 requests a minute by default and answers the 121st with 429 too_many_requests', async () => {
    const sandbox = await start();
    const result = await statuses(sandbox, 121);
    expect(result.slice(0, 120).every((status) => status === 200)).toBe(true);
    const refused = await call(sandbox, 'GET', '/customers');
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['too_many_requests']);
    expect(sandbox.stats().rateLimited).toBe(2);
  });

  it('sends Retry-After in whole seconds until the oldest request leaves the window, rounded up', async () => {
    const sandbox = await start({ rate: 1, windowMs: 2_500 });
    await call(sandbox, 'GET', '/customers');
    const refused = await call(sandbox, 'GET', '/customers');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3');
  });

  it('never sends a Retry-After below 1', async () => {
    const sandbox = await start({ rate: 1, windowMs: 300 });
    await call(sandbox, 'GET', '/customers');
    expect((await call(sandbox, 'GET', '/customers')).headers.get('retry-after')).toBe('1');
  });

  it('leaves Retry-After out when retryAfter is false', async () => {
    const sandbox = await start({ rate: 1, retryAfter: false });
    await call(sandbox, 'GET', '/customers');
    const refused = await call(sandbox, 'GET', '/customers');
    expect(refused.status).toBe(429);
    expect(refused.headers.has('retry-after')).toBe(false);
  });

  it('slides: a slot frees when its own request leaves the window, not at a fixed boundary', async () => {
    const sandbox = await start({ rate: 2, windowMs: 600 });
    const first = performance.now();
    await call(sandbox, 'GET', '/customers');
    const firstServed = performance.now();
    await sleepUntil(first, 250);
    expect(await statuses(sandbox, 2)).toEqual([200, 429]);
    await sleepUntil(firstServed, 620);
    // The first request has left; the second (at ~250 ms) is still inside, so exactly one slot is free.
    expect(await statuses(sandbox, 2)).toEqual([200, 429]);
  });

  it('serves again after windowMs, and 429 answers do not use up the budget', async () => {
    const sandbox = await start({ rate: 2, windowMs: 500 });
    expect(await statuses(sandbox, 2)).toEqual([200, 200]);
    const served = performance.now();
    await sleepUntil(served, 100);
    expect(await statuses(sandbox, 3)).toEqual([429, 429, 429]);
    await sleepUntil(served, 520);
    expect(await statuses(sandbox, 2)).toEqual([200, 200]);
  });

  it('does not charge requests refused with 401', async () => {
    const sandbox = await start({ rate: 2 });
    expect(await statuses(sandbox, 3, 'wrong')).toEqual([401, 401, 401]);
    expect(await statuses(sandbox, 3)).toEqual([200, 200, 429]);
  });

  it('charges every route from one budget', async () => {
    const sandbox = await start({ rate: 2 });
    await call(sandbox, 'POST', '/customers', { userId: 'u-1' });
    await call(sandbox, 'GET', '/nowhere');
    const refused = await call(sandbox, 'POST', '/customers', { userId: 'u-2' });
    expect(refused.status).toBe(429);
    expect(sandbox.customers()).toHaveLength(1);
  });

  it('has no limit with rate Infinity', async () => {
    const sandbox = await start({ rate: Number.POSITIVE_INFINITY });
    expect(new Set(await statuses(sandbox, 150))).toEqual(new Set([200]));
  });
});
