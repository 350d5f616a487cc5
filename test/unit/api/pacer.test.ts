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

  /** A task that records its start and, while `refused(at)`, fails like a 429 and tells the pacer. */
  const attempt =
    (clock: FakeClock, pacer: Pacer, starts: number[], refused: (at: number) => boolean, retryAfterMs?: number) => async () => {
      const at = clock.now();
      starts.push(at);
      if (!refused(at)) return;
      pacer.penalize(retryAfterMs, at);
      throw new Error('429');
    };

  it('tells once how long a 429 holds every start, and not the ordinary spacing', async () => {
    const holds: number[] = [];
    const { clock, pacer } = setup({ ratePerMinute: 60, onHold: (ms) => holds.push(ms) });
    const starts: number[] = [];
    const done = Array.from({ length: 6 }, () => pacer.schedule(attempt(clock, pacer, starts, (at) => at === 2_000, 10_000)));
    const settled = Promise.allSettled(done);
    await clock.run();
    await settled;
    expect(holds).toEqual([10_000]);
  });

  it('after a 429 with Retry-After holds all starts until then, paces at what got through, then climbs back', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60, recoverAfter: 3 });
    const starts: number[] = [];
    const done = Array.from({ length: 20 }, () => pacer.schedule(attempt(clock, pacer, starts, (at) => at === 2_000, 10_000)));
    const settled = Promise.allSettled(done);
    await clock.run();
    await settled;
    expect(starts.slice(0, 4)).toEqual([0, 1000, 2000, 12_000]);
    // Two starts got through in the 12 s the window took to open again: one per 6 s, then back up.
    const later = gaps(starts).slice(3);
    expect(later[0]).toBe(6_000);
    expect(later.every((gap, i) => i === 0 || gap <= (later[i - 1] ?? 0))).toBe(true);
    expect(later.at(-1)).toBe(1000);
  });

  it('without Retry-After holds every start, sends one probe per growing period, and paces at what got through', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60 });
    const starts: number[] = [];
    const done = Array.from({ length: 8 }, () => pacer.schedule(attempt(clock, pacer, starts, (at) => at >= 2_000 && at < 6_000)));
    const settled = Promise.allSettled(done);
    await clock.run();
    await settled;
    // Refused at 2 s; probes 1 s, 1.5 s and 2.25 s apart; the one at 6.75 s gets through. Two starts in 6.75 s.
    expect(starts.slice(0, 7)).toEqual([0, 1000, 2000, 3000, 4500, 6750, 10_125]);
  });

  it('does not lengthen the probe period for 429s of requests sent before the storm began', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60 });
    await clock.run(500);
    for (let i = 0; i < 3; i += 1) pacer.penalize(undefined, 0);
    const starts: number[] = [];
    const done = pacer.schedule(async () => starts.push(clock.now()));
    await clock.run();
    await done;
    expect(starts).toEqual([1_500]);
  });

  it('fails every waiting task with a rate-limited error once a storm outlasts maxWaitMs', async () => {
    const { clock, pacer } = setup({ ratePerMinute: 60, maxWaitMs: 10_000 });
    const starts: number[] = [];
    const done = Array.from({ length: 8 }, () => pacer.schedule(attempt(clock, pacer, starts, () => true)));
    const allSettled = Promise.allSettled(done);
    await clock.run();
    const settled = await allSettled;
    expect(starts).toEqual([0, 1000, 2500, 4750, 8125]);
    expect(clock.now()).toBe(10_000);
    for (const result of settled.slice(5)) {
      expect(result).toMatchObject({ status: 'rejected', reason: { kind: 'rate-limited', message: expect.stringMatching(/10 s/) } });
    }
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
