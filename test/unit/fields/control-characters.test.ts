import { describe, expect, it } from 'vitest';
import { FIELDS, FIELD_NAMES } from '../../../src/fields/field-table.js';
import { DEFAULT_DATE_SETTINGS } from '../../../src/fields/cell-reject.js';
import { acceptText, DEFER, optionalText, requiredText } from '../../../src/fields/text-cell.js';
import { noControlCharacters, noControlCharactersButLineBreaks } from '../../../src/fields/text-checks.js';
import { RejectCode } from '../../../src/model.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { createRowValidator, type RowVerdict } from '../../../src/rows/validate-row.js';

const KEEP = { blank: undefined, dates: DEFAULT_DATE_SETTINGS };
const HEADERS: string[] = [...FIELD_NAMES];
const GOOD = ['u-1', 'Ann Lee', 'ann@example.com', '+1 555', 'Acme', 'Met at the expo', '2024-05-02', '1714641165', 'en', 'no', 'n'];

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

  it('keeps line breaks inside notes, on both paths alike, and still refuses an escape there', () => {
    const notes = FIELD_NAMES.indexOf('notes');
    const [fast, slow] = verdicts(withCell(notes, 'Line one\r\nline two\nthree\rfour'));
    expect(fast).toStrictEqual(slow);
    expect(slow.ok && slow.row.contact.notes).toBe('Line one\r\nline two\nthree\rfour');
    const [, escaped] = verdicts(withCell(notes, 'one\n\u001B[2Jtwo'));
    expect(escaped.ok ? '' : escaped.reject.message).toContain('notes holds a control character (\\u001B): "one\\u000A\\u001B[2Jtwo"');
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
    // Notes keep line breaks (free text HelpCrunch shows over several lines) and refuse every other one.
    for (const field of FIELDS) {
      expect(field.cell.checks).toContain(field.name === 'notes' ? noControlCharactersButLineBreaks : noControlCharacters);
    }
    expect(requiredText(RejectCode.missingName).checks).toContain(noControlCharacters);
    expect(optionalText().checks).toContain(noControlCharacters);
  });

  it('makes the fast path defer a cell holding one, and only such a cell', () => {
    expect(acceptText(optionalText(), 'a\u007Fb', KEEP)).toBe(DEFER);
    expect(acceptText(optionalText(), 'a\tb é ☃', KEEP)).toBe('a\tb é ☃');
  });
});
