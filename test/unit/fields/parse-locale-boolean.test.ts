import { describe, expect, it } from 'vitest';
import { CellReject } from '../../../src/fields/cell-reject.js';
import { parseBoolean } from '../../../src/fields/parse-boolean.js';
import { parseLocale } from '../../../src/fields/parse-locale.js';
import { RejectCode } from '../../../src/model.js';

function rejectOf(result: unknown, field: string, value: string): { code: string; message: string } {
  if (!(result instanceof CellReject)) throw new Error(`${value} was read as ${String(result)}`);
  return { code: result.code, message: result.explain(field, value) };
}

describe('parseLocale', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['pt_BR', 'pt'],
    ['zh-Hant-TW', 'zh'],
    ['de-DE', 'de'],
  ])('reads the code or locale tag %s as %s', (value, code) => {
    expect(parseLocale(value)).toBe(code);
  });

  it.each([
    ['English', 'en'],
    ['Spanish', 'es'],
    ['spanish', 'es'],
    ['Portuguese', 'pt'],
    ['German', 'de'],
    ['Japanese', 'ja'],
  ])('reads the English name %s as %s', (value, code) => {
    expect(parseLocale(value)).toBe(code);
  });

  it.each([
    ['Español', 'es'],
    ['español', 'es'],
    ['Deutsch', 'de'],
    ['Français', 'fr'],
    ['Português', 'pt'],
    ['Русский', 'ru'],
    ['日本語', 'ja'],
    ['中文', 'zh'],
  ])('reads the native name %s as %s', (value, code) => {
    expect(parseLocale(value)).toBe(code);
  });

  it.each(['Klingon', 'xx', 'xx-XX', 'spa', 'eng', 'en US', 'e', '12'])('rejects %s as invalid_locale', (value) => {
    expect(rejectOf(parseLocale(value), 'locale', value)).toEqual({
      code: RejectCode.invalidLocale,
      message:
        `locale ${JSON.stringify(value)} is not a language hc-import knows: write a two-letter ISO 639-1 code (en, pt-BR) ` +
        'or the language name in English or in itself (Spanish, Español)',
    });
  });
});

describe('parseBoolean', () => {
  it.each(['true', 'TRUE', 'True', 'yes', 'YES', 'Yes', 'y', 'Y', '1'])('reads %s as true', (value) => {
    expect(parseBoolean(value)).toBe(true);
  });

  it.each(['false', 'FALSE', 'False', 'no', 'NO', 'No', 'n', 'N', '0'])('reads %s as false', (value) => {
    expect(parseBoolean(value)).toBe(false);
  });

  it.each(['maybe', '2', 'on', 'off', 't', 'f', 'yes!', '00'])('rejects %s as invalid_boolean', (value) => {
    expect(rejectOf(parseBoolean(value), 'blocked', value)).toEqual({
      code: RejectCode.invalidBoolean,
      message: `blocked ${JSON.stringify(value)} is not a yes/no value: write true/false, yes/no, y/n or 1/0`,
    });
  });
});
