import { describe, expect, it } from 'vitest';
import type { OutcomeSettings } from '../../../src/journal/journal.js';
import type { JournalState } from '../../../src/journal/read-journal.js';
import { differences } from '../../../src/journal/resume-check.js';

const SETTINGS: OutcomeSettings = {
  map: {},
  onDuplicate: 'first',
  blanks: 'keep',
  timezone: 'UTC',
  dateFormat: 'none',
  encoding: 'utf-8',
  delimiter: ',',
};
const SHA = 'a'.repeat(64);

const stateOf = (settings: Partial<OutcomeSettings>): JournalState => ({
  header: { type: 'header', version: 1, inputSha256: SHA, settings: settings as OutcomeSettings, startedAt: '2026-01-01T00:00:00Z' },
  outcomes: new Map(),
  failures: new Map(),
  inFlight: new Map(),
  finished: false,
});

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
