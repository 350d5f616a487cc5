/**
 * A fake timeline for a whole run against the in-process sandbox, so pacing is asserted on a clock the
 * test owns instead of the wall clock. `now` and `sleep` go to RunDeps (and `now` to the sandbox's rate
 * window); `track` wraps the client so time stands still while a request is on the wire. Whenever nothing
 * is on the wire, time jumps to the earliest sleeper: a paced minute takes a few real milliseconds.
 */

/** The clock of a fake timeline, and a way to put a client on it. */
export interface FakeTimeline {
  now(): number;
  sleep(ms: number): Promise<void>;
  /**
   * The client with every call on this timeline: its start time is recorded in `starts`, it takes no time
   * on the wire, and its answer (or error) comes `latencyMs` of fake time later.
   */
  track<T extends object>(client: T, latencyMs?: number): T;
  /** Fake start time of every call through a tracked client, in order. */
  readonly starts: number[];
}

export function createFakeTimeline(start = 0): FakeTimeline {
  let time = start;
  let sequence = 0;
  let onWire = 0;
  let advancing = false;
  const timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  const starts: number[] = [];

  // setImmediate runs once the microtasks queued by the last wake-up have drained, so a request that
  // wake-up starts is on the wire (and holds time still) before the next jump.
  const advance = (): void => {
    if (advancing) return;
    advancing = true;
    setImmediate(() => {
      advancing = false;
      if (onWire > 0) return;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = timers.shift();
      if (next === undefined) return;
      time = Math.max(time, next.at);
      next.resolve();
      advance();
    });
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      timers.push({ at: time + Math.max(0, ms), seq: sequence++, resolve });
      advance();
    });

  const call = async (invoke: () => unknown, latencyMs: number): Promise<unknown> => {
    starts.push(time);
    onWire += 1;
    let answer: { value: unknown } | { error: unknown };
    try {
      answer = { value: await invoke() };
    } catch (error) {
      answer = { error };
    } finally {
      onWire -= 1;
      advance();
    }
    if (latencyMs > 0) await sleep(latencyMs);
    if ('error' in answer) throw answer.error;
    return answer.value;
  };

  return {
    now: () => time,
    sleep,
    starts,
    track<T extends object>(client: T, latencyMs = 0): T {
      return new Proxy(client, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property);
          if (typeof value !== 'function' || property === 'close') return value;
          return (...args: unknown[]) => call(() => (value as (...a: unknown[]) => unknown).apply(target, args), latencyMs);
        },
      });
    },
  };
}
