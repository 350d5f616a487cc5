/**
 * One JSON request to HelpCrunch over undici, and nothing more: no retries, no pacing (see request-runner).
 * A non-2xx answer (or a 2xx whose body is a non-empty `errors` list) becomes an `ApiError`, a lost or unreadable one a `NoAnswerError`. The key lives only in
 * the headers object below, which is never attached to anything that is thrown or logged; a server that
 * echoes it, in whatever encoding, has it redacted from the decoded codes, message and cause.
 */
import { Pool, type Dispatcher } from 'undici';
import { ApiError, NoAnswerError, type NoAnswerReason, type RequestTarget } from './api-errors.js';
import { createRedactor, redactError } from '../secrets/redact-secrets.js';
import { isRecord, parseJson, readErrorBody, readRetryAfter } from './read-error-answer.js';

export interface TransportOptions {
  /** e.g. `https://api.helpcrunch.com/v1`; the path prefix is kept. */
  baseUrl: string;
  apiKey: string;
  /** Applies to connecting, to waiting for the headers and to each gap in the body. Default 30 s. */
  timeoutMs?: number;
  /** A dispatcher to use instead of the client's own keep-alive pool; the caller keeps ownership of it. */
  dispatcher?: Dispatcher;
}

export interface Transport {
  /** Sends one request; resolves with the parsed JSON body (undefined when empty or not JSON). */
  send(target: RequestTarget, extra?: { query?: string; body?: unknown }): Promise<unknown>;
  close(): Promise<void>;
}

/** Codes that mean our own misuse of undici (a bug), not a network failure: never disguised as "no answer". */
const PROGRAMMING_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_NOT_SUPPORTED']);
const REASON_BY_CODE: Record<string, NoAnswerReason> = {
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  UND_ERR_SOCKET: 'connection-reset',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'connection-reset',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  ECONNREFUSED: 'connection-refused',
  ENOTFOUND: 'unknown-host',
};

/** Builds the transport; it owns a keep-alive pool unless a dispatcher is passed in. */
export function createTransport(options: TransportOptions): Transport {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Checked here so undici never sees (and never echoes) a malformed secret; the message never includes it.
  if (options.apiKey === '' || /[\s\x00-\x1f\x7f]/.test(options.apiKey)) {
    throw new TypeError('The HelpCrunch API key is empty or contains spaces or control characters');
  }
  const owned = options.dispatcher
    ? undefined
    : new Pool(base.origin, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: { timeout: timeoutMs } });
  const dispatcher: Dispatcher = options.dispatcher ?? (owned as Pool);
  const redact = createRedactor([options.apiKey]);
  const headers = {
    authorization: `Bearer ${options.apiKey}`,
    accept: 'application/json',
    'content-type': 'application/json',
  };

  async function send(target: RequestTarget, extra: { query?: string; body?: unknown } = {}): Promise<unknown> {
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await dispatcher.request({
        origin: base.origin,
        path: `${prefix}${target.path}${extra.query ? `?${extra.query}` : ''}`,
        method: target.method as Dispatcher.HttpMethod,
        headers,
        body: extra.body === undefined ? null : JSON.stringify(extra.body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      // Always drain the body, even for errors, so the keep-alive socket can be reused.
      text = await response.body.text();
    } catch (err) {
      throw toNoAnswer(target, redactError(err, redact));
    }
    const body = parseJson(text);
    // A 2xx carrying an error envelope (some gateways answer 200 `{"errors":[…]}`) did not do what was asked:
    // read as success, a batch update that stored nothing would count its rows as updated.
    if (response.statusCode < 200 || response.statusCode >= 300 || isErrorEnvelope(body)) {
      const answer = readErrorBody(text, redact);
      throw new ApiError({
        ...target,
        status: response.statusCode,
        codes: answer.codes,
        apiMessage: answer.apiMessage,
        retryAfterMs: readRetryAfter(response.headers['retry-after'], Date.now()),
      });
    }
    return body;
  }

  return {
    send,
    close: async () => {
      await owned?.close();
    },
  };
}

/** An answer whose `errors` list is not empty. */
function isErrorEnvelope(body: unknown): boolean {
  return isRecord(body) && Array.isArray(body['errors']) && body['errors'].length > 0;
}

/** Network failures become NoAnswerError (the request may have been applied); anything else is a bug. */
function toNoAnswer(target: RequestTarget, err: unknown): unknown {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
  if (code === undefined || PROGRAMMING_CODES.has(code)) return err;
  return new NoAnswerError(target, REASON_BY_CODE[code] ?? 'network', err);
}
