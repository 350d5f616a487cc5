import { describe, expect, it } from 'vitest';
import {
  mergeCustomData,
  mergeTags,
  sameBoolean,
  sameCustomData,
  sameDate,
  sameLocale,
  sameTags,
  sameText,
  VALUE_KINDS,
} from '../../../src/fields/compare-values.js';

describe('sameText', () => {
  it('compares byte for byte', () => {
    expect(sameText('Acme', 'Acme')).toBe(true);
    expect(sameText('Acme', 'acme')).toBe(false);
    expect(sameText('Acme', 'Acme ')).toBe(false);
  });

  it('takes a number read back from the API as the text a cell held', () => {
    expect(sameText('42', 42)).toBe(true);
    expect(sameText(42, '42')).toBe(true);
    expect(sameText('42', 43)).toBe(false);
    expect(sameText('true', true)).toBe(true);
  });

  it('takes null as equal to any empty value, and to nothing else', () => {
    for (const empty of [null, undefined, '', []]) expect(sameText(null, empty)).toBe(true);
    expect(sameText(null, 'x')).toBe(false);
    expect(sameText('', null)).toBe(false);
  });
});

describe('tags, as a set of names', () => {
  const stored = [{ name: 'vip', color: '#ff0000' }, { name: 'beta' }];

  it('ignore order, repeats and colours', () => {
    expect(sameTags(['beta', 'vip'], stored)).toBe(true);
    expect(sameTags(['vip', 'beta', 'vip'], stored)).toBe(true);
  });

  it('differ by one name more or less', () => {
    expect(sameTags(['vip'], stored)).toBe(false);
    expect(sameTags(['vip', 'beta', 'new'], stored)).toBe(false);
    expect(sameTags(['vip', 'gamma'], stored)).toBe(false);
  });

  it('take null and an empty list as no tags', () => {
    expect(sameTags(null, [])).toBe(true);
    expect(sameTags(null, undefined)).toBe(true);
    expect(sameTags([], null)).toBe(true);
    expect(sameTags(null, stored)).toBe(false);
  });

  it('merge to the row set, keeping the colour of a tag it keeps, each once', () => {
    expect(mergeTags(['beta', 'vip', 'new', 'new'], stored)).toEqual([
      { name: 'beta' },
      { name: 'vip', color: '#ff0000' },
      { name: 'new' },
    ]);
    expect(mergeTags(null, stored)).toBeNull();
  });

  it('added: the same when every added name is stored already, whatever else is stored', () => {
    expect(sameTags({ add: ['vip'] }, stored)).toBe(true);
    expect(sameTags({ add: [] }, stored)).toBe(true);
    expect(sameTags({ add: ['vip', 'Vip'] }, stored)).toBe(false);
  });

  it('added: merge to the stored tags with their colours, then the new names', () => {
    expect(mergeTags({ add: ['new', 'vip', 'new'] }, stored)).toEqual([
      { name: 'vip', color: '#ff0000' },
      { name: 'beta' },
      { name: 'new' },
    ]);
    expect(mergeTags({ add: ['a'] }, undefined)).toEqual([{ name: 'a' }]);
  });

  it('merge into copies: the stored tags stay untouched', () => {
    const [vip] = mergeTags(['vip'], stored) ?? [];
    if (vip) vip.color = '#000000';
    expect(stored[0]?.color).toBe('#ff0000');
  });
});

