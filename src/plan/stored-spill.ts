/**
 * The stored customers a lookup found, spilled as they arrive: for an import that re-sends a million
 * customers the account already holds, they are a million full records. Memory keeps one number per
 * userId (where its line is), and planning reads each record back when its row comes.
 */
import type { StoredCustomer } from '../api/customer-api.js';
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

export function openStoredSpill(folder: PlanFolder): StoredSpill {
  const path = folder.path(PlanFile.stored);
  const writer = openJsonlWriter(path);
  const where = new Map<string, number>();
  const long = new Map<string, StoredCustomer>();
  let reader: JsonlReader | undefined;
  return {
    add(customer) {
      const { offset, length } = writer.append(customer);
      // A record too long to pack is kept as it is: rare enough to cost nothing.
      where.set(customer.fields.userId as string, length < LENGTH_SPAN ? offset * LENGTH_SPAN + length : -1);
      if (length >= LENGTH_SPAN) long.set(customer.fields.userId as string, customer);
    },
    get(userId) {
      const at = where.get(userId);
      if (at === undefined) return undefined;
      if (at < 0) return long.get(userId);
      if (reader === undefined) throw new Error('the stored spill was read before it was opened');
      return reader.readAt<StoredCustomer>(Math.floor(at / LENGTH_SPAN), at % LENGTH_SPAN);
    },
    open() {
      writer.close();
      reader = openJsonlReader(path);
    },
    get size() {
      return where.size;
    },
    close() {
      writer.close();
      reader?.close();
      reader = undefined;
    },
  };
}
