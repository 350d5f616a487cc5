/**
 * Spot one email used by different user ids. HelpCrunch allows it (email is not unique), so it is a
 * warning the summary counts, never a reject. Emails compare trimmed and case-insensitively, because
 * `Bob@X.com` and `bob@x.com` reach the same person. Memory: one fingerprint slot per distinct email.
 */
import { internalError } from '../errors.js';
import type { ValidRow } from '../model.js';
import { FingerprintIndex } from './fingerprint-index.js';

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
  /** The shared emails, trimmed and lower-cased (only these are kept as strings: few, in practice). */
  readonly shared: ReadonlySet<string>;
  /** Lets go of the index once the scan is over (only `shared` and the counts are read after it); `check` then throws. */
  release(): void;
}

/** The form in which emails are compared: trimmed, lower case. */
export function emailKey(email: string): string {
  // Most emails already are: a test for an upper-case or non-ASCII letter or an edge space beats two copies.
  const last = email.length - 1;
  if (last < 0 || email.charCodeAt(0) <= 32 || email.charCodeAt(last) <= 32 || MAY_LOWER.test(email)) return email.trim().toLowerCase();
  return email;
}

// What lower-casing may change. A native scan: a cell is a slice of the text read, which a loop of charCodeAt walks slowly.
const MAY_LOWER = /[A-Z\u0080-\uFFFF]/;

/**
 * A 31-bit hash of a string, never 0 (FNV-1a). The index stores it as the email's owner instead of the
 * user_id string; two ids sharing an email and this hash could at worst hide one warning.
 */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 1 || 1;
}

/** A fresh counter for one import. */
export function createSharedEmailCounter(expectedEmails = 0): SharedEmailCounter {
  // The first user_id per email is enough: a later row is "shared" exactly when its id differs from it.
  let firstOwners: FingerprintIndex | undefined = new FingerprintIndex(expectedEmails);
  const shared = new Set<string>();
  let sharedRows = 0;
  return {
    check({ contact }) {
      const email = emailKey(contact.email);
      const user = hashText(contact.userId);
      if (firstOwners === undefined) throw internalError('the shared-email counter was used after its release');
      const owner = firstOwners.claim(email, user);
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
    shared,
    release() {
      firstOwners = undefined;
    },
  };
}