describe('customData, per property', () => {
  const stored = [
    { property: 'plan', value: 'pro' },
    { property: 'seats', value: 5 },
    { property: 'trial', value: false },
  ];

  it('is the same as a map holding the same values in another order', () => {
    expect(sameCustomData({ trial: false, seats: 5, plan: 'pro' }, stored)).toBe(true);
  });

  it('compares only the properties the row carries', () => {
    expect(sameCustomData({}, stored)).toBe(true);
    expect(sameCustomData({ seats: '5' }, stored)).toBe(true);
    expect(sameCustomData({ seats: 6 }, stored)).toBe(false);
    expect(sameCustomData({ region: 'eu' }, stored)).toBe(false);
  });

  it('compares typed values with what is stored, and stored values of unknown shape with nothing', () => {
    expect(sameCustomData({ n: 42 }, [{ property: 'n', value: '42' }])).toBe(true);
    expect(sameCustomData({ n: 42 }, [{ property: 'n', value: 42 }])).toBe(true);
    expect(sameCustomData({ n: 'x' }, [{ property: 'n', value: { x: 1 } }])).toBe(false);
  });

  it('keeps stored values of unknown shape verbatim when merging other properties', () => {
    const odd = [
      { property: 'a', value: null },
      { property: 'b', value: { deep: [1] } },
    ];
    expect(mergeCustomData({ c: 'x' }, odd)).toEqual([...odd, { property: 'c', value: 'x' }]);
  });

  it('takes a property set to null as equal to one the customer lacks', () => {
    expect(sameCustomData({ region: null }, stored)).toBe(true);
    expect(sameCustomData({ plan: null }, stored)).toBe(false);
  });

  it('takes null as "no custom data at all"', () => {
    expect(sameCustomData(null, [])).toBe(true);
    expect(sameCustomData(null, undefined)).toBe(true);
    expect(sameCustomData(null, stored)).toBe(false);
  });

  it('merges over the stored items: stored order kept, new ones appended, null sent to clear', () => {
    expect(mergeCustomData({ region: 'eu', seats: 6, trial: null }, stored)).toEqual([
      { property: 'plan', value: 'pro' },
      { property: 'seats', value: 6 },
      { property: 'trial', value: null },
      { property: 'region', value: 'eu' },
    ]);
    expect(mergeCustomData({}, stored)).toEqual(stored);
    expect(mergeCustomData(null, stored)).toBeNull();
    expect(mergeCustomData({ a: 1, b: null }, undefined)).toEqual([{ property: 'a', value: 1 }]);
  });
});

describe('VALUE_KINDS', () => {
  it('sends a text value as the row holds it, null included', () => {
    expect(VALUE_KINDS.text.merge('x', 'y')).toBe('x');
    expect(VALUE_KINDS.text.merge(null, 'y')).toBeNull();
  });
});

describe('dates, as UNIX seconds', () => {
  it('equal a stored number or string of the same seconds', () => {
    expect(sameDate('1714641165', 1714641165)).toBe(true);
    expect(sameDate('1714641165', '1714641165')).toBe(true);
    expect(sameDate('1714641165', '01714641165')).toBe(true);
    expect(sameDate('1714641165', 1714641166)).toBe(false);
    expect(sameDate('1714641165', '2024-05-02T09:12:45Z')).toBe(false);
    expect(sameDate('1714641165', null)).toBe(false);
  });

  it('take null as equal to an empty date only', () => {
    for (const empty of [null, undefined, '']) expect(sameDate(null, empty)).toBe(true);
    expect(sameDate(null, 0)).toBe(false);
  });
});

describe('booleans', () => {
  it('count false as a value, and a stored 1/0 or "true"/"false" as the boolean', () => {
    expect(sameBoolean(false, false)).toBe(true);
    expect(sameBoolean(false, null)).toBe(false);
    expect(sameBoolean(false, undefined)).toBe(false);
    expect(sameBoolean(true, 1)).toBe(true);
    expect(sameBoolean(false, 0)).toBe(true);
    expect(sameBoolean(true, 'true')).toBe(true);
    expect(sameBoolean(true, false)).toBe(false);
    expect(sameBoolean(true, 'yes')).toBe(false);
  });

  it('take null as equal to an unset flag, never to false', () => {
    expect(sameBoolean(null, null)).toBe(true);
    expect(sameBoolean(null, undefined)).toBe(true);
    expect(sameBoolean(null, false)).toBe(false);
  });
});

describe('locales', () => {
  it('compare codes in any case', () => {
    expect(sameLocale('en', 'en')).toBe(true);
    expect(sameLocale('en', 'EN')).toBe(true);
    expect(sameLocale('en', 'es')).toBe(false);
    expect(sameLocale('en', null)).toBe(false);
    expect(sameLocale(null, '')).toBe(true);
    expect(sameLocale(null, 'en')).toBe(false);
  });

  it('are sent, like dates and booleans, as the row holds them', () => {
    expect(VALUE_KINDS.locale.merge('en', 'EN')).toBe('en');
    expect(VALUE_KINDS.date.merge('1714641165', 1)).toBe('1714641165');
    expect(VALUE_KINDS.boolean.merge(false, true)).toBe(false);
    expect(VALUE_KINDS.boolean.merge(null, true)).toBeNull();
  });
});
