/**
 * Keeps secrets (the API key, later the hashing secret) out of everything hc-import prints or stores.
 *
 * A server may echo a secret in any encoding it happens to use: PHP's JSON writes `/` as `\/`, a gateway
 * URL-encodes it, a proxy logs the `Authorization` header in base64. So a secret is searched for in every
 * form it commonly takes, and redaction runs on text AFTER it was decoded (and again at every sink), never
 * only on the raw body: a JSON-escaped key in a body decodes to the plain key in the message.
 */
import { mapStrings } from '../map-strings.js';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** A function that returns its input with every known form of every secret replaced. */
export type Redact = (text: string) => string;

/** The redactor when there are no secrets (an offline dry run): sinks compare against it to skip all work. */
export const noRedaction: Redact = (text) => text;

/** The forms a secret is commonly echoed in, longest first, without duplicates or empties. */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  const forms = [
    secret,
    json,
    json.replaceAll('/', '\\/'),
    asciiJson(secret),
    asciiJson(secret).replaceAll('/', '\\/'),
    url,
    url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    url.replaceAll('%20', '+'),
    encodeURI(secret),
    htmlEscape(secret),
    ...base64Forms(secret),
    ...base64Forms(`Bearer ${secret}`),
  ];
  return [...new Set(forms)].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/** A redactor for these secrets; empty secrets are ignored, so `createRedactor([])` is `noRedaction`. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redact {
  const forms = [...new Set(secrets.flatMap((secret) => (secret ? secretForms(secret) : [])))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return noRedaction;
  const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  // Most report cells are shorter than any form: they skip the regex (a million-row run writes millions).
  const shortest = forms.at(-1)?.length ?? 0;
  return (text) => (text.length < shortest ? text : text.replace(pattern, REDACTED));
}

/**
 * Redacts an error's message and stack in place (a caught error from a library, before it becomes a
 * `cause` that `--debug` prints), and answers it.
 */
export function redactError<T>(error: T, redact: Redact): T {
  if (redact === noRedaction || !(error instanceof Error)) return error;
  error.message = redact(error.message);
  if (error.stack !== undefined) error.stack = redact(error.stack);
  return error;
}

/** Every string inside `value` (object keys included) redacted; other values are kept as they are. */
export function redactDeep<T>(value: T, redact: Redact): T {
  return mapStrings(value, redact);
}

/** JSON with every non-ASCII character as `\uXXXX`, as PHP's json_encode writes by default. */
function asciiJson(secret: string): string {
  return JSON.stringify(secret)
    .slice(1, -1)
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function htmlEscape(secret: string): string {
  return secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Standard and URL-safe base64, with and without padding. */
function base64Forms(text: string): string[] {
  const standard = Buffer.from(text, 'utf8').toString('base64');
  const unpadded = standard.replace(/=+$/, '');
  return [standard, unpadded, unpadded.replaceAll('+', '-').replaceAll('/', '_')];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
