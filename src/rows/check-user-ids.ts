/**
 * Spot user_ids that look right but may not match what the website sends to the chat widget: an id not
 * in Unicode NFC (an NFD `José` is another string than the NFC `José` most sites send, so an identical-
 * looking second customer appears), and an id that differs only in letter case from an earlier one of the
 * file (`Abc`, `ABC`: two customers where a site likely means one). Both are warnings, never rejects: an
 * id is sent byte for byte as written (see the README), these only tell a person where to look.
 *
 * Memory: one fingerprint slot (96 bits + a first line) per distinct lower-cased id that has a cased
 * letter, as in count-shared-emails.ts; only the findings leave the checker. An ASCII id skips the NFC test.
 */
import type { ValidRow } from '../model.js';
import { FingerprintIndex } from './fingerprint-index.js';

/** The warning codes of user-id-warnings.csv and of the summary. */
export const UserIdWarningCode = { notNfc: 'user_id_not_nfc', caseVariant: 'user_id_case_variant' } as const;
export type UserIdWarningCode = (typeof UserIdWarningCode)[keyof typeof UserIdWarningCode];

/** One row whose user_id deserves a look; `firstLine`: the earlier row with the same id but for letter case. */
export type UserIdFinding =
  | { code: typeof UserIdWarningCode.notNfc; line: number; userId: string }
  | { code: typeof UserIdWarningCode.caseVariant; line: number; userId: string; firstLine: number };

/** Checks one row's user_id; findings go to the listener given at creation. */
export type UserIdChecker = (row: ValidRow) => void;

// Outside ASCII only: an ASCII string is always NFC, and `normalize` would copy every id of the file.
const NON_ASCII = /[^\u0000-\u007F]/;

// An ASCII letter or any non-ASCII character: what hasCase and isNotNfc look for.
const LETTER = /[A-Za-z\u0080-\uFFFF]/;

/** True when `id` is not in Unicode NFC. */
export function isNotNfc(id: string): boolean {
  return NON_ASCII.test(id) && id.normalize('NFC') !== id;
}

/** True when `id` holds a letter with case, so another spelling could differ from it in case only. */
export function hasCase(id: string): boolean {
  // One pass over the codes instead of two regular expressions: this runs on every kept row.
  for (let i = 0; i < id.length; i += 1) {
    const code = id.charCodeAt(i) | 32;
    if (code >= 97 && code <= 122) return true;
    if (code > 127) return id.toLowerCase() !== id.toUpperCase();
  }
  return false;
}

/**
 * A checker for one import. Feed the rows that are kept, once each, in file order: the deduper already
 * made their ids distinct, so a second row with the same lower-cased id is always a case variant. Ids
 * without a cased letter (numeric ids, the most common kind) take no slot at all.
 */
export function createUserIdChecker(onFinding: (finding: UserIdFinding) => void): UserIdChecker {
  // Made on the first id with a cased letter, so a file of numeric ids allocates nothing for it.
  let firstLines: FingerprintIndex | undefined;
  return ({ line, contact: { userId } }) => {
    // The most common ids, digits and punctuation only, have neither problem: one native scan rules both out.
    if (!LETTER.test(userId)) return;
    if (isNotNfc(userId)) onFinding({ code: UserIdWarningCode.notNfc, line, userId });
    if (!hasCase(userId)) return;
    firstLines ??= new FingerprintIndex();
    const firstLine = firstLines.claim(userId.toLowerCase(), line);
    if (firstLine !== undefined) onFinding({ code: UserIdWarningCode.caseVariant, line, userId, firstLine });
  };
}
