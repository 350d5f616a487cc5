import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redactDeep, secretForms } from '../../../src/secrets/redact-secrets.js';

/** Keys with the characters that encodings change: `/ + = " \`, a space, and a non-ASCII letter. */
const KEYS = ['abc/def+ghi=jkl', 'q"uo\\te/slash', 'with space+plus', 'ключ/ñ=1', 'plain-key-0123456789'];

/** How servers echo a key: raw, JSON (standard and PHP's `\/`), URL-encoded, base64 of the header. */
function echoes(key: string): string[] {
  const json = JSON.stringify({ message: `bad token ${key}` });
  const php = json.replaceAll('/', '\\/');
  return [
    `token ${key} rejected`,
    json,
    php,
    `GET /customers?api_key=${encodeURIComponent(key)}`,
    `GET /customers?api_key=${encodeURIComponent(key).toLowerCase()}`,
    `Authorization: ${Buffer.from(`Bearer ${key}`).toString('base64')}`,
    `raw64 ${Buffer.from(key).toString('base64')}`,
  ];
}

describe('createRedactor', () => {
  it.each(KEYS)('finds key %j in every echo form, and leaves no form of it behind', (key) => {
    const redact = createRedactor([key]);
    for (const text of echoes(key)) {
      const out = redact(text);
      expect(out, text).toContain(REDACTED);
      for (const form of secretForms(key)) expect(out, `${text} → ${out}`).not.toContain(form);
      expect(JSON.stringify(out)).not.toContain(key);
    }
  });

  it('redacts the decoded message of a PHP-escaped echo (the reproduced leak)', () => {
    const key = 'live/abc+def==';
    const body = JSON.stringify({ errors: [{ message: `Invalid key ${key}` }] }).replaceAll('/', '\\/');
    const decoded = (JSON.parse(body) as { errors: { message: string }[] }).errors[0]?.message ?? '';
    expect(decoded).toContain(key);
    expect(createRedactor([key])(decoded)).toBe(`Invalid key ${REDACTED}`);
  });

  it('leaves text without a secret alone, and ignores empty or missing secrets', () => {
    expect(createRedactor(['secret-key'])('nothing to hide')).toBe('nothing to hide');
    expect(createRedactor(['', undefined])('secret-key')).toBe('secret-key');
  });

  it('redacts several secrets at once, the longer form first', () => {
    const redact = createRedactor(['abc', 'abcdef']);
    expect(redact('abcdef and abc')).toBe(`${REDACTED} and ${REDACTED}`);
  });
});

describe('redactDeep', () => {
  it('redacts strings and keys at any depth and keeps numbers, booleans and null', () => {
    const redact = createRedactor(['k/1']);
    const value = { error: { message: 'key k/1', cause: ['k\\/1'] }, n: 3, ok: true, none: null, ['k/1']: 'x' };
    expect(redactDeep(value, redact)).toEqual({
      error: { message: `key ${REDACTED}`, cause: [REDACTED] },
      n: 3,
      ok: true,
      none: null,
      [REDACTED]: 'x',
    });
  });
});
