/**
 * Reads what a failed HelpCrunch answer says: the error codes, the most useful message and Retry-After.
 * Bodies are untrusted: HTML error pages, empty bodies and odd shapes must yield "nothing known", not throw.
 */
import { noRedaction, type Redact } from '../secrets/redact-secrets.js';

/** HelpCrunch often leads with this generic entry and puts the useful one after it. */
export const GENERIC_CODES = new Set(['invalid_request', 'bad_request']);

/** Messages are shown to users; keep a runaway HTML page or stack dump from flooding the terminal. */
const MAX_MESSAGE_LENGTH = 300;

/** What an error answer says, as far as it can be read. */
export interface ErrorAnswer {
  codes: string[];
  apiMessage: string | undefined;
}

/**
 * Extracts every `errors[].code` (the whole array is scanned) and the message of the most specific entry:
 * the first one whose code is not generic, else the first one with a message. `redact` runs on the
 * decoded strings (a JSON-escaped secret only becomes the secret once parsed) and before clipping (which
 * could cut a secret in half, past recognition).
 */
export function readErrorBody(text: string, redact: Redact = noRedaction): ErrorAnswer {
  const body = parseJson(text);
  const entries = isRecord(body) && Array.isArray(body['errors']) ? body['errors'].filter(isRecord) : [];
  const codes = entries
    .map((e) => e['code'])
    .filter((c): c is string => typeof c === 'string' && c !== '')
    .map(redact);
  const specific = entries.find((e) => typeof e['code'] === 'string' && !GENERIC_CODES.has(e['code']));
  const chosen = [specific, ...entries].find((e) => typeof e?.['message'] === 'string');
  let message = chosen?.['message'];
  // Some gateways answer `{"message": "..."}` without the errors envelope.
  if (message === undefined && isRecord(body) && typeof body['message'] === 'string') message = body['message'];
  return { codes, apiMessage: typeof message === 'string' && message !== '' ? clip(redact(message)) : undefined };
}

/**
 * Retry-After as milliseconds from now: delta-seconds or an HTTP date. Undefined when absent or unreadable,
 * so the caller falls back to its own backoff.
 */
export function readRetryAfter(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date always names a weekday and month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}…` : oneLine;
}
