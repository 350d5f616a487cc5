import { performance } from 'node:perf_hooks';

/** The verdict on one request: served, or refused with how long until the budget has room again. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A sliding-window limiter: at most `rate` served requests inside any `windowMs`. Refused requests are not
 * recorded, so a client hammering through 429s does not push its own recovery further away.
 */
export class RateWindow {
  readonly #rate: number;
  readonly #windowMs: number;
  readonly #clock: () => number;
  // A queue of served-request times; `#head` skips expired entries without shifting the array each time.
  #times: number[] = [];
  #head = 0;

  constructor(rate: number, windowMs: number, clock: () => number = () => performance.now()) {
    if (!(rate >= 0) || !(windowMs > 0)) throw new RangeError('rate must be >= 0 and windowMs > 0');
    this.#rate = rate;
    this.#windowMs = windowMs;
    this.#clock = clock;
  }

  /** Counts the request against the budget if there is room; otherwise leaves the budget untouched. */
  take(): RateDecision {
    if (this.#rate === Number.POSITIVE_INFINITY) return { allowed: true };
    const now = this.#clock();
    this.#expire(now);
    if (this.#times.length - this.#head < this.#rate) {
      this.#times.push(now);
      return { allowed: true };
    }
    const oldest = this.#times[this.#head] ?? now;
    return { allowed: false, retryAfterMs: oldest + this.#windowMs - now };
  }

  #expire(now: number): void {
    while (this.#head < this.#times.length && (this.#times[this.#head] ?? now) <= now - this.#windowMs) this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
  }
}

/** `Retry-After` in whole seconds: rounded up, never 0, since 0 would invite an immediate retry. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
