import { describe, expect, it } from 'vitest';
import { DEFAULT_DATE_SETTINGS, type DateSettings } from '../../../src/fields/cell-reject.js';
import { FIELD_NAMES } from '../../../src/fields/field-table.js';
import type { BlanksPolicy } from '../../../src/model.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { parseMapOptions } from '../../../src/rows/parse-map-options.js';
import { createRowValidator, type RowVerdict } from '../../../src/rows/validate-row.js';

const HEADERS = ['user_id', 'name', 'email', 'Notes', 'Created at', 'Last seen', 'Language', 'Unsubscribed', 'Blocked'];
const BASE = ['u-1', 'Ann', 'ann@example.com'];

/** Both paths' verdicts for one row of the scalar fields. */
function verdicts(cells: string[], blanks: BlanksPolicy = 'keep', dates: DateSettings = DEFAULT_DATE_SETTINGS): [RowVerdict, RowVerdict] {
  const mapping = mapColumns(HEADERS);
  const record = { line: 2, cells: [...BASE, ...cells] };
  const fast = createRowValidator({ mapping, blanks, dates })(record);
  const slow = createRowValidator({ mapping, blanks, dates, fastPath: false })(record);
  return [fast, slow];
}

describe('the scalar fields in a row', () => {
  it('are mapped from their usual headers', () => {
    const { fields } = mapColumns([...HEADERS, 'About', 'Signed up', 'Locale']);
    expect(Object.keys(fields)).toEqual(FIELD_NAMES.filter((name) => name !== 'phone' && name !== 'company'));
    expect(fields.first_seen?.headers).toEqual(['Created at']);
  });

  it('are named in --map by their field names, in any spelling', () => {
    const overrides = parseMapOptions([
      'firstSeen=Joined',
      'last-seen=Seen',
      'locale=Idioma',
      'NOTES=Bio',
      'unsubscribed=Opt',
      'blocked=Ban',
    ]);
    const { fields } = mapColumns(['user_id', 'name', 'email', 'Joined', 'Seen', 'Idioma', 'Bio', 'Opt', 'Ban'], overrides);
    expect(Object.fromEntries(Object.entries(fields).map(([field, columns]) => [field, columns?.indexes]))).toMatchObject({
      first_seen: [3],
      last_seen: [4],
      locale: [5],
      notes: [6],
      unsubscribed: [7],
      blocked: [8],
    });
  });

  it('become typed Contact values on both paths alike', () => {
    const [fast, slow] = verdicts(['A note', '2024-05-02T09:12:45Z', '1714641165000', 'Español', 'Yes', 'n']);
    expect(fast).toStrictEqual(slow);
    expect(slow.ok && slow.row.contact).toStrictEqual({
      userId: 'u-1',
      name: 'Ann',
      email: 'ann@example.com',
      phone: undefined,
      company: undefined,
      notes: 'A note',
      firstSeen: '1714641165',
      lastSeen: '1714641165',
      locale: 'es',
      unsubscribed: true,
      blocked: false,
    });
  });

  it('keep or clear on a blank cell, by --blanks', () => {
    const blanks = ['', ' ', '', '', '', ''];
    const [keepFast, keep] = verdicts(blanks, 'keep');
    expect(keepFast).toStrictEqual(keep);
    expect(keep.ok && keep.row.contact.firstSeen).toBeUndefined();
    const [clearFast, clear] = verdicts(blanks, 'clear');
    expect(clearFast).toStrictEqual(clear);
    expect(clear.ok && [clear.row.contact.notes, clear.row.contact.firstSeen, clear.row.contact.unsubscribed]).toEqual([null, null, null]);
  });

  it('read dates by the run settings', () => {
    const berlinDmy = { timezone: 'Europe/Berlin', dateOrder: 'DMY' } as const;
    const [fast, slow] = verdicts(['', '02/05/2024 11:12:45', '2024-05-02 11:12:45', '', '', ''], 'keep', berlinDmy);
    expect(fast).toStrictEqual(slow);
    expect(slow.ok && [slow.row.contact.firstSeen, slow.row.contact.lastSeen]).toEqual(['1714641165', '1714641165']);
  });

  it.each([
    [['', 'soon', '', '', '', ''], 'invalid_date', 'first_seen "soon" is not a date hc-import reads'],
    [['', '', '02/05/2024', '', '', ''], 'ambiguous_date', 'last_seen "02/05/2024" could be day/month/year or month/day/year'],
    [['', '', '', 'Klingon', '', ''], 'invalid_locale', 'locale "Klingon" is not a language hc-import knows'],
    [['', '', '', '', 'maybe', ''], 'invalid_boolean', 'unsubscribed "maybe" is not a yes/no value'],
    [['n'.repeat(256), '', '', '', '', ''], 'field_too_long', 'notes is 256 characters long; the limit is 255'],
  ])('reject a bad value with its code, naming the field and the value (%#)', (cells, code, message) => {
    const [fast, slow] = verdicts(cells);
    expect(fast).toStrictEqual(slow);
    expect(slow.ok ? undefined : { code: slow.reject.code, message: slow.reject.message }).toEqual({
      code,
      message: expect.stringContaining(message),
    });
  });

  it('reject the whole row once, with the first code and every problem listed', () => {
    const [, slow] = verdicts(['', 'soon', '2024-05-02', 'xx', 'maybe', 'kinda']);
    expect(slow.ok).toBe(false);
    if (slow.ok) return;
    expect(slow.reject.code).toBe('invalid_date');
    expect(slow.reject.message.split('; ').map((part) => part.split(' ')[0])).toEqual(['first_seen', 'locale', 'unsubscribed', 'blocked']);
  });
});
