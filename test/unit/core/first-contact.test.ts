import { describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError, type RequestTarget } from '../../../src/api/api-errors.js';
import { firstContactError } from '../../../src/core/first-contact.js';

const PAGE_0: RequestTarget = { kind: 'lookup', method: 'GET', path: '/customers' };
const notFound = new ApiError({ ...PAGE_0, status: 404, codes: [], apiMessage: undefined, retryAfterMs: undefined });

describe('firstContactError', () => {
  it('a refused connection names the host and points at --api-url (exit 2)', () => {
    const error = firstContactError(new NoAnswerError(PAGE_0, 'connection-refused'), 'http://127.0.0.1:1/v1');
    expect(error).toMatchObject({ code: 'HCI_CONFIG', exitCode: 2 });
    expect(error?.message).toContain('127.0.0.1:1 refused the connection');
    expect(error?.hint).toContain('--api-url');
  });

  it('a host that does not resolve is named', () => {
    const error = firstContactError(new NoAnswerError(PAGE_0, 'unknown-host'), 'https://api.helpcrunch.test/v1');
    expect(error?.message).toContain('the host api.helpcrunch.test is not known');
  });

  it('a 404 under a base path without /v1 suggests adding it; under /v1 it is left alone', () => {
    const error = firstContactError(notFound, 'https://api.helpcrunch.com');
    expect(error?.hint).toContain('--api-url https://api.helpcrunch.com/v1');
    expect(firstContactError(notFound, 'https://api.helpcrunch.com/v1')).toBeUndefined();
  });

  it('timeouts, resets and server errors keep their retries', () => {
    for (const reason of ['timeout', 'connection-reset', 'network'] as const) {
      expect(firstContactError(new NoAnswerError(PAGE_0, reason), 'https://api.helpcrunch.com/v1')).toBeUndefined();
    }
    const busy = new ApiError({ ...PAGE_0, status: 503, codes: [], apiMessage: undefined, retryAfterMs: undefined });
    expect(firstContactError(busy, 'https://api.helpcrunch.com')).toBeUndefined();
  });
});
