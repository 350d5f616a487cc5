import { describe, expect, it } from 'vitest';
import { runPool } from '../../../src/upsert/worker-pool.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('runPool', () => {
  it('keeps at most `concurrency` jobs in flight: the one cap on writes in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const started = await runPool(
      Array.from({ length: 12 }, (_, i) => i),
      async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await tick();
        inFlight -= 1;
      },
      { concurrency: 4 },
    );
    expect(started).toBe(12);
    expect(peak).toBe(4);
  });

  it('takes no new job once aborted; the jobs in flight finish', async () => {
    const controller = new AbortController();
    const finished: number[] = [];
    const started = await runPool(
      Array.from({ length: 20 }, (_, i) => i),
      async (job) => {
        if (job === 2) controller.abort();
        await tick();
        finished.push(job);
      },
      { concurrency: 3, signal: controller.signal },
    );
    expect(started).toBe(3);
    expect(finished.sort()).toEqual([0, 1, 2]);
  });

  it('throws the first error once every job in flight has settled', async () => {
    const finished: number[] = [];
    const run = runPool(
      [0, 1, 2, 3, 4, 5],
      async (job) => {
        if (job === 0) throw new Error('first');
        await tick();
        finished.push(job);
      },
      { concurrency: 3 },
    );
    await expect(run).rejects.toThrow('first');
    expect(finished.sort()).toEqual([1, 2]);
  });
});
