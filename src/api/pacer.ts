/**
 * Paces request starts to the account's rate limit. Starts are spaced evenly (never a burst), so no sliding
 * minute holds more than `ratePerMinute` starts. How many requests may be in flight is the caller's one cap
 * (the write pool's width), not the pacer's. After a 429 it holds and slows down, then recovers.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** The rate to keep, the clock, and how hard a 429 slows things down. */
export interface PacerOptions {
  /** Requests per minute the account allows; `Infinity` turns pacing off (the sandbox's fast mode). */
  ratePerMinute: number;
  /** Milliseconds on a monotonic clock. Default `performance.now`. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Interval multiplier per 429. Default 1.5. */
  slowdownFactor?: number;
  /** The slowest pace, as a multiple of the configured interval. Default 8. */
  maxSlowdown?: number;
  /**
   * Spacing factor over the exact interval; default 1.01. Evenly spaced starts fill a sliding window
   * exactly, so any jitter between our clock and the server's (a late timer, a slow hop) would put one
   * request too many in some window; 1% of a minute is 600 ms of slack for that, at a 1% cost in pace.
   */
  safetyMargin?: number;
  /** Told when a 429's hold (Retry-After) makes every start wait, with how long; once per hold. */
  onHold?: (ms: number) => void;
  /** Successful tasks after which the interval takes one step back toward the configured one. Default 20. */
  recoverAfter?: number;
}

/** Hands out request starts at the account's pace. */
export interface Pacer {
  /** Runs `task` once its turn comes; resolves or rejects with it. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** Reports a 429: holds new starts for `retryAfterMs` (when known) and slows the pace. */
  penalize(retryAfterMs?: number): void;
}

const MINUTE = 60_000;
/** A start at most this late for the time it slept until (a late timer) keeps that time, so lateness does not add up. */
const LATE_TOLERANCE_MS = 25;
/** Each recovery step divides the interval by this: gentler than the slowdown, so the pace does not flap. */
const RECOVERY_FACTOR = 1.2;

/** Creates a pacer; all timing goes through the injected `now` and `sleep`. */
export function createPacer(options: PacerOptions): Pacer {
  const { ratePerMinute, slowdownFactor = 1.5, maxSlowdown = 8, recoverAfter = 20, safetyMargin = 1.01 } = options;
  if (!(ratePerMinute > 0)) throw new RangeError('ratePerMinute must be above 0');
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const baseInterval = Number.isFinite(ratePerMinute) ? (MINUTE / ratePerMinute) * safetyMargin : 0;
  let interval = baseInterval;
  let lastStart = -Infinity;
  let holdUntil = -Infinity;
  let lastPenalty = -Infinity;
  let successStreak = 0;
  const queue: Array<{ start: () => void; reject: (error: unknown) => void }> = [];
  let pumping = false;
  let sleptUntil: number | undefined;
  let heldUntil = -Infinity;

  function schedule<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        Promise.resolve()
          .then(task)
          .then(
            (value) => {
              recordSuccess();
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
        // Recomputed after every wait: a penalty may have arrived while sleeping.
        const wait = Math.max(lastStart + interval, holdUntil) - now();
        if (wait > 0) {
          if (holdUntil > lastStart + interval && holdUntil !== heldUntil) {
            heldUntil = holdUntil;
            options.onHold?.(wait);
          }
          sleptUntil = now() + wait;
          await sleep(wait);
          continue;
        }
        recordStart(sleptUntil);
        sleptUntil = undefined;
        queue.shift()?.start();
      }
    } catch (error) {
      // A sleep that rejects (an interrupted run) fails every waiting task instead of leaving it hanging.
      for (const job of queue.splice(0)) job.reject(error);
    } finally {
      pumping = false;
    }
  }

  function recordStart(target: number | undefined): void {
    const at = now();
    // Anything but a slightly late timer (an idle spell, a wait for a free slot) restarts the timeline from now.
    const late = target === undefined ? Infinity : at - target;
    lastStart = late >= 0 && late <= Math.min(LATE_TOLERANCE_MS, interval / 10) ? (target ?? at) : at;
  }

  function recordSuccess(): void {
    successStreak += 1;
    if (successStreak < recoverAfter || interval <= baseInterval) return;
    successStreak = 0;
    interval = Math.max(baseInterval, interval / RECOVERY_FACTOR);
  }

  function penalize(retryAfterMs?: number): void {
    const at = now();
    successStreak = 0;
    if (retryAfterMs !== undefined && retryAfterMs > 0) holdUntil = Math.max(holdUntil, at + retryAfterMs);
    // Requests in flight together tend to hit the limit together: one slowdown per burst, not one per 429.
    if (at - lastPenalty >= interval) interval = Math.min(baseInterval * maxSlowdown, interval * slowdownFactor);
    lastPenalty = at;
  }

  return { schedule, penalize };
}
