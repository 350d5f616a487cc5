import { describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError, type RequestTarget } from '../../../src/api/api-errors.js';
import { backoffDelay, decideRetry, type RetryDecision } from '../../../src/api/retry-policy.js';

const target: RequestTarget = { kind: 'lookup', method: 'POST', path: '/customers/search' };
const apiError = (status: number, retryAfterMs?: number): ApiError =>
  new ApiError({ ...target, status, codes: [], apiMessage: undefined, retryAfterMs });
const noAnswer = new NoAnswerError(target, 'timeout');
const half = (): number => 0.5;

function decide(error: unknown, idempotent: boolean, attempt = 1, random = half): RetryDecision {
  return decideRetry({ error, attempt, idempotent, random });
}

describe('decideRetry', () => {
  it.each([
    ['429 on a lookup', apiError(429), true, 'rate-limited'],
    ['429 on a create', apiError(429), false, 'rate-limited'],
    ['503 on a lookup', apiError(503), true, 'server-error'],
    ['500 on a batch update', apiError(500), true, 'server-error'],
    ['no answer on a lookup', noAnswer, true, 'no-answer'],
  ] as const)('retries %s', (_name, error, idempotent, reason) => {
    expect(decide(error, idempotent)).toMatchObject({ action: 'retry', reason });
  });

  it.each([
    ['503 on a create', apiError(503), false],
    ['502 on a create', apiError(502), false],
    ['no answer on a create', noAnswer, false],
    ['400', apiError(400), true],
    ['401', apiError(401), true],
    ['403', apiError(403), true],
    ['404', apiError(404), true],
    ['422', apiError(422), true],
    ['a bug (plain Error)', new Error('boom'), true],
    ['a thrown string', 'boom', true],
  ] as const)('fails on %s', (_name, error, idempotent) => {
    expect(decide(error, idempotent)).toEqual({ action: 'fail' });
  });

  it('waits exactly Retry-After on a 429 when the header was present', () => {
    expect(decide(apiError(429, 7_000), false, 3)).toEqual({ action: 'retry', reason: 'rate-limited', delayMs: 7_000 });
  });

  it('clamps an absurd Retry-After', () => {
    const decision = decideRetry({
      error: apiError(429, 86_400_000),
      attempt: 1,
      idempotent: true,
      random: half,
      options: { maxRetryAfterMs: 120_000 },
    });
    expect(decision).toMatchObject({ action: 'retry', delayMs: 120_000 });
  });

  it('sends a 429 without Retry-After again at once: the pacer holds every start until a probe gets through', () => {
    const delays = [1, 2, 3, 4].map((attempt) => decide(apiError(429), true, attempt, half));
    expect(delays.map((d) => (d.action === 'retry' ? d.delayMs : -1))).toEqual([0, 0, 0, 0]);
  });

  it('gives up once the attempts are spent, but never on a 429 (it was not applied)', () => {
    expect(decide(apiError(503), true, 7)).toMatchObject({ action: 'retry' });
    expect(decide(apiError(503), true, 8)).toEqual({ action: 'fail' });
    expect(decide(apiError(429), false, 8)).toMatchObject({ action: 'retry', reason: 'rate-limited' });
    expect(decide(apiError(429), true, 1_000)).toMatchObject({ action: 'retry', reason: 'rate-limited' });
    const custom = decideRetry({ error: noAnswer, attempt: 2, idempotent: true, random: half, options: { maxAttempts: 2 } });
    expect(custom).toEqual({ action: 'fail' });
  });
});

describe('backoffDelay', () => {
  const options = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

  it('is full jitter: anywhere from 0 up to (not including) the ceiling', () => {
    expect(backoffDelay(3, () => 0, options)).toBe(0);
    expect(backoffDelay(3, () => 0.25, options)).toBe(1_000);
    expect(backoffDelay(3, () => 1, options)).toBeLessThan(4_000);
    expect(backoffDelay(3, () => 1, options)).toBeGreaterThanOrEqual(3_999);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [7, 8, 20, 100]) {
      expect(backoffDelay(attempt, () => 0.9999999, options)).toBeLessThan(60_000);
      expect(backoffDelay(attempt, () => 0.9999999, options)).toBeGreaterThan(59_000);
    }
  });

  it('stays within bounds for any random value', () => {
    for (let i = 0; i <= 100; i += 1) {
      const delay = backoffDelay(4, () => i / 100, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(8_000);
    }
  });
});
