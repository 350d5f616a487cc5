/**
 * Whether a failed request is tried again, and after how long. Pure: the runner passes in the error, the
 * attempt number and a random source, so every rule is a table test.
 */
import { ApiError, NoAnswerError } from './api-errors.js';

/** Tuning for the retry policy; every field has a default. */
export interface RetryPolicyOptions {
  /** Attempts in all, the first included, 429s not counted (they were not applied). Default 8. */
  maxAttempts?: number;
  /** First backoff ceiling; doubles per attempt. Default 1 s. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 60 s. */
  maxDelayMs?: number;
  /** A Retry-After longer than this is clamped, so a bogus header cannot stall the import. Default 10 min. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY_POLICY: Required<RetryPolicyOptions> = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 600_000,
};

/** Why a request is tried again; shown in retry events. */
export type RetryReason = 'rate-limited' | 'server-error' | 'no-answer';

/** The policy's answer: try again after `delayMs`, or give up and throw. */
export type RetryDecision = { action: 'retry'; delayMs: number; reason: RetryReason } | { action: 'fail' };

/** Everything one decision depends on. */
export interface RetryInput {
  error: unknown;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  /**
   * Whether sending the same request again cannot do harm: lookups and batch PUTs of full records can be
   * resent; a create cannot (a lost create may have landed, so the caller looks it up first).
   */
  idempotent: boolean;
  /** Uniform in [0, 1), like Math.random. */
  random: () => number;
  options?: RetryPolicyOptions;
}

/**
 * 429 → always retry (it was not applied, so it never uses up an attempt): `delayMs` is Retry-After when
 * given (for progress), but the runner leaves the waiting to the pacer, which holds every start for it, or
 * until a probe gets through, and stops a storm past --max-wait. 5xx and no answer → retry with backoff only when idempotent, up to `maxAttempts`.
 * Every other status (400, 401, 403, 404, 422, …) and any non-API error → fail.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const options = { ...DEFAULT_RETRY_POLICY, ...input.options };
  const reason = retryReason(input.error, input.idempotent);
  if (reason === undefined) return { action: 'fail' };
  if (reason === 'rate-limited') {
    const retryAfter = input.error instanceof ApiError ? (input.error.retryAfterMs ?? 0) : 0;
    return { action: 'retry', reason, delayMs: Math.min(Math.max(0, retryAfter), options.maxRetryAfterMs) };
  }
  if (input.attempt >= options.maxAttempts) return { action: 'fail' };
  return { action: 'retry', reason, delayMs: backoffDelay(input.attempt, input.random, options) };
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^(attempt−1))). Full jitter spreads
 * clients that failed together instead of having them retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: Pick<Required<RetryPolicyOptions>, 'baseDelayMs' | 'maxDelayMs'> = DEFAULT_RETRY_POLICY,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // Clamped so a random source that returns exactly 1 still stays below the ceiling.
  return Math.floor(Math.min(Math.max(random(), 0), 1 - Number.EPSILON) * ceiling);
}

function retryReason(error: unknown, idempotent: boolean): RetryReason | undefined {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'rate-limited';
    if (error.status >= 500 && idempotent) return 'server-error';
    return undefined;
  }
  if (error instanceof NoAnswerError && idempotent) return 'no-answer';
  return undefined;
}
