/**
 * The stored customers a lookup found, spilled as they arrive: for an import that re-sends a million
 * customers the account already holds, they are a million full records. Memory keeps about 30 bytes per
 * customer, none of it strings: a fingerprint of the userId leads to the customer's number, which leads to
 * where its line is. Planning reads each record back when its row comes.
 */
import type { StoredCustomer } from '../api/customer-api.js';
import { FingerprintIndex } from '../rows/fingerprint-index.js';
import { openJsonlReader, openJsonlWriter, type JsonlReader } from './jsonl-file.js';
import { PlanFile, type PlanFolder } from './plan-files.js';

/** Lines are far shorter than this: offset and length share one safe integer. */
const LENGTH_SPAN = 1_000_000;

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
  // userId → customer number (1, 2, …) → where its line is (offset and length packed in one double).
  const numbers = new FingerprintIndex(expected);
  let where: Float64Array = new Float64Array(Math.max(16, expected + 1));
  let count = 0;
  const long = new Map<string, StoredCustomer>();
  let reader: JsonlReader | undefined;
  return {
    add(customer) {
      const { offset, length } = writer.append(customer);
      const userId = customer.fields.userId as string;
      const number = count + 1;
      // The lookup hands each userId over once; a second one would be a server that repeats, caught there.
      if (numbers.claim(userId, number) !== undefined) return;
      count = number;
      if (number >= where.length) where = grown(where);
      // A record too long to pack is kept as it is: rare enough to cost nothing.
      where[number] = length < LENGTH_SPAN ? offset * LENGTH_SPAN + length : -1;
      if (length >= LENGTH_SPAN) long.set(userId, customer);
    },
    get(userId) {
      const number = numbers.get(userId);
      if (number === undefined) return undefined;
      const at = where[number] ?? -1;
      if (at < 0) return long.get(userId);
      if (reader === undefined) throw new Error('the stored spill was read before it was opened');
      return reader.readAt<StoredCustomer>(Math.floor(at / LENGTH_SPAN), at % LENGTH_SPAN);
    },
    open() {
      writer.close();
      reader = openJsonlReader(path);
    },
    get size() {
      return count;
    },
    close() {
      writer.close();
      reader?.close();
      reader = undefined;
    },
  };
}

function grown(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
