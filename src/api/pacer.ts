/**
 * Paces request starts to the account's rate limit. Starts are spaced evenly (never a burst), so no sliding
 * minute holds more than `ratePerMinute` starts. How many requests may be in flight is the caller's one cap
 * (the write pool's width), not the pacer's. A 429 opens an episode (rate-episode.ts): every start is held
 * until the limit has room, the pace drops to what the account let through, then probes back up.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { createRateEpisodes } from './rate-episode.js';

/** The rate to keep, the clock, and how a 429 is waited out. */
export interface PacerOptions {
  /** Requests per minute the account allows; `Infinity` turns pacing off (the sandbox's fast mode). */
  ratePerMinute: number;
  /** Milliseconds on a monotonic clock. Default `performance.now`. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Spacing factor over the exact interval; default 1.01. Evenly spaced starts fill a sliding window
   * exactly, so any jitter between our clock and the server's (a late timer, a slow hop) would put one
   * request too many in some window; 1% of a minute is 600 ms of slack for that, at a 1% cost in pace.
   */
  safetyMargin?: number;
  /** Told when a 429 makes every start wait: at least `ms` more, in a storm that has lasted `stormMs`. */
  onHold?: (ms: number, stormMs: number) => void;
  /** Successes after a 429 that bring the pace back from its floor to the configured one. Default 40. */
  recoverAfter?: number;
  /** How long 429s may hold every start, with no success between, before the run stops. Default 30 min. */
  maxWaitMs?: number;
}

/** Hands out request starts at the account's pace. */
export interface Pacer {
  /** Runs `task` once its turn comes; resolves or rejects with it. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /**
   * Reports a 429 of a request started at `startedAt`: holds new starts for `retryAfterMs` when known,
   * else until a probe gets through, and lowers the pace to what the account let through.
   */
  penalize(retryAfterMs?: number, startedAt?: number): void;
}

const MINUTE = 60_000;
/** A start at most this late for the time it slept until (a late timer) keeps that time, so lateness does not add up. */
const LATE_TOLERANCE_MS = 25;
/** The longest single sleep while a hold may end early (a probe got through): the pump looks again this often. */
const HOLD_TICK_MS = 250;

/** Creates a pacer; all timing goes through the injected `now` and `sleep`. */
export function createPacer(options: PacerOptions): Pacer {
  const { ratePerMinute, recoverAfter = 40, safetyMargin = 1.01 } = options;
  if (!(ratePerMinute > 0)) throw new RangeError('ratePerMinute must be above 0');
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const baseInterval = Number.isFinite(ratePerMinute) ? (MINUTE / ratePerMinute) * safetyMargin : 0;
  const episodes = createRateEpisodes({ baseInterval, safetyMargin, recoverAfter, maxWaitMs: options.maxWaitMs, onHold: options.onHold });
  let lastStart = -Infinity;
  const queue: Array<{ start: () => void; reject: (error: unknown) => void }> = [];
  let pumping = false;
  let sleptUntil: number | undefined;

  function schedule<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        const startedAt = now();
        Promise.resolve()
          .then(task)
          .then(
            (value) => {
              episodes.succeeded(startedAt, now());
              resolve(value);
            },
            (error: unknown) => reject(error),
          );
      };
      queue.push({ start, reject });
      void pump();
    });
  }

  // A single loop hands out starts, so spacing holds however many callers schedule at once.
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const at = now();
        episodes.checkWait(at);
        // Recomputed after every wait: a 429 or a probe's success may have come while sleeping.
        const gate = episodes.gate(at);
        const wait = Math.max(lastStart + episodes.interval(), gate.until) - at;
        if (wait > 0) {
          const step = gate.mayOpen ? Math.min(wait, Math.max(HOLD_TICK_MS, episodes.interval())) : wait;
          sleptUntil = at + step;
          await sleep(step);
          continue;
        }
        recordStart(sleptUntil);
        sleptUntil = undefined;
        episodes.started(lastStart);
        queue.shift()?.start();
      }
    } catch (error) {
      // A sleep that rejects (an interrupted run) or a storm past --max-wait fails every waiting task.
      for (const job of queue.splice(0)) job.reject(error);
    } finally {
      pumping = false;
    }
  }

  function recordStart(target: number | undefined): void {
    const at = now();
    // Anything but a slightly late timer (an idle spell, a wait for a free slot) restarts the timeline from now.
    const late = target === undefined ? Infinity : at - target;
    const interval = episodes.interval();
    lastStart = late >= 0 && late <= Math.min(LATE_TOLERANCE_MS, interval / 10) ? (target ?? at) : at;
  }

  return { schedule, penalize: (retryAfterMs, startedAt) => episodes.refused(now(), retryAfterMs, startedAt) };
}
