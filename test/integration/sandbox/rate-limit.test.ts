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

/** The rate window's clock, set by the test: the window is checked on a timeline the test controls, not the wall clock. */
function manualClock(): { now: () => number; set: (ms: number) => void } {
  let time = 0;
  return { now: () => time, set: (ms) => (time = ms) };
}

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
    const clock = manualClock();
    const sandbox = await start({ rate: 1, windowMs: 2_500, now: clock.now });
    await call(sandbox, 'GET', '/customers');
    const refused = await call(sandbox, 'GET', '/customers');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3');
    clock.set(1_400); // 1.1 s left: still rounded up
    expect((await call(sandbox, 'GET', '/customers')).headers.get('retry-after')).toBe('2');
  });

  it('never sends a Retry-After below 1', async () => {
    const clock = manualClock();
    const sandbox = await start({ rate: 1, windowMs: 300, now: clock.now });
    await call(sandbox, 'GET', '/customers');
    expect((await call(sandbox, 'GET', '/customers')).headers.get('retry-after')).toBe('1');
    clock.set(299); // 1 ms left
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
    const clock = manualClock();
    const sandbox = await start({ rate: 2, windowMs: 600, now: clock.now });
    await call(sandbox, 'GET', '/customers');
    clock.set(250);
    expect(await statuses(sandbox, 2)).toEqual([200, 429]);
    clock.set(599); // both still inside
    expect(await statuses(sandbox, 1)).toEqual([429]);
    clock.set(600);
    // The first request has left; the second (at 250 ms) is still inside, so exactly one slot is free.
    expect(await statuses(sandbox, 2)).toEqual([200, 429]);
  });

  it('serves again after windowMs, and 429 answers do not use up the budget', async () => {
    const clock = manualClock();
    const sandbox = await start({ rate: 2, windowMs: 500, now: clock.now });
    expect(await statuses(sandbox, 2)).toEqual([200, 200]);
    clock.set(100);
    expect(await statuses(sandbox, 3)).toEqual([429, 429, 429]);
    clock.set(500);
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
