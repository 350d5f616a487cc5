import { describe, expect, it } from 'vitest';
import { createPacer, type Pacer, type PacerOptions } from '../../../src/api/pacer.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';

function setup(options: Omit<PacerOptions, 'now' | 'sleep'>): { clock: FakeClock; pacer: Pacer } {
  const clock = createFakeClock();
  // Exact arithmetic: the safety margin has its own test below.
  return { clock, pacer: createPacer({ safetyMargin: 1, ...options, now: clock.now, sleep: clock.sleep }) };
}

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] ?? 0));

/** The most starts any window of `windowMs` holds (windows anchored on each start, which is where maxima sit). */
function maxInWindow(times: number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

/** The spacing the pacer keeps now: the gap between the next two starts. */
async function startGap(clock: FakeClock, pacer: Pacer): Promise<number> {
  const starts: number[] = [];
  const done = [0, 1].map(() => pacer.schedule(async () => starts.push(clock.now())));
  await clock.run(clock.now() + 60_000);
  await Promise.all(done);
  return (starts[1] ?? 0) - (starts[0] ?? 0);
}

describe('createPacer', () => {
  it('starts tasks exactly one interval apart, the first at once', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60 });
    const starts: number[] = [];
    const done = Array.from({ length: 10 }, () => pacer.schedule(async () => starts.push(clock.now())));
    await clock.run();
    await Promise.all(done);
    expect(starts).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
  });

  it('by default spaces starts 1% wider than the rate, as slack for clock jitter against the server', async () => {
    const clock = createFakeClock();
    const pacer = createPacer({ ratePerMinute: 60, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    const done = Array.from({ length: 3 }, () => pacer.schedule(async () => starts.push(clock.now())));
    await clock.run();
    await Promise.all(done);
    expect(starts).toEqual([0, 1010, 2020]);
  });

  it('does not let late timers add up: each start keeps to its slot on the timeline', async () => {
    let time = 0;
    const lateSleep = async (ms: number): Promise<void> => {
      time += ms + 3;
    };
    const pacer = createPacer({ ratePerMinute: 60, safetyMargin: 1, now: () => time, sleep: lateSleep });
    const starts: number[] = [];
    for (let i = 0; i < 4; i += 1) await pacer.schedule(async () => starts.push(time));
    expect(starts).toEqual([0, 1003, 2003, 3003]);
  });

  it('never lets a sliding minute hold more than `rate` starts, with tasks of mixed durations', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 30 });
    const starts: number[] = [];
    const durations = [0, 5_000, 300, 12_000, 50, 7_000, 1_999];
    const done = Array.from({ length: 120 }, (_, i) =>
      pacer.schedule(async () => {
        starts.push(clock.now());
        await clock.sleep(durations[i % durations.length] ?? 0);
      }),
    );
    await clock.run();
    await Promise.all(done);
    expect(starts).toHaveLength(120);
    expect(maxInWindow(starts, 60_000)).toBe(30);
    expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(2_000);
  });

  it('with an infinite rate, starts every task at once: the caller bounds what is in flight', async () => {
    const { clock, pacer } = setup({ ratePerMinute: Infinity });
    const starts: number[] = [];
    const done = Array.from({ length: 6 }, () =>
      pacer.schedule(async () => {
        starts.push(clock.now());
        await clock.sleep(10);
      }),
    );
    await clock.run();
    await Promise.all(done);
    expect(starts).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('tells once how long a 429 holds every start, and not the ordinary spacing', async () => {
    const holds: number[] = [];
    const { clock, pacer } = setup({ ratePerMinute: 60, onHold: (ms) => holds.push(ms) });
    const done = Array.from({ length: 6 }, (_, i) =>
      pacer.schedule(async () => {
        if (i === 2) pacer.penalize(10_000);
      }),
    );
    await clock.run();
    await Promise.all(done);
    // The 429 came at 2 s for 10 s; the pacer finds the hold at its next turn (3 s), 9 s still to wait.
    expect(holds).toEqual([9_000]);
  });

  it('after a 429 holds all starts until Retry-After, slows down, then recovers to the configured pace', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60, recoverAfter: 3 });
    const starts: number[] = [];
    const done = Array.from({ length: 20 }, (_, i) =>
      pacer.schedule(async () => {
        starts.push(clock.now());
        if (i === 2) pacer.penalize(10_000);
      }),
    );
    await clock.run();
    await Promise.all(done);
    expect(starts.slice(0, 3)).toEqual([0, 1000, 2000]);
    expect(starts[3]).toBe(12_000);
    expect(starts[4]).toBe(13_500);
    const later = gaps(starts).slice(3);
    expect(later.every((gap, i) => i === 0 || gap <= (later[i - 1] ?? 0))).toBe(true);
    expect(Math.max(...later)).toBe(1500);
    expect(later.at(-1)).toBe(1000);
  });

  it('counts several 429s from one burst of in-flight requests as one slowdown', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60 });
    pacer.penalize();
    pacer.penalize();
    pacer.penalize();
    expect(await startGap(clock, pacer)).toBe(1500);
  });

  it('slows down no further than maxSlowdown', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60, maxSlowdown: 2 });
    for (let i = 0; i < 10; i += 1) {
      pacer.penalize();
      await clock.run(clock.now() + 60_000);
    }
    expect(await startGap(clock, pacer)).toBe(2000);
  });

  it('passes results and rejections through, and a failing task does not stall the queue', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 120 });
    const failing = pacer.schedule(() => Promise.reject(new Error('nope')));
    const throwing = pacer.schedule((): Promise<number> => {
      throw new Error('sync');
    });
    const ok = pacer.schedule(async () => 42);
    const settled = Promise.allSettled([failing, throwing, ok]);
    await clock.run();
    const [a, b, c] = await settled;
    expect(a).toMatchObject({ status: 'rejected', reason: { message: 'nope' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { message: 'sync' } });
    expect(c).toEqual({ status: 'fulfilled', value: 42 });
  });

  it('rejects a rate that cannot work', () => {
    expect(() => createPacer({ ratePerMinute: 0 })).toThrow(RangeError);
  });
});

describe('createPacer when its sleep is interrupted', () => {
  it('rejects every waiting task with the reason and leaves the started one alone', async () => {
    const stop = new Error('interrupted');
    const pacer = createPacer({ ratePerMinute: 60, now: () => 0, sleep: () => Promise.reject(stop) });
    const first = pacer.schedule(async () => 'ran');
    const waiting = [pacer.schedule(async () => 'no'), pacer.schedule(async () => 'no')];
    await expect(first).resolves.toBe('ran');
    for (const task of waiting) await expect(task).rejects.toBe(stop);
  });
});
