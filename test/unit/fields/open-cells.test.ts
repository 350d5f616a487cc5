import { describe, expect, it } from 'vitest';
import { readAttributeCell, readTagCell, sniffTagSeparator } from '../../../src/fields/open-cells.js';

describe('tag cells', () => {
  it('sniff the most frequent separator among , ; | and a line break', () => {
    expect(sniffTagSeparator('a;b;c, d')).toBe(';');
    expect(sniffTagSeparator('a|b')).toBe('|');
    expect(sniffTagSeparator('a\nb')).toBe('\n');
    expect(sniffTagSeparator('solo')).toBe(',');
  });

  it('trim, drop empty ones, keep case and collapse repeats', () => {
    expect(readTagCell('tags', ' VIP ; beta;;VIP; vip ')).toEqual({ tags: ['VIP', 'beta', 'vip'] });
    expect(readTagCell('tags', 'a\r\nb')).toEqual({ tags: ['a', 'b'] });
    expect(readTagCell('tags', 'a,b;c', ';')).toEqual({ tags: ['a,b', 'c'] });
  });

  it('refuse a tag over 255 characters or holding a control character', () => {
    expect(readTagCell('tags', `ok,${'x'.repeat(256)}`)).toMatchObject({ code: 'field_too_long' });
    expect(readTagCell('tags', 'a\u001bb', ';')).toMatchObject({ code: 'invalid_characters' });
  });
});

describe('attribute cells', () => {
  it.each([
    ['number', '42', 42],
    ['number', '-1.5', -1.5],
    ['boolean', 'Yes', true],
    ['boolean', '0', false],
    ['date', '1717113600', 1_717_113_600],
    ['date', '2024-05-31', 1_717_113_600],
    ['date', '2024-05-31T02:00:00+02:00', 1_717_113_600],
    ['date', '2024-05-31 00:00', 1_717_113_600],
    ['string', '007', '007'],
  ] as const)('%s %j reads as %j', (type, cell, value) => {
    expect(readAttributeCell('column "X"', type, cell)).toEqual({ value });
  });

  it.each([
    ['number', '1,5', 'invalid_number'],
    ['number', '1e5', 'invalid_number'],
    ['boolean', 'maybe', 'invalid_boolean'],
    ['date', '2024-02-31', 'invalid_date'],
    ['date', '31/05/2024', 'invalid_date'],
    // A year or a compact date is no second count (as for first_seen): read as one it would land in 1970.
    ['date', '2024', 'invalid_date'],
    ['date', '20240531', 'invalid_date'],
    ['date', '1717113600000', 'invalid_date'],
    ['string', 'x'.repeat(256), 'field_too_long'],
  ] as const)('%s %j is %s, naming the column and the value', (type, cell, code) => {
    const read = readAttributeCell('column "X"', type, cell);
    expect(read).toMatchObject({ code });
    if (code !== 'field_too_long') expect(read).toMatchObject({ message: expect.stringMatching(/^column "X" is not .*: ".+"$/) });
  });
});
