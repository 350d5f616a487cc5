import { describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError } from '../../src/api/api-errors.js';
import { isRemoteFailure, usageError } from '../../src/errors.js';
import { ErrorKind, exitCodeFor, RunEnd } from '../../src/exit-codes.js';

const target = { kind: 'create', method: 'POST', path: '/customers' } as const;
const answered = (status: number): ApiError =>
  new ApiError({ ...target, status, codes: [], apiMessage: undefined, retryAfterMs: undefined });

describe('the exit code table', () => {
  it.each([
    [RunEnd.ok, 0],
    [RunEnd.rowsNotApplied, 4],
    [ErrorKind.internal, 1],
    [ErrorKind.usage, 2],
    [ErrorKind.input, 3],
    [ErrorKind.unauthorised, 5],
    [ErrorKind.rejected, 5],
    [ErrorKind.noAnswer, 5],
    [ErrorKind.rateLimited, 5],
    [ErrorKind.cancelled, 130],
  ] as const)('%s exits %i', (end, code) => {
    expect(exitCodeFor(end)).toBe(code);
  });
});

describe('errors say what happened', () => {
  it.each([
    [answered(401), ErrorKind.unauthorised, 'HCI_AUTH_REJECTED'],
    [answered(403), ErrorKind.unauthorised, 'HCI_AUTH_REJECTED'],
    [answered(429), ErrorKind.rateLimited, 'HCI_REMOTE_FAILED'],
    [answered(400), ErrorKind.rejected, 'HCI_REMOTE_FAILED'],
    [answered(503), ErrorKind.rejected, 'HCI_REMOTE_FAILED'],
    [new NoAnswerError(target, 'timeout'), ErrorKind.noAnswer, 'HCI_REMOTE_FAILED'],
  ])('%s is %s', (error, kind, code) => {
    expect(error).toMatchObject({ kind, code });
    expect(isRemoteFailure(error)).toBe(true);
  });

  it('a usage error is not a remote failure', () => {
    expect(isRemoteFailure(usageError('bad flag'))).toBe(false);
    expect(isRemoteFailure(new Error('bug'))).toBe(false);
  });
});
