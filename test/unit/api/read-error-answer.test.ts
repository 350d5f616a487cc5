import { describe, expect, it } from 'vitest';
import { readErrorBody, readRetryAfter } from '../../../src/api/read-error-answer.js';
import { createRedactor } from '../../../src/secrets/redact-secrets.js';

describe('readErrorBody', () => {
  it('collects every code and takes the message of the specific entry, not the generic first one', () => {
    const body = JSON.stringify({
      errors: [
        { code: 'invalid_request', message: 'Invalid request' },
        { code: 'invalid_userId_value', message: 'User with this id already exists' },
      ],
    });
    expect(readErrorBody(body)).toEqual({
      codes: ['invalid_request', 'invalid_userId_value'],
      apiMessage: 'User with this id already exists',
    });
  });

  it('finds a code however deep in the array it sits', () => {
    const body = JSON.stringify({ errors: [{ code: 'invalid_request' }, { message: 'x' }, { code: 'invalid_email_value' }] });
    expect(readErrorBody(body).codes).toEqual(['invalid_request', 'invalid_email_value']);
  });

  it('falls back to the first message when the specific entry has none', () => {
    const body = JSON.stringify({ errors: [{ code: 'invalid_request', message: 'Bad' }, { code: 'too_long' }] });
    expect(readErrorBody(body).apiMessage).toBe('Bad');
  });

  it.each([
    ['an HTML error page', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a bare array', '[{"code":"x"}]'],
    ['errors that is not an array', '{"errors":"broken"}'],
    ['entries of the wrong type', '{"errors":[null, 3, "x", {"code": 5}]}'],
  ])('knows nothing, without throwing, from %s', (_name, text) => {
    expect(readErrorBody(text)).toEqual({ codes: [], apiMessage: undefined });
  });

  it('reads a bare {message} answer and clips a runaway one to one line', () => {
    expect(readErrorBody('{"message":"Too Many Attempts."}').apiMessage).toBe('Too Many Attempts.');
    const long = readErrorBody(JSON.stringify({ message: `a\n${'b'.repeat(1000)}` })).apiMessage ?? '';
    expect(long.length).toBeLessThanOrEqual(301);
    expect(long).not.toContain('\n');
  });
});

describe('readRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['seconds', '7', 7_000],
    ['zero', '0', 0],
    ['fractional seconds', '1.5', 1_500],
    ['an HTTP date', 'Wed, 01 Jan 2025 00:00:30 GMT', 30_000],
    ['a date in the past', 'Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['an array (first wins)', ['3', '9'], 3_000],
  ] as const)('reads %s', (_name, header, expected) => {
    expect(readRetryAfter(header as string | string[], now)).toBe(expected);
  });

  it.each([undefined, '', 'soon', '-5'])('ignores %j', (header) => {
    expect(readRetryAfter(header, now)).toBeUndefined();
  });
});

describe('readErrorBody with a redactor', () => {
  it('removes every copy of the secret from the decoded codes and message', () => {
    const body = JSON.stringify({ errors: [{ code: 'bad_abc/123', message: 'token abc/123 is invalid (abc/123)' }] }).replaceAll(
      '/',
      '\\/',
    );
    expect(readErrorBody(body, createRedactor(['abc/123']))).toEqual({
      codes: ['bad_[redacted]'],
      apiMessage: 'token [redacted] is invalid ([redacted])',
    });
  });

  it('redacts before clipping, so a secret cut at the limit cannot survive in part', () => {
    const key = 'k'.repeat(40);
    const message = `${'x'.repeat(280)} ${key}`;
    const answer = readErrorBody(JSON.stringify({ message }), createRedactor([key]));
    expect(answer.apiMessage).toBe(`${'x'.repeat(280)} [redacted]`);
  });
});
