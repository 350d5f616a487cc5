/**
 * Runs one logical request to completion: every attempt waits its turn in the pacer, a 429 tells the pacer
 * (which holds and slows down) and is sent again without using up an attempt, since it was not applied;
 * for every other failure the retry policy decides whether and when to try again. Counts what was sent, since request
 * count is the tool's main performance figure.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, isRateLimited, type RequestKind } from './api-errors.js';
import type { Pacer } from './pacer.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicyOptions, type RetryReason } from './retry-policy.js';

/** What the runner reports as it goes, for progress and `--verbose` output. */
export interface RunnerEvent {
  type: 'retry';
  kind: RequestKind;
  reason: RetryReason;
  /** The attempt that failed, 1-based, of at most `maxAttempts`. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  /** HTTP status of the failed attempt; undefined when no answer came. */
  status: number | undefined;
}

/** Counts since the runner was created. */
export interface RunnerStats {
  /** Attempts sent, retries included. */
  requests: number;
  byKind: Record<RequestKind, number>;
  rateLimited: number;
  retries: number;
}

/** The pacer to share, retry tuning, and injected sleep/random/event sink. */
export interface RequestRunnerOptions {
  pacer: Pacer;
  policy?: RetryPolicyOptions;
  /** Waits out a retry delay. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1) for backoff jitter. Default Math.random. */
  random?: () => number;
  onEvent?: (event: RunnerEvent) => void;
  /** The pacer's clock, so it learns when a refused request started. Default performance.now. */
  now?: () => number;
}

/** Per-call facts the retry policy needs. */
export interface RunOptions {
  /** True when resending the same request cannot do harm (lookups, full-record batch PUTs); false for creates. */
  idempotent: boolean;
}

/** Sends logical requests through the pacer with retries, counting every attempt. */
export interface RequestRunner {
  /** Sends via `send` until it succeeds or the policy gives up; then throws the last error. */
  run<T>(kind: RequestKind, send: () => Promise<T>, options: RunOptions): Promise<T>;
  /**
   * Waits as a retry would after `attempt` failed attempts (jittered backoff, told as a retry event and
   * counted as one), for a request its caller sends again itself: a create, once a lookup proved the failed
   * attempt was not applied.
   */
  backoff(kind: RequestKind, attempt: number, error: unknown): Promise<void>;
  stats(): RunnerStats;
}

/** Creates a runner; one per import, sharing one pacer, since the rate limit is per account. */
export function createRequestRunner(options: RequestRunnerOptions): RequestRunner {
  const { pacer, policy, onEvent } = options;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const maxAttempts = policy?.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
  const counts: RunnerStats = { requests: 0, byKind: { lookup: 0, create: 0, update: 0, delete: 0 }, rateLimited: 0, retries: 0 };

  async function run<T>(kind: RequestKind, send: () => Promise<T>, runOptions: RunOptions): Promise<T> {
    let attempt = 1;
    for (;;) {
      let startedAt: number | undefined;
      try {
        return await pacer.schedule(() => {
          startedAt = now();
          // Counted when it really starts, so live progress never shows requests still waiting their turn.
          counts.requests += 1;
          counts.byKind[kind] += 1;
          return send();
        });
      } catch (error) {
        const refused = isRateLimited(error) ? error : undefined;
        if (refused) counts.rateLimited += 1;
        const decision = decideRetry({ error, attempt, idempotent: runOptions.idempotent, random, options: policy });
        if (decision.action === 'fail') throw error;
        counts.retries += 1;
        const status = error instanceof ApiError ? error.status : undefined;
        onEvent?.({ type: 'retry', kind, reason: decision.reason, attempt, maxAttempts, delayMs: decision.delayMs, status });
        // After the retry event, so the pacer's hold (how long every request waits) is what progress shows last.
        // A 429 waits in the pacer alone: its hold covers Retry-After and ends at --max-wait; a sleep here
        // would wait out a Retry-After of an hour (clamped to 10 min) whatever --max-wait says.
        if (refused) pacer.penalize(refused.retryAfterMs, startedAt);
        else if (decision.delayMs > 0) await sleep(decision.delayMs);
        if (decision.reason !== 'rate-limited') attempt += 1;
      }
    }
  }

  async function backoff(kind: RequestKind, attempt: number, error: unknown): Promise<void> {
    const delayMs = backoffDelay(attempt, random, { ...DEFAULT_RETRY_POLICY, ...policy });
    const status = error instanceof ApiError ? error.status : undefined;
    counts.retries += 1;
    onEvent?.({ type: 'retry', kind, reason: status === undefined ? 'no-answer' : 'server-error', attempt, maxAttempts, delayMs, status });
    if (delayMs > 0) await sleep(delayMs);
  }

  return { run, backoff, stats: () => ({ ...counts, byKind: { ...counts.byKind } }) };
}
