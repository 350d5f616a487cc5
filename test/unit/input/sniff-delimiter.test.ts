import { describe, expect, it } from 'vitest';
import { readSepLine, sniffDelimiter } from '../../../src/input/sniff-delimiter.js';

describe('sniffDelimiter', () => {
  it.each([
    ['user_id;name;email\n1,5;Ann;a@x\n', ';'],
    ['user_id\tname\temail\n', '\t'],
    ['user_id|name|email', '|'],
    ['user_id,name;email\n', ','],
    ['name;email|phone\n', ';'],
    ['email\n', ','],
  ])('%j → %j', (text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });

  it('counts only outside quotes', () => {
    expect(sniffDelimiter('"Name; first; last";"Mail, work"\n')).toBe(';');
    expect(sniffDelimiter('"a;b;c;d",e\n')).toBe(',');
  });

  it('looks at the first non-blank line only', () => {
    expect(sniffDelimiter('\n \t \r\nid|name\n1;2;3;4;5\n')).toBe('|');
  });
});

describe('readSepLine', () => {
  it.each([
    ['sep=;\r\nid;name', ';', 7],
    ['sep=,\nid', ',', 6],
    ['SEP=|\rid', '|', 6],
    ['sep=\t\nid', '\t', 6],
    ['"sep=;"\nid', ';', 8],
    ['sep=;;;;\nid', ';', 9],
    ['sep=;', ';', 5],
  ])('%j names %j and spans %i characters', (text, delimiter, length) => {
    expect(readSepLine(text)).toEqual({ delimiter, length });
  });

  it.each(['separator,name\n', 'sep=value,other\n', 'id,sep=;\n', '\nsep=;\n', 'sep=\n'])('%j is not a sep line', (text) => {
    expect(readSepLine(text)).toBeUndefined();
  });
});
