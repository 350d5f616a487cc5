/**
 * A virtual clock for pacing tests: `sleep` parks a promise until `run` advances time to it, so timing
 * tests are instant and exact. `run` flushes pending callbacks before every jump in time.
 */
export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Advances time timer by timer until nothing is waiting (or `until` is reached). */
  run(until?: number): Promise<void>;
}

export function createFakeClock(start = 0): FakeClock {
  let time = start;
  let sequence = 0;
  const timers: Array<{ at: number; seq: number; resolve: () => void }> = [];

  // setImmediate runs after the whole microtask queue has drained, including microtasks it queues.
  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  return {
    now: () => time,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        timers.push({ at: time + Math.max(0, ms), seq: sequence++, resolve });
      }),
    async run(until = Infinity) {
      for (;;) {
        await flush();
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers[0];
        if (next === undefined || next.at > until) break;
        timers.shift();
        time = Math.max(time, next.at);
        next.resolve();
      }
      if (Number.isFinite(until)) time = Math.max(time, until);
      await flush();
    },
  };
}
