/** A uniform number in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a 32-bit PRNG, tiny and good enough for fault injection. Seeded, so a failing run can be
 * replayed exactly; `Math.random` could not be.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How often the sandbox misbehaves on purpose. */
export interface FaultOptions {
  /** Probability of a 503 before the request touches anything. */
  faultRate: number;
  /** Probability that a write is applied and its answer then lost with the connection. */
  dropRate: number;
  seed: number;
}

/**
 * Decides which requests fail. Faults and drops draw from two separate streams, and each draws once per
 * request whatever its rate, so the fault sequence for a seed does not shift when the drop rate changes.
 */
export class FaultPlan {
  readonly #faultRate: number;
  readonly #dropRate: number;
  readonly #faultRandom: Random;
  readonly #dropRandom: Random;

  constructor(options: FaultOptions) {
    for (const [name, rate] of [
      ['faultRate', options.faultRate],
      ['dropRate', options.dropRate],
    ] as const) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${rate}`);
    }
    this.#faultRate = options.faultRate;
    this.#dropRate = options.dropRate;
    this.#faultRandom = seededRandom(options.seed);
    this.#dropRandom = seededRandom(options.seed ^ 0x5bd1e995);
  }

  /** Whether this request gets a 503 instead of being served. */
  nextIsFault(): boolean {
    return this.#faultRandom() < this.#faultRate;
  }

  /** Whether this write's answer is lost after it has been applied. */
  nextIsDrop(): boolean {
    return this.#dropRandom() < this.#dropRate;
  }
}
