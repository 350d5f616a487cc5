/**
 * The two ways a HelpCrunch request fails: the server answered with an error (`ApiError`), or no usable
 * answer came back (`NoAnswerError`). Both carry only what is safe to print: never request headers, so the
 * API key cannot leak through an error, its JSON or its inspection.
 */
import { ErrorCode, ErrorKind, HciError } from '../errors.js';

/** What a request does; the runner counts by it and the retry policy decides by it. */
export type RequestKind = 'lookup' | 'create' | 'update' | 'delete';

/** Where a failed request went, for messages: method and path only (no query, no headers). */
export interface RequestTarget {
  kind: RequestKind;
  method: string;
  path: string;
}

/** Everything an ApiError is built from; the transport fills it from the answer. */
export interface ApiErrorOptions extends RequestTarget {
  status: number;
  /** Every `code` found in the answer's `errors` array, in order. */
  codes: readonly string[];
  /** The message of the most specific entry, already redacted; undefined when the body had none. */
  apiMessage: string | undefined;
  /** Retry-After in milliseconds when the header was present and readable. */
  retryAfterMs: number | undefined;
}

/** HelpCrunch answered with a non-2xx status. Match on `status` and `codes`, never on the message. */
export class ApiError extends HciError {
  readonly status: number;
  readonly codes: readonly string[];
  readonly apiMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly requestKind: RequestKind;
  readonly method: string;
  readonly path: string;

  constructor(options: ApiErrorOptions) {
    const auth = options.status === 401 || options.status === 403;
    super({
      code: auth ? ErrorCode.authRejected : ErrorCode.remoteFailed,
      kind: auth ? ErrorKind.unauthorised : options.status === 429 ? ErrorKind.rateLimited : ErrorKind.rejected,
      message: describeAnswer(options),
      hint: auth ? 'Check the HelpCrunch API key: it is wrong, revoked, or belongs to another account.' : undefined,
    });
    this.name = 'ApiError';
    this.status = options.status;
    this.codes = options.codes;
    this.apiMessage = options.apiMessage;
    this.retryAfterMs = options.retryAfterMs;
    this.requestKind = options.kind;
    this.method = options.method;
    this.path = options.path;
  }
}

/** Why no usable answer came back. Whatever the reason, the request may have been applied. */
export type NoAnswerReason = 'timeout' | 'connection-reset' | 'connection-refused' | 'unknown-host' | 'unreadable-answer' | 'network';

/**
 * The request got no usable answer: a timeout, a reset or refused connection, or a 2xx whose body could
 * not be read. The server MAY have applied it, so a create must be looked up before it is sent again.
 */
export class NoAnswerError extends HciError {
  readonly reason: NoAnswerReason;
  readonly requestKind: RequestKind;
  readonly method: string;
  readonly path: string;

  constructor(target: RequestTarget, reason: NoAnswerReason, cause?: unknown) {
    super({
      code: ErrorCode.remoteFailed,
      kind: ErrorKind.noAnswer,
      message: `No answer from HelpCrunch to ${target.method} ${target.path} (${reason})`,
      cause,
    });
    this.name = 'NoAnswerError';
    this.reason = reason;
    this.requestKind = target.kind;
    this.method = target.method;
    this.path = target.path;
  }
}

/** True for 401/403: the key is wrong or lacks rights, so nothing else will work either. */
export function isAuthError(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.status === 401 || err.status === 403);
}

/** True for a 429 answer. */
export function isRateLimited(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 429;
}

function describeAnswer(options: ApiErrorOptions): string {
  const detail = [options.codes.join(', '), options.apiMessage].filter(Boolean).join(': ');
  const head = `HelpCrunch answered ${options.status} to ${options.method} ${options.path}`;
  return detail ? `${head} (${detail})` : head;
}
