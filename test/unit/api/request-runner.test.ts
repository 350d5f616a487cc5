import { describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError, type RequestTarget } from '../../../src/api/api-errors.js';
import { createPacer, type Pacer } from '../../../src/api/pacer.js';
import { createRequestRunner, type RunnerEvent } from '../../../src/api/request-runner.js';

const target: RequestTarget = { kind: 'create', method: 'POST', path: '/customers' };
const apiError = (status: number, retryAfterMs?: number): ApiError =>
  new ApiError({ ...target, status, codes: [], apiMessage: undefined, retryAfterMs });

/** A real, unpaced pacer on a clock that jumps on every sleep; it records what the runner asks of it. */
function spyPacer(): Pacer & { scheduled: number; penalties: Array<number | undefined> } {
  let time = 0;
  const inner = createPacer({
    ratePerMinute: Infinity,
    now: () => time,
    sleep: async (ms) => {
      time += ms;
    },
  });
  const spy = {
    scheduled: 0,
    penalties: [] as Array<number | undefined>,
    schedule<T>(task: () => Promise<T>): Promise<T> {
      spy.scheduled += 1;
      return inner.schedule(task);
    },
    penalize(ms?: number, startedAt?: number) {
      spy.penalties.push(ms);
      inner.penalize(ms, startedAt);
    },
  };
  return spy;
}

/** A `send` that fails with each given error in turn, then answers `value`. */
function failThen<T>(errors: unknown[], value: T): () => Promise<T> {
  const queue = [...errors];
  return async () => {
    if (queue.length > 0) throw queue.shift();
    return value;
  };
}

function setup(policy = {}) {
  const pacer = spyPacer();
  const slept: number[] = [];
  const events: RunnerEvent[] = [];
  const runner = createRequestRunner({
    pacer,
    policy,
    sleep: async (ms) => void slept.push(ms),
    random: () => 0.5,
    onEvent: (event) => events.push(event),
  });
  return { pacer, slept, events, runner };
}

describe('createRequestRunner', () => {
  it('counts a request that succeeds at once', async () => {
    const { runner, slept } = setup();
    await expect(runner.run('lookup', async () => 'page', { idempotent: true })).resolves.toBe('page');
    expect(runner.stats()).toEqual({ requests: 1, byKind: { lookup: 1, create: 0, update: 0, delete: 0 }, rateLimited: 0, retries: 0 });
    expect(slept).toEqual([]);
  });

  it('retries a create after 429s, telling the pacer each time (its hold waits Retry-After), without using up attempts', async () => {
    const { runner, pacer, slept, events } = setup();
    const send = failThen([apiError(429, 2_000), apiError(429, 3_000)], 'created');
    await expect(runner.run('create', send, { idempotent: false })).resolves.toBe('created');
    expect(runner.stats()).toEqual({ requests: 3, byKind: { lookup: 0, create: 3, update: 0, delete: 0 }, rateLimited: 2, retries: 2 });
    expect(pacer.scheduled).toBe(3);
    expect(pacer.penalties).toEqual([2_000, 3_000]);
    // The pacer holds every start for Retry-After (and stops at --max-wait); the runner does not sleep on top.
    expect(slept).toEqual([]);
    expect(events).toEqual([
      { type: 'retry', kind: 'create', reason: 'rate-limited', attempt: 1, maxAttempts: 8, delayMs: 2_000, status: 429 },
      { type: 'retry', kind: 'create', reason: 'rate-limited', attempt: 1, maxAttempts: 8, delayMs: 3_000, status: 429 },
    ]);
  });

  it('rides out a storm of 429s far longer than the attempts, then still has every attempt for a 5xx', async () => {
    const { runner, events } = setup({ maxAttempts: 3 });
    const send = failThen([...Array.from({ length: 20 }, () => apiError(429)), apiError(503), apiError(503)], 'listed');
    await expect(runner.run('lookup', send, { idempotent: true })).resolves.toBe('listed');
    expect(runner.stats()).toMatchObject({ requests: 23, rateLimited: 20, retries: 22 });
    expect(events.filter((e) => e.reason === 'server-error').map((e) => e.attempt)).toEqual([1, 2]);
  });

  it('does not resend a create whose answer was lost or was a 5xx', async () => {
    for (const error of [new NoAnswerError(target, 'connection-reset'), apiError(503)]) {
      const { runner } = setup();
      await expect(runner.run('create', failThen([error], 'created'), { idempotent: false })).rejects.toBe(error);
      expect(runner.stats()).toMatchObject({ requests: 1, retries: 0 });
    }
  });

  it('retries an idempotent request with jittered backoff after 5xx and lost answers', async () => {
    const { runner, slept, events } = setup();
    const lost = new NoAnswerError({ ...target, kind: 'update' }, 'timeout');
    await expect(runner.run('update', failThen([apiError(502), lost], 'ok'), { idempotent: true })).resolves.toBe('ok');
    expect(slept).toEqual([500, 1_000]);
    expect(events.map((e) => (e.type === 'retry' ? [e.reason, e.status] : e.type))).toEqual([
      ['server-error', 502],
      ['no-answer', undefined],
    ]);
    expect(runner.stats()).toMatchObject({ requests: 3, rateLimited: 0, retries: 2, byKind: { update: 3 } });
  });

  it('throws the LAST error once the attempts are spent', async () => {
    const { runner } = setup({ maxAttempts: 3 });
    const errors = [apiError(500), apiError(502), apiError(503), apiError(504)];
    await expect(runner.run('lookup', failThen(errors, 'never'), { idempotent: true })).rejects.toBe(errors[2]);
    expect(runner.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it.each([401, 403, 400, 404, 422])('throws a %i at once, without retrying', async (status) => {
    const { runner, slept } = setup();
    const error = apiError(status);
    await expect(runner.run('lookup', failThen([error], 'ok'), { idempotent: true })).rejects.toBe(error);
    expect(runner.stats()).toMatchObject({ requests: 1, retries: 0 });
    expect(slept).toEqual([]);
  });

  it('adds up counts across calls and kinds', async () => {
    const { runner } = setup();
    await runner.run('lookup', async () => 1, { idempotent: true });
    await runner.run('update', failThen([apiError(429)], 2), { idempotent: true });
    await runner.run('create', async () => 3, { idempotent: false });
    expect(runner.stats()).toEqual({ requests: 4, byKind: { lookup: 1, create: 1, update: 2, delete: 0 }, rateLimited: 1, retries: 1 });
  });
});
