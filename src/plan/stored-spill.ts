/**
 * The stored customers a lookup found, spilled as they arrive: for an import that re-sends a million
 * customers the account already holds, they are a million full records. Memory keeps about 33 bytes per
 * customer, none of it strings: a fingerprint of the userId leads to the customer's number, which leads to
 * where its line is. Planning reads each record back when its row comes.
 */
import type { StoredCustomer } from '../api/customer-api.js';
import { FingerprintIndex } from '../rows/fingerprint-index.js';
import { openJsonlReader, openJsonlWriter, type JsonlReader } from './jsonl-file.js';
import { PlanFile, type PlanFolder } from './plan-files.js';

/** Found customers on disk, by userId. */
export interface StoredSpill {
  add(customer: StoredCustomer): void;
  /** The customer stored with this userId, read back from disk; call `open` once the lookup is done. */
  get(userId: string): StoredCustomer | undefined;
  open(): void;
  readonly size: number;
  close(): void;
}

/** `expected`: about how many customers will be found (the valid rows), so the index need not grow. */
export function openStoredSpill(folder: PlanFolder, expected = 0): StoredSpill {
  const path = folder.path(PlanFile.stored);
  const writer = openJsonlWriter(path);
  // userId → customer number (1, 2, …) → where its line starts and how long it is. Offsets are doubles
  // (exact to 8 PB), lengths their own array: packed into one double, a spill past 9 GB read wrong records.
  const numbers = new FingerprintIndex(expected);
  const places = new LinePlaces(expected + 1);
  let count = 0;
  let reader: JsonlReader | undefined;
  return {
    add(customer) {
      const { offset, length } = writer.append(customer);
      const number = count + 1;
      // The lookup hands each userId over once; a second one would be a server that repeats, caught there.
      if (numbers.claim(customer.fields.userId as string, number) !== undefined) return;
      count = number;
      places.set(number, offset, length);
    },
    get(userId) {
      const number = numbers.get(userId);
      if (number === undefined) return undefined;
      if (reader === undefined) throw new Error('the stored spill was read before it was opened');
      return reader.readAt<StoredCustomer>(places.offsetOf(number), places.lengthOf(number));
    },
    open() {
      writer.close();
      reader = openJsonlReader(path);
    },
    get size() {
      return count;
    },
    close() {
      // Closed by `open` once the lookup is done; before that only a failed run closes it, and drops the rest.
      writer.discard();
      reader?.close();
      reader = undefined;
    },
  };
}

/** Each numbered line's offset and length, in two typed arrays that double when full: 12 bytes a line. Exported for its test. */
export class LinePlaces {
  private offsets: Float64Array;
  private lengths: Uint32Array;

  constructor(size: number) {
    this.offsets = new Float64Array(Math.max(16, size));
    this.lengths = new Uint32Array(Math.max(16, size));
  }

  set(number: number, offset: number, length: number): void {
    if (number >= this.offsets.length) {
      let size = this.offsets.length * 2;
      while (size <= number) size *= 2;
      const offsets = new Float64Array(size);
      offsets.set(this.offsets);
      const lengths = new Uint32Array(size);
      lengths.set(this.lengths);
      this.offsets = offsets;
      this.lengths = lengths;
    }
    this.offsets[number] = offset;
    this.lengths[number] = length;
  }

  offsetOf(number: number): number {
    return this.offsets[number] ?? 0;
  }

  lengthOf(number: number): number {
    return this.lengths[number] ?? 0;
  }
}
