import { describe, expect, it } from 'vitest';
import { parseDelimiter, parseEncoding } from '../../../src/input/parse-user-options.js';

describe('parseEncoding', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['UTF-8', 'utf-8'],
    ['utf-8-sig', 'utf-8'],
    ['utf-16le', 'utf-16le'],
    ['UTF16BE', 'utf-16be'],
    ['windows-1252', 'windows-1252'],
    ['cp1252', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['ISO-8859-1', 'windows-1252'],
    ['iso_8859_1', 'windows-1252'],
  ])('%j → %j', (spelling, expected) => {
    expect(parseEncoding(spelling)).toBe(expected);
  });

  it('refuses an encoding it cannot read, with the supported ones in the hint', () => {
    expect(() => parseEncoding('ebcdic')).toThrow(
      expect.objectContaining({
        code: 'HCI_USAGE',
        message: 'unsupported encoding "ebcdic"',
        hint: expect.stringContaining('windows-1252'),
      }),
    );
  });

  it('asks for the byte order of a bare utf-16', () => {
    expect(() => parseEncoding('UTF-16')).toThrow(
      expect.objectContaining({ code: 'HCI_USAGE', hint: expect.stringContaining('utf-16le') }),
    );
  });
});

describe('parseDelimiter', () => {
  it.each([
    [',', ','],
    [';', ';'],
    ['|', '|'],
    ['\t', '\t'],
    ['\\t', '\t'],
    ['tab', '\t'],
    ['TAB', '\t'],
    ['semicolon', ';'],
    ['comma', ','],
    ['pipe', '|'],
    [':', ':'],
  ])('%j → %j', (spelling, expected) => {
    expect(parseDelimiter(spelling)).toBe(expected);
  });

  it.each(['', ';;', 'x', '7', '"', ' ', '\n', 'space'])('refuses %j', (spelling) => {
    expect(() => parseDelimiter(spelling)).toThrow(expect.objectContaining({ code: 'HCI_USAGE' }));
  });
});
