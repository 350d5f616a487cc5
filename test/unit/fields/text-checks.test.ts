import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMAIL_PATTERN, isScientificNotation } from '../../../src/fields/text-checks.js';

describe('isScientificNotation', () => {
  it.each(['1.23457E+11', '1E+15', '1e+21', '5.5e10', '5.5E10', '-2.1e-3', '+7E-05', '123e+4', '1,23457E+11'])('matches %j', (value) => {
    expect(isScientificNotation(value)).toBe(true);
  });

  it.each(['E123', 'e5', 'abc1e5', '1e5x', '1e5', '12e45', '1.5', '1.5E', '1.5E+', '.5e10', '1e+5 x', '1,5', 'v1.2e3'])(
    'does not match %j',
    (value) => {
      expect(isScientificNotation(value)).toBe(false);
    },
  );
});

describe('EMAIL_PATTERN', () => {
  it('is the pattern it was copied from (a zod upgrade that changes it needs a decision, not a silent change)', () => {
    expect(EMAIL_PATTERN.source).toBe(z.regexes.email.source);
  });
});
