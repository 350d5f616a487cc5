/**
 * `--hash-user-id`: the salted hash a website sends to the chat widget as `user_id` instead of its own id
 * (HelpCrunch's user authentication guide offers it, so one visitor cannot claim another's id). The import
 * must write the SAME string byte for byte, or the widget never finds the imported contact. Each scheme
 * is what the usual one-liners compute (README, "Hashed user ids"): UTF-8 in, lower-case hex out.
 */
import { createHash, createHmac } from 'node:crypto';
import { MAX_FIELD_LENGTH } from '../fields/text-cell.js';

/** The hash schemes a site may use; the values are the `--hash-user-id` names. */
export const HashScheme = {
  /** HMAC-SHA256 keyed by the secret over the id (PHP `hash_hmac('sha256', $id, $secret)`: message first). */
  hmacSha256: 'hmac-sha256',
  /** sha256 of secret + id. */
  sha256SaltFirst: 'sha256-salt-first',
  /** sha256 of id + secret. */
  sha256SaltLast: 'sha256-salt-last',
} as const;
export type HashScheme = (typeof HashScheme)[keyof typeof HashScheme];

export const HASH_SCHEMES = Object.values(HashScheme) as [HashScheme, ...HashScheme[]];

/** Hex characters of a sha256. */
export const DIGEST_LENGTH = 64;
/** The longest prefix that keeps a hashed id within a field's length. */
export const MAX_HASH_PREFIX_LENGTH = MAX_FIELD_LENGTH - DIGEST_LENGTH;

/** How a run hashes user ids. `secret` is never printed, logged or stored: see `describeHashing`. */
export interface UserIdHashing {
  scheme: HashScheme;
  secret: string;
  /** Put in front of every hash (e.g. `h1_`); '' for none. */
  prefix: string;
  /** A custom attribute that also stores the original id; undefined for none (the default). */
  keepOriginalIdAs?: string;
}

/** What summary.json and the journal say about the hashing: the secret only as a fingerprint. */
export interface HashingDescription {
  scheme: HashScheme;
  prefix: string;
  secretFingerprint: string;
  keepOriginalIdAs: string | null;
}

/** The id as the site sends it to the widget: prefix + lower-case hex. */
export function hashUserId(hashing: Pick<UserIdHashing, 'scheme' | 'secret' | 'prefix'>, id: string): string {
  return hashing.prefix + digest(hashing.scheme, hashing.secret, id);
}

function digest(scheme: HashScheme, secret: string, id: string): string {
  switch (scheme) {
    case HashScheme.hmacSha256:
      return createHmac('sha256', Buffer.from(secret, 'utf8')).update(id, 'utf8').digest('hex');
    case HashScheme.sha256SaltFirst:
      return createHash('sha256').update(secret, 'utf8').update(id, 'utf8').digest('hex');
    case HashScheme.sha256SaltLast:
      return createHash('sha256').update(id, 'utf8').update(secret, 'utf8').digest('hex');
  }
}

/**
 * Tells two secrets apart without revealing either: the first 8 hex of sha256("hc-import:" + secret).
 * 32 bits cannot be reversed, but they do confirm a guess, so a weak secret stays weak (README).
 */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(`hc-import:${secret}`, 'utf8').digest('hex').slice(0, 8);
}

export function describeHashing({ scheme, prefix, secret, keepOriginalIdAs }: UserIdHashing): HashingDescription {
  return { scheme, prefix, secretFingerprint: secretFingerprint(secret), keepOriginalIdAs: keepOriginalIdAs ?? null };
}

/** The journal's outcome settings of the hashing (see OutcomeSettings): none without it, '' and unset left out. */
export function hashingSettings(hashing: UserIdHashing | undefined): Record<string, string> {
  if (hashing === undefined) return {};
  const { scheme, prefix, secret, keepOriginalIdAs } = hashing;
  return {
    hashScheme: scheme,
    ...(prefix === '' ? {} : { hashPrefix: prefix }),
    hashSecretFingerprint: secretFingerprint(secret),
    ...(keepOriginalIdAs === undefined ? {} : { keepOriginalIdAs }),
  };
}
