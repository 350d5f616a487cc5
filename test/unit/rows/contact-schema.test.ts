import { describe, expect, it } from 'vitest';
import { DEFAULT_DATE_SETTINGS } from '../../../src/fields/cell-reject.js';
import { FIELDS } from '../../../src/fields/field-table.js';
import type { BlanksPolicy } from '../../../src/model.js';
import { blanksValue, createFastPath } from '../../../src/rows/contact-schema.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { createRowValidator, type RowValidator } from '../../../src/rows/validate-row.js';

// Values chosen to sit on each rule's edges: blanks, unicode whitespace, lengths 255/256 before and
// after trimming, scientific lookalikes, emails on both sides of the pattern, control characters and tabs.
const USER_IDS = [
  '007',
  ' u1 ',
  '',
  ' \u00a0',
  '1.23457E+11',
  'E123',
  '12e45',
  'x'.repeat(255),
  ` ${'x'.repeat(255)} `,
  'x'.repeat(256),
  'a\u200b',
  'u\u001b1',
  'u\t1',
];
const NAMES = ['Ann', '  ', '', '\u3000Ann\u3000', 'n'.repeat(256), '😀'.repeat(128), 'Ann\nLee', 'Ann\u007f'];
const EMAILS = [
  'a@example.com',
  ' A@Example.COM ',
  '',
  'bob@',
  'bob@gmail',
  `${'a'.repeat(243)}@example.com`,
  `${'a'.repeat(244)}@example.com`,
];
const OPTIONALS = [undefined, '', ' ', ' +1 555 ', 'p'.repeat(255), 'p'.repeat(256)];

/** Every combination, each as headers + cells: a field whose value is undefined has no column. */
function* corpus(): Generator<{ headers: string[]; cells: string[] }> {
  for (const userId of USER_IDS)
    for (const name of NAMES)
      for (const email of EMAILS)
        for (const phone of OPTIONALS)
          for (const company of [undefined, '', 'Acme', 'c'.repeat(256), 'Ac\u0000me']) {
            const present = Object.entries({ user_id: userId, name, email, phone, company }).filter(
              (entry): entry is [string, string] => entry[1] !== undefined,
            );
            yield { headers: present.map(([header]) => header), cells: present.map(([, value]) => value) };
          }
}

interface ValidatorPair {
  fast: RowValidator;
  slow: RowValidator;
}

function validatorPair(headers: string[], blanks: BlanksPolicy): ValidatorPair {
  const mapping = mapColumns(headers);
  return { fast: createRowValidator({ mapping, blanks }), slow: createRowValidator({ mapping, blanks, fastPath: false }) };
}

describe('the fast path and the zod schema', () => {
  it.each(['keep', 'clear'] as const)('give the same verdict on every edge case (blanks=%s)', (blanks: BlanksPolicy) => {
    let accepted = 0;
    let compared = 0;
    const pairs = new Map<string, ValidatorPair>();
    for (const { headers, cells } of corpus()) {
      const key = headers.join();
      const pair = pairs.get(key) ?? validatorPair(headers, blanks);
      pairs.set(key, pair);
      const { fast, slow } = pair;
      const record = { line: 7, cells };
      const expected = slow(record);
      expect(fast(record)).toStrictEqual(expected);
      compared += 1;
      if (expected.ok) accepted += 1;
    }
    // Both sides of the rules must be exercised, or the comparison proves little.
    expect(accepted).toBeGreaterThan(100);
    expect(compared - accepted).toBeGreaterThan(100);
  });

  it("give contacts the table's properties in the table's order, whichever columns the file has", () => {
    const properties = FIELDS.map((field) => field.property);
    const values: Record<string, string> = { user_id: 'u1', name: 'Ann', email: 'a@example.com', phone: '+1 555', company: 'Acme' };
    for (const headers of [
      ['email', 'name', 'user_id'],
      ['company', 'user_id', 'phone', 'name', 'email'],
    ]) {
      const { fast, slow } = validatorPair(headers, 'keep');
      const record = { line: 2, cells: headers.map((header) => values[header] ?? '') };
      for (const verdict of [fast(record), slow(record)]) {
        expect(verdict.ok && Object.keys(verdict.row.contact)).toEqual(properties);
      }
    }
  });

  it('never rejects: it defers anything doubtful to the schema', () => {
    const cells = ['1E+15', 'Ann', 'a@example.com'];
    const readers = FIELDS.map((field, index) => ({ field, read: index < cells.length ? () => cells[index] ?? '' : undefined }));
    expect(createFastPath(readers, { blank: blanksValue('keep'), dates: DEFAULT_DATE_SETTINGS })(cells)).toBeUndefined();
  });
});
