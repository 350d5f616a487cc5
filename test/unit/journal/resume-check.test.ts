import { describe, expect, it } from 'vitest';
import type { OutcomeSettings } from '../../../src/journal/journal.js';
import type { JournalState } from '../../../src/journal/read-journal.js';
import { assertResumable, differences } from '../../../src/journal/resume-check.js';
import { DEFAULT_SETTINGS, journalStateOf } from '../../helpers/journal-state.js';

const base = DEFAULT_SETTINGS;
const hashed: OutcomeSettings = { ...base, hashScheme: 'hmac-sha256', hashSecretFingerprint: '838669b6' };

const journalOf = (settings: OutcomeSettings): JournalState => journalStateOf(settings);

describe('resume checks of the hashing', () => {
  it('accepts the same hashing, and a journal from before hashing existed when it is off', () => {
    expect(differences(journalOf(hashed), 'abc', { ...hashed })).toEqual([]);
    expect(differences(journalOf(base), 'abc', base)).toEqual([]);
  });

  it('says in words that the secret differs, and only shows fingerprints', () => {
    const found = differences(journalOf(hashed), 'abc', { ...hashed, hashSecretFingerprint: '21ff2e7e' });
    expect(found).toEqual(['the hashing secret differs']);
    expect(() => assertResumable(journalOf(hashed), 'abc', { ...hashed, hashSecretFingerprint: '21ff2e7e' }, '/r')).toThrow(
      expect.objectContaining({ code: 'HCI_RESUME_MISMATCH', exitCode: 2, message: expect.stringContaining('the hashing secret differs') }),
    );
  });

  it('names hashing turned on or off, and a changed scheme, prefix or property', () => {
    expect(differences(journalOf(base), 'abc', hashed)).toEqual(['hashScheme was not set, now hmac-sha256']);
    expect(differences(journalOf(hashed), 'abc', base)).toEqual(['hashScheme was hmac-sha256, now not set']);
    const changed: OutcomeSettings = { ...hashed, hashScheme: 'sha256-salt-last', hashPrefix: 'h_', keepOriginalIdAs: 'site_id' };
    expect(differences(journalOf(hashed), 'abc', changed)).toEqual([
      'hashScheme was hmac-sha256, now sha256-salt-last',
      'hashPrefix was not set, now h_',
      'keepOriginalIdAs was not set, now site_id',
    ]);
  });
});

const SETTINGS = DEFAULT_SETTINGS;
const SHA = 'a'.repeat(64);

const stateOf = (settings: Partial<OutcomeSettings>): JournalState => journalStateOf(settings, SHA);

describe('differences between a journal and a resume', () => {
  it('names a changed zone or date order', () => {
    expect(differences(stateOf(SETTINGS), SHA, { ...SETTINGS, timezone: 'Europe/Berlin', dateFormat: 'MDY' })).toEqual([
      'timezone was UTC, now Europe/Berlin',
      'dateFormat was none, now MDY',
    ]);
    expect(differences(stateOf(SETTINGS), SHA, SETTINGS)).toEqual([]);
  });

  it('refuses a journal that predates the date options, saying they were not set', () => {
    const { timezone: _zone, dateFormat: _order, ...older } = SETTINGS;
    expect(differences(stateOf(older), SHA, SETTINGS)).toEqual(['timezone was not set, now UTC', 'dateFormat was not set, now none']);
  });
});
