import { describe, expect, it } from 'vitest';
import { WIRE_FIELDS } from '../../../src/api/customer-api.js';
import { DEFAULT_DATE_SETTINGS } from '../../../src/fields/cell-reject.js';
import { FIELDS, FIELD_NAMES, PLANNED_FIELDS } from '../../../src/fields/field-table.js';
import {
  acceptText,
  DEFER,
  MAX_FIELD_LENGTH,
  optionalText,
  requiredText,
  textSchema,
  type TextCell,
} from '../../../src/fields/text-cell.js';
import { RejectCode } from '../../../src/model.js';
import { normaliseHeader } from '../../../src/rows/column-aliases.js';

describe('the field table', () => {
  it('lists the fields users name in --map, in the order rejects and the summary use', () => {
    expect(FIELD_NAMES).toEqual([
      'user_id',
      'name',
      'email',
      'phone',
      'company',
      'notes',
      'first_seen',
      'last_seen',
      'locale',
      'unsubscribed',
      'blocked',
    ]);
  });

  it('gives every field a writable HelpCrunch property, each once', () => {
    const properties = PLANNED_FIELDS.map((field) => field.property);
    expect(new Set(properties).size).toBe(properties.length);
    for (const property of properties) expect(Object.keys(WIRE_FIELDS)).toContain(property);
  });

  it('gives every CSV-fed field a kind whose wire type holds it', () => {
    // Dates (UNIX seconds) and locale codes travel as text; each kind compares its own way.
    const wireOfKind: Record<string, string> = { text: 'text', date: 'text', locale: 'text', boolean: 'boolean' };
    for (const field of FIELDS) expect(WIRE_FIELDS[field.property]).toBe(wireOfKind[field.kind]);
  });

  it('recognises each header for one field only, and each field by its own name', () => {
    const headers = FIELDS.flatMap((field) => field.aliases.map(normaliseHeader));
    expect(new Set(headers).size).toBe(headers.length);
    for (const field of FIELDS) expect(field.aliases.map(normaliseHeader)).toContain(normaliseHeader(field.name));
  });
});

/** The zod piece's verdict for one cell: the value, or DEFER when it refuses. */
function zodVerdict(cell: TextCell, raw: string | undefined, blank: null | undefined): unknown {
  const result = textSchema(cell, settings(blank)).safeParse(raw);
  return result.success ? result.data : DEFER;
}

const settings = (blank: null | undefined) => ({ blank, dates: DEFAULT_DATE_SETTINGS });

describe('a text cell', () => {
  const shortOnly = { code: RejectCode.invalidEmail, accepts: (value: string) => value.length < 4, explain: () => 'too long' };
  const cells: Record<string, TextCell> = {
    required: requiredText(RejectCode.missingName),
    'required with a check': requiredText(RejectCode.missingName, [shortOnly]),
    optional: optionalText(),
    'optional with a check': optionalText([shortOnly]),
  };
  const values = [undefined, '', '  ', 'ab', ' ab ', 'abcd', 'x'.repeat(MAX_FIELD_LENGTH), 'x'.repeat(MAX_FIELD_LENGTH + 1)];

  // The fast path and the zod piece both derive from the cell: any rule added to a cell holds in both.
  it.each(Object.keys(cells))('gives the fast path and the zod piece the same answer (%s)', (name) => {
    const cell = cells[name] as TextCell;
    for (const blank of [null, undefined])
      for (const value of values) {
        const fast = acceptText(cell, value, settings(blank));
        if (fast !== DEFER) expect(zodVerdict(cell, value, blank)).toBe(fast);
        if (fast === DEFER && value !== undefined) expect(zodVerdict(cell, value, blank)).toBe(DEFER);
      }
  });

  it('runs a check on an optional field, but never on its blank cell', () => {
    const cell = cells['optional with a check'] as TextCell;
    expect(acceptText(cell, 'abcd', settings(null))).toBe(DEFER);
    expect(zodVerdict(cell, 'abcd', null)).toBe(DEFER);
    expect(acceptText(cell, ' ', settings(null))).toBeNull();
    expect(zodVerdict(cell, ' ', null)).toBeNull();
  });
});
