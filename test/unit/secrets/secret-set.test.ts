import { describe, expect, it } from 'vitest';
import { createRedactor, noRedaction, REDACTED } from '../../../src/secrets/redact-secrets.js';
import { createSecretSet } from '../../../src/secrets/secret-set.js';

describe('createSecretSet', () => {
  it('redacts secrets added after its redactor was handed out', () => {
    const secrets = createSecretSet([undefined, '']);
    const { redact } = secrets;
    expect(redact('key abc/def=')).toBe('key abc/def=');
    secrets.add('abc/def=');
    expect(redact('key abc/def= and abc%2Fdef%3D')).toBe(`key ${REDACTED} and ${REDACTED}`);
    secrets.add('hash-secret-1');
    expect(redact('abc/def= hash-secret-1')).toBe(`${REDACTED} ${REDACTED}`);
  });
});

describe('createRedactor without secrets', () => {
  it('is noRedaction, so sinks can skip their work entirely', () => {
    expect(createRedactor([])).toBe(noRedaction);
    expect(createRedactor([undefined, ''])).toBe(noRedaction);
  });

  it('leaves text shorter than the shortest form untouched, and still finds a form inside a longer one', () => {
    const redact = createRedactor(['abcdefgh']);
    expect(redact('abcdefg')).toBe('abcdefg');
    expect(redact('xabcdefghx')).toBe(`x${REDACTED}x`);
  });
});
