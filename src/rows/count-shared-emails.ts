/**
 * Spot one email used by different user ids. HelpCrunch allows it (email is not unique), so it is a
 * warning the summary counts, never a reject. Emails compare trimmed and case-insensitively, because
 * `Bob@X.com` and `bob@x.com` reach the same person. Memory: two numbers per distinct email.
 */
import type { ValidRow } from '../model.js';
import { NumberIndex } from './number-index.js';

export interface SharedEmailCounter {
  /**
   * True when a different user_id already used this row's email. Feed the rows that are kept, once
   * each, in file order: a row repeating its own user_id is the deduper's business, not a warning.
   */
  check(row: ValidRow): boolean;
  /** Distinct emails used by more than one user_id. */
  readonly sharedEmails: number;
  /** Rows for which `check` answered true (every user of an email but the first). */
  readonly sharedRows: number;
}

/**
 * A 53-bit hash of a string, never 0 (two 32-bit FNV-1a-style lanes with different primes, folded). The
 * index keys on it instead of the email, and stores the user_id's hash instead of the user_id: a million
 * emails as strings in a Map cost ~80 MB and over a second; as numbers in a NumberIndex, a fraction.
 * Two different emails (or ids) share a hash with a chance of about 1 in 10^4 per million rows, and the
 * only effect would be one warning too many or too few: this index never decides what is imported.
 */
export function hashText(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return (b >>> 0) * 0x200000 + ((a >>> 0) & 0x1fffff) || 1;
}

/** A fresh counter for one import. */
export function createSharedEmailCounter(): SharedEmailCounter {
  // The first user_id per email is enough: a later row is "shared" exactly when its id differs from it.
  const firstOwners = new NumberIndex();
  const shared = new Set<number>();
  let sharedRows = 0;
  return {
    check({ contact }) {
      const email = hashText(contact.email.trim().toLowerCase());
      const user = hashText(contact.userId);
      const owner = firstOwners.get(email);
      if (owner === undefined) firstOwners.set(email, user);
      if (owner === undefined || owner === user) return false;
      shared.add(email);
      sharedRows += 1;
      return true;
    },
    get sharedEmails() {
      return shared.size;
    },
    get sharedRows() {
      return sharedRows;
    },
  };
}
