import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { call, codes, useSandboxes } from './sandbox-http.js';

const start = useSandboxes();

async function statuses(sandbox: Sandbox, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let index = 0; index < count; index += 1) result.push((await call(sandbox, 'GET', '/customers')).status);
  return result;
}

describe('faults', () => {
  it('answers 503 service_unavailable with faultRate 1, before storing anything', async () => {
    const sandbox = await start({ faultRate: 1 });
    const answer = await call(sandbox, 'POST', '/customers', { userId: 'u-1' });
    expect(answer.status).toBe(503);
    expect(codes(answer)).toEqual(['service_unavailable']);
    expect(sandbox.customers()).toEqual([]);
    expect(sandbox.stats().faults).toBe(1);
  });

  it('checks auth before injecting a fault', async () => {
    const sandbox = await start({ faultRate: 1 });
    expect((await call(sandbox, 'GET', '/customers', undefined, { key: 'wrong' })).status).toBe(401);
  });

  it('repeats the same fault sequence for the same seed, and another for another seed', async () => {
    const run = async (seed: number) => statuses(await start({ faultRate: 0.5, seed, rate: Number.POSITIVE_INFINITY }), 24);
    const first = await run(7);
    expect(new Set(first)).toEqual(new Set([200, 503]));
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
  });

  it('with dropRate 1, applies a write and closes the connection without an answer', async () => {
    const sandbox = await start({ dropRate: 1 });
    await expect(call(sandbox, 'POST', '/customers', { userId: 'u-1', name: 'Kept' })).rejects.toThrow();
    expect(sandbox.customers()).toEqual([expect.objectContaining({ id: 1, userId: 'u-1', name: 'Kept' })]);
    expect(sandbox.stats().drops).toBe(1);
  });

  it('drops batch updates after applying them too', async () => {
    const sandbox = await start({ dropRate: 1, customers: [{ userId: 'u-1', phone: '1' }] });
    await expect(call(sandbox, 'PUT', '/customers/batch', [{ customer: 1, userId: 'u-1' }])).rejects.toThrow();
    expect(sandbox.customers()[0]?.phone).toBeNull();
  });

  it('does not drop reads', async () => {
    const sandbox = await start({ dropRate: 1, customers: [{ userId: 'u-1' }] });
    expect((await call(sandbox, 'GET', '/customers/1')).status).toBe(200);
    expect(sandbox.stats().drops).toBe(0);
  });
});

describe('latency', () => {
  it('holds every answer for at least latencyMs, errors included', async () => {
    const sandbox = await start({ latencyMs: 120 });
    for (const key of [undefined, 'wrong']) {
      const began = performance.now();
      await call(sandbox, 'GET', '/customers', undefined, { key });
      // Timers may fire a millisecond early; the margin keeps the assertion about the delay, not the clock.
      expect(performance.now() - began).toBeGreaterThanOrEqual(115);
    }
  });

  it('answers a fast sandbox before a slow one started at the same moment', async () => {
    const slow = await start({ latencyMs: 200 });
    const fast = await start();
    const order: string[] = [];
    await Promise.all([
      call(slow, 'GET', '/customers').then(() => order.push('slow')),
      call(fast, 'GET', '/customers').then(() => order.push('fast')),
    ]);
    expect(order).toEqual(['fast', 'slow']);
  });

  it('closes promptly even while a request is waiting out its latency', async () => {
    const sandbox = await start({ latencyMs: 60_000 });
    const pending = call(sandbox, 'GET', '/customers');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.close();
    await expect(pending).rejects.toThrow();
  });
});
