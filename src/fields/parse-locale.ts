/**
 * A language as CSV exports write it → the two-letter ISO 639-1 code HelpCrunch's `locale` takes.
 * Accepted: a code (`en`, `EN`), a locale tag whose language part is one (`en-US`, `pt_BR`,
 * `zh-Hant-TW`), or a language's name in English or in itself (`Spanish`, `Español`, `deutsch`), in any
 * case. The names come from the iso-639-1 package, which carries both. Anything else is
 * `invalid_locale`: a three-letter code (`spa`) or a name the list lacks is never guessed.
 */
import { createRequire } from 'node:module';
import type ISO6391 from 'iso-639-1';
import { RejectCode } from '../reject-codes.js';
import { CellReject } from './cell-reject.js';
import { quote } from './text-checks.js';

// Loaded on first use, synchronously: start-up pays for the language list only in a run that reads a locale.
let languages: typeof ISO6391 | undefined;
const loadLanguages = (): typeof ISO6391 => (languages ??= createRequire(import.meta.url)('iso-639-1') as typeof ISO6391);

const LOCALE_TAG = /^([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*$/;

/** The ISO 639-1 code of a language code, locale tag or language name; a reject when it names none. */
export function parseLocale(value: string): string | CellReject {
  const tag = LOCALE_TAG.exec(value);
  if (tag !== null) {
    const code = (tag[1] as string).toLowerCase();
    return loadLanguages().validate(code) ? code : unknownLanguage;
  }
  const code = loadLanguages().getCode(value);
  return code === '' ? unknownLanguage : code;
}

const unknownLanguage = new CellReject(
  RejectCode.invalidLocale,
  (field, value) =>
    `${field} ${quote(value)} is not a language hc-import knows: write a two-letter ISO 639-1 code (en, pt-BR) ` +
    'or the language name in English or in itself (Spanish, Español)',
);
