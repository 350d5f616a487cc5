/** A journal's settings and folded state as unit tests of the resume checks build them. */
import type { OutcomeSettings } from '../../src/journal/journal.js';
import { settledOutcomes, type JournalState } from '../../src/journal/read-journal.js';
import type { SettledRow } from '../../src/upsert/ports.js';
import { LineSet } from '../../src/line-set.js';

/** The settings of a run with every option at its default. */
export const DEFAULT_SETTINGS: OutcomeSettings = {
  map: {},
  onDuplicate: 'first',
  blanks: 'keep',
  timezone: 'UTC',
  dateFormat: 'none',
  encoding: 'utf-8',
  delimiter: ',',
};

/** An unfinished journal with nothing settled, whose header holds `settings` (partial: an older journal's). */
export const journalStateOf = (settings: Partial<OutcomeSettings>, inputSha256 = 'abc'): JournalState => ({
  header: { type: 'header', version: 1, inputSha256, settings: settings as OutcomeSettings, startedAt: '2026-01-01T00:00:00.000Z' },
  path: '/nonexistent/journal.jsonl',
  settled: new LineSet(),
  settledCount: 0,
  failures: new Map(),
  inFlight: new Map(),
  finished: false,
});

/** The outcomes a journal recorded, read back as a resume replays them. */
export async function outcomesOf(state: JournalState | undefined): Promise<SettledRow[]> {
  const rows: SettledRow[] = [];
  if (state !== undefined) for await (const row of settledOutcomes(state)) rows.push(row);
  return rows;
}
