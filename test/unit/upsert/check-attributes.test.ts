import { describe, expect, it } from 'vitest';
import { UnstoredTally, unstoredProperties } from '../../../src/upsert/check-attributes.js';
import { describeFailure } from '../../../src/upsert/classify-failure.js';
import { apiError } from './fake-customer-api.js';

describe('custom attributes that did not stick', () => {
  const sent = {
    customData: [
      { property: 'plan', value: 'pro' },
      { property: 'other', value: 'x' },
      { property: 'cleared', value: null },
    ],
  };

  it('are the properties sent with a value that the answer lacks', () => {
    const answer = { id: 1, fields: { customData: [{ property: 'plan', value: 'pro' }] } };
    expect(unstoredProperties(sent, answer)).toEqual(['other']);
    expect(unstoredProperties({}, answer)).toEqual([]);
  });

  it('warn once per property with the row count, and say when only creates were checked', () => {
    const tally = new UnstoredTally();
    tally.note(['other']);
    tally.note(['other', 'seats']);
    const warnings = tally.warnings();
    expect(warnings.map((warning) => warning.code)).toEqual(['custom_attribute_not_stored', 'custom_attribute_not_stored']);
    expect(warnings[0]?.message).toMatch(/^custom attribute "other" was not stored for 2 rows: .*created rows only/);
    expect(warnings[1]?.message).toMatch(/"seats" was not stored for 1 row:/);
    tally.checkedUpdates();
    expect(tally.warnings()[0]?.message).toContain('checked on created and updated rows');
  });
});

describe('a refused custom attribute', () => {
  it('is custom_attribute_rejected with the API message, whatever code names the custom data', () => {
    for (const code of ['unknown_custom_attribute', 'invalid_customData_value', 'invalid_custom_data']) {
      expect(describeFailure(apiError(400, ['invalid_request', code], 'Custom attribute "x" does not exist.'))).toEqual({
        status: 400,
        code: 'custom_attribute_rejected',
        message: 'Custom attribute "x" does not exist.',
      });
    }
    expect(describeFailure(apiError(400, ['invalid_request', 'invalid_email_value'], 'bad')).code).toBe('invalid_email_value');
  });
});
