/**
 * The userIds an apply looks up, as a checklist: each is wanted until a stored customer with exactly that
 * id is found. Held as 96-bit fingerprints (rows/fingerprint-index.ts), about 21 bytes an id outside the JS heap:
 * as a `Set` of strings a million ids were ~60 MB of objects, and the lookup held a second copy.
 * The ids themselves are not kept: a search, which must name them, reads them again from the row spill.
 */
import { FingerprintIndex } from '../rows/fingerprint-index.js';

// An id's value in the index: 2 × (1 + its place) while it is wanted, + 1 once it is found.
const FOUND = 1;

export class IdChecklist {
  private readonly index: FingerprintIndex;
  private count = 0;
  private found = 0;

  /** `expected`: about how many ids will be added (the valid rows), so the index need not grow. */
  constructor(expected = 0) {
    this.index = new FingerprintIndex(expected);
  }

  static of(ids: Iterable<string>): IdChecklist {
    const checklist = new IdChecklist();
    for (const id of ids) checklist.add(id);
    return checklist;
  }

  /**
   * Adds a wanted id, with a number the caller finds it by again (`placeOf`: where it keeps the id's
   * customer; 0 to 2^30 - 2); false when it is on the list already.
   */
  add(id: string, place = 0): boolean {
    if (this.index.claim(id, 2 * (place + 1)) !== undefined) return false;
    this.count += 1;
    return true;
  }

  /** True when `id` is wanted and not found yet. */
  isMissing(id: string): boolean {
    const value = this.index.get(id);
    return value !== undefined && (value & FOUND) === 0;
  }

  /** The place `id` was added with; undefined when it is not on the list. */
  placeOf(id: string): number | undefined {
    const value = this.index.get(id);
    return value === undefined ? undefined : (value >>> 1) - 1;
  }

  /** Ticks `id` off as found; true when it was wanted and missing until now. */
  tick(id: string): boolean {
    const value = this.index.get(id);
    if (value === undefined || (value & FOUND) !== 0) return false;
    this.index.set(id, value | FOUND);
    this.found += 1;
    return true;
  }

  /** Ids on the list. */
  get size(): number {
    return this.count;
  }

  /** Ids on the list not found yet. */
  get missing(): number {
    return this.count - this.found;
  }
}

/** The ids a lookup wants: the checklist, and the ids again in file order for a search (streamed, not held). */
export interface WantedIds {
  readonly checklist: IdChecklist;
  list(): AsyncIterable<string>;
}

/** Ids already in memory (undo, tests, one-off finds). */
export function wantedIdsOf(ids: Iterable<string>): WantedIds {
  const all = [...ids];
  return {
    checklist: IdChecklist.of(all),
    list: async function* () {
      yield* all;
    },
  };
}
