import { describe, expect, it } from 'vitest';
import { guardFormula, toCsvLine } from '../../../src/report/csv-line.js';

describe('guardFormula', () => {
  it.each(['=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx'])('prefixes %j so a spreadsheet shows it as text', (cell) => {
    expect(guardFormula(cell)).toBe(`'${cell}`);
  });

  it.each(["'=already", "''+1"])("prefixes %j too, so that the reader's removing one ' gives it back as written", (cell) => {
    expect(guardFormula(cell)).toBe(`'${cell}`);
  });

  it.each(['plain', '', "'plain", 'a=b', ' =space-first'])('leaves %j alone', (cell) => {
    expect(guardFormula(cell)).toBe(cell);
  });
});

describe('toCsvLine', () => {
  it('quotes delimiters, quotes and line breaks, doubling inner quotes', () => {
    expect(toCsvLine(['a,b', 'say "hi"', 'two\nlines', 'plain'])).toBe('"a,b","say ""hi""","two\nlines",plain\r\n');
  });

  it('guards a formula before quoting it', () => {
    expect(toCsvLine(['=HYPERLINK("x","y")'])).toBe(`"'=HYPERLINK(""x"",""y"")"\r\n`);
  });
});
