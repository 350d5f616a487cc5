import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { parseCustomOption, parseCustomOptions } from '../../../src/rows/open-field-options.js';
import { parseMapOptions } from '../../../src/rows/parse-map-options.js';
import { createRowValidator } from '../../../src/rows/validate-row.js';

describe('--custom values', () => {
  it('read Header, Header=property and Header=property:type', () => {
    expect(parseCustomOption('Plan')).toEqual({ header: 'Plan', property: 'Plan', type: 'string' });
    expect(parseCustomOption('Plan Name=plan')).toEqual({ header: 'Plan Name', property: 'plan', type: 'string' });
    expect(parseCustomOption('Seats=seats:Number')).toEqual({ header: 'Seats', property: 'seats', type: 'number' });
    // A colon that names no type is part of the property.
    expect(parseCustomOption('UTM=utm:source')).toEqual({ header: 'UTM', property: 'utm:source', type: 'string' });
  });

  it('refuse an empty header or property and a property named twice', () => {
    expect(() => parseCustomOption('=x')).toThrow(/expected Header/);
    expect(() => parseCustomOption('X=')).toThrow(/expected Header/);
    expect(() => parseCustomOptions(['A=p', 'B=p'])).toThrow(/given twice/);
  });
});

describe('mapping tags and custom columns', () => {
  const headers = ['user_id', 'name', 'email', 'Labels', 'Plan', '_line', 'Email'];

  it('finds a Tags/Labels/Segments column, and --map tags=Header picks another', () => {
    expect(mapColumns(headers).tags?.headers).toEqual(['Labels']);
    expect(mapColumns(headers, parseMapOptions(['tags=Plan'])).tags?.headers).toEqual(['Plan']);
  });

  it('--custom-rest takes every column nothing reads, but not the report columns or a second Email', () => {
    const mapping = mapColumns(headers, {}, { custom: [], customRest: true });
    expect(mapping.custom).toEqual([{ index: 4, header: 'Plan', property: 'Plan', type: 'string' }]);
    expect(mapping.unmapped.map((column) => column.header)).toEqual(['Email']);
    expect(mapping.ignored).toEqual(['_line']);
  });

  it('--custom may name a report column, never one a field reads', () => {
    const mapping = mapColumns(headers, {}, { custom: [{ header: '_line', property: 'line', type: 'number' }], customRest: false });
    expect(mapping.custom).toEqual([{ index: 5, header: '_line', property: 'line', type: 'number' }]);
    expect(mapping.ignored).toEqual([]);
    expect(() => mapColumns(headers, {}, { custom: [{ header: 'Labels', property: 'l', type: 'string' }], customRest: false })).toThrow(
      /already feeds tags/,
    );
  });
});

describe('validating a row with tags and custom attributes', () => {
  const headers = ['user_id', 'name', 'email', 'Tags', 'Seats'];
  const open = {
    custom: [{ header: 'Seats', property: 'seats', type: 'number' as const }],
    customRest: false,
    tags: ['all'],
    tagsMode: 'add' as const,
  };
  const validate = createRowValidator({ mapping: mapColumns(headers, {}, open), blanks: 'keep', open });

  it('adds the open fields to the contact', () => {
    const verdict = validate({ line: 2, cells: ['u-1', 'A', 'a@example.com', 'x;y', '3'] });
    expect(verdict).toMatchObject({ ok: true, row: { contact: { tags: { add: ['x', 'y', 'all'] }, customData: { seats: 3 } } } });
  });

  it('rejects the row whole, the fields first, then the attributes, in one message', () => {
    const verdict = validate({ line: 2, cells: ['u-1', 'A', 'not-mail', 'x', 'many'] });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reject.code).toBe('invalid_email');
    expect(verdict.reject.message).toMatch(/email.*; column "Seats" is not a number: "many"$/);
    const only = validate({ line: 3, cells: ['u-1', 'A', 'a@example.com', 'x', 'many'] });
    expect(only).toMatchObject({ ok: false, reject: { code: 'invalid_number' } });
  });
});
