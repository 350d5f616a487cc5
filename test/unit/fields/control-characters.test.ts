import { describe, expect, it } from 'vitest';
import { FIELDS, FIELD_NAMES } from '../../../src/fields/field-table.js';
import { acceptText, DEFER, optionalText, requiredText } from '../../../src/fields/text-cell.js';
import { noControlCharacters } from '../../../src/fields/text-checks.js';
import { RejectCode } from '../../../src/model.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { createRowValidator, type RowVerdict } from '../../../src/rows/validate-row.js';

const HEADERS = ['user_id', 'name', 'email', 'phone', 'company'];
const GOOD = ['u-1', 'Ann Lee', 'ann@example.com', '+1 555', 'Acme'];

/** The verdicts of the fast path and of the zod schema alone, for one row under `headers`. */
function verdicts(cells: string[], headers = HEADERS): [RowVerdict, RowVerdict] {
  const mapping = mapColumns(headers);
  const record = { line: 2, cells };
  const fast = createRowValidator({ mapping, blanks: 'keep' });
  const slow = createRowValidator({ mapping, blanks: 'keep', fastPath: false });
  return [fast(record), slow(record)];
}

/** GOOD with the value of field `index` replaced. */
const withCell = (index: number, value: string): string[] => GOOD.map((cell, i) => (i === index ? value : cell));

const hex = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

// Every control character but tab: C0, DEL and C1 (U+009B is the 8-bit CSI).
const CONTROLS = [...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => code !== 0x09), 0x7f, 0x80, 0x9b, 0x9f];

describe('control characters in text fields', () => {
  const fields = FIELD_NAMES.map((name, index) => [name, index] as const);
  it.each(fields)('rejects an ANSI escape in %s, naming the field and the character', (name, index) => {
    for (const verdict of verdicts(withCell(index, 'x\u001B[31mred'))) {
      expect(verdict.ok).toBe(false);
      if (verdict.ok) continue;
      expect(verdict.reject.code).toBe(RejectCode.invalidCharacters);
      expect(verdict.reject.message).toContain(`${name} holds a control character (\\u001B)`);
      expect(verdict.reject.message).toContain('"x\\u001B[31mred"');
      expect(verdict.reject.message).not.toMatch(/\u001B/);
    }
  });

  it.each(CONTROLS.map((code) => [hex(code), code] as const))('rejects U+%s inside a name, on both paths alike', (_, code) => {
    const [fast, slow] = verdicts(withCell(1, `Ann${String.fromCharCode(code)}Lee`));
    expect(fast).toStrictEqual(slow);
    expect(slow.ok ? 'accepted' : slow.reject.code).toBe(RejectCode.invalidCharacters);
  });

  it('rejects a line break inside a quoted name or company, and says which one', () => {
    const [fast, slow] = verdicts(withCell(4, 'Acme\r\nLtd'));
    expect(fast).toStrictEqual(slow);
    expect(slow.ok ? '' : slow.reject.message).toContain('company holds a control character (\\u000D, \\u000A)');
  });

  it('keeps a tab inside a value, and trims line breaks at the ends as whitespace', () => {
    for (const verdict of verdicts(['\tu\t1\n', 'Ann\tLee\r\n', 'ann@example.com', '', 'Acme\tLtd'])) {
      expect(verdict.ok && verdict.row.contact).toMatchObject({ userId: 'u\t1', name: 'Ann\tLee', company: 'Acme\tLtd' });
    }
  });

  it('rejects a control character in a joined first + last name', () => {
    const [fast, slow] = verdicts(['u-1', 'Ann', 'Le\u0000e', 'ann@example.com'], ['user_id', 'first name', 'last name', 'email']);
    expect(fast).toStrictEqual(slow);
    expect(slow.ok ? '' : slow.reject.code).toBe(RejectCode.invalidCharacters);
  });

  it('reports the control character before any other check of the field', () => {
    const [, slow] = verdicts(withCell(2, 'ann\u001B@example'));
    expect(slow.ok ? '' : slow.reject.code).toBe(RejectCode.invalidCharacters);
  });
});

describe('the control-character check', () => {
  it('is part of every field of the table, and of any text cell made later', () => {
    for (const field of FIELDS) expect(field.cell.checks).toContain(noControlCharacters);
    expect(requiredText(RejectCode.missingName).checks).toContain(noControlCharacters);
    expect(optionalText().checks).toContain(noControlCharacters);
  });

  it('makes the fast path defer a cell holding one, and only such a cell', () => {
    expect(acceptText(optionalText(), 'a\u007Fb', undefined)).toBe(DEFER);
    expect(acceptText(optionalText(), 'a\tb é ☃', undefined)).toBe('a\tb é ☃');
  });
});
