import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOutcomeRecorder, reclassify } from '../../../src/core/record-outcomes.js';
import { readJournal, type JournalState } from '../../../src/journal/read-journal.js';
import { LineSet } from '../../../src/line-set.js';
import type { ValidRow } from '../../../src/model.js';
import { rowLayout } from '../../../src/report/row-reports.js';
import type { RowOutcome } from '../../../src/upsert/ports.js';
import { outcomesOf } from '../../helpers/journal-state.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const settings = { map: {}, onDuplicate: 'first', blanks: 'keep', timezone: 'UTC', dateFormat: 'none', encoding: 'utf-8', delimiter: ',' };
const header = { type: 'header', version: 1, inputSha256: 'a'.repeat(64), settings, startedAt: '2026-01-01T00:00:00Z' } as const;
const validRow = (line: number): ValidRow => ({
  line,
  cells: [`u${line}`],
  contact: { userId: `u${line}`, name: 'N', email: 'n@example.com' },
});
const layout = rowLayout(['user_id'], ',');
/** The recorder asks for a row by line, as the remote stage answers from the rows settling. */
const rowsOf = (rows: readonly ValidRow[]) => (line: number) => rows.find((row) => row.line === line);

const resumed = (inFlight: [number, 'create' | 'update'][]): JournalState =>
  ({
    inFlight: new Map(inFlight),
    settled: new LineSet(),
    settledCount: 0,
    failures: new Map(),
    finished: false,
  }) as unknown as JournalState;
const outcome = (line: number, action: 'created' | 'updated' | 'unchanged'): RowOutcome => ({ line, userId: `u${line}`, action, id: line });

describe('reclassify', () => {
  const state = resumed([
    [2, 'create'],
    [3, 'update'],
  ]);

  it('counts a create that was in flight as created, found as it is or needing an update', () => {
    expect(reclassify(outcome(2, 'unchanged'), state).action).toBe('created');
    expect(reclassify(outcome(2, 'updated'), state).action).toBe('created');
  });

  it('counts an update that was in flight and is now found unchanged as updated', () => {
    expect(reclassify(outcome(3, 'unchanged'), state).action).toBe('updated');
  });

  it('leaves rows that were not in flight, and fresh runs, alone', () => {
    expect(reclassify(outcome(4, 'unchanged'), state).action).toBe('unchanged');
    expect(reclassify(outcome(2, 'unchanged'), undefined).action).toBe('unchanged');
  });
});

describe('openOutcomeRecorder', () => {
  it('has the intent on disk when beforeSend returns, before any request can leave', async () => {
    const reportDir = await tempDir();
    const recorder = await openOutcomeRecorder({ reportDir, layout, rowOf: rowsOf([validRow(2)]), header, resumed: undefined });
    recorder.beforeSend([validRow(2)], 'create');
    const onDisk = readFileSync(join(reportDir, 'journal.jsonl'), 'utf8');
    expect(onDisk.trim().split('\n').at(-1)).toBe('{"type":"intent","action":"create","lines":[2]}');
    await recorder.close();
  });

  it('journals what each write changes (record sent, before-image) ahead of its intent, for undo; a resume ignores them', async () => {
    const reportDir = await tempDir();
    const recorder = await openOutcomeRecorder({ reportDir, layout, rowOf: rowsOf([validRow(2)]), header, resumed: undefined });
    const image = { line: 2, userId: 'u2', id: 9, sent: { userId: 'u2', name: 'New' }, before: { userId: 'u2', name: 'Old' } };
    recorder.beforeSend([validRow(2)], 'update', [image]);
    const lines = readFileSync(join(reportDir, 'journal.jsonl'), 'utf8').trim().split('\n').slice(1);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { type: 'image', ...image },
      { type: 'intent', action: 'update', lines: [2] },
    ]);
    await recorder.close();
    expect((await readJournal(join(reportDir, 'journal.jsonl')))?.inFlight).toEqual(new Map([[2, 'update']]));
  });

  it('writes each outcome to the journal and a report, counts it once, and refuses a second outcome for a row', async () => {
    const reportDir = await tempDir();
    const recorder = await openOutcomeRecorder({
      reportDir,
      layout,
      rowOf: rowsOf([validRow(2), validRow(3)]),
      header,
      resumed: undefined,
    });
    recorder.record(outcome(2, 'created'));
    recorder.record({ line: 3, userId: 'u3', action: 'failed', status: 400, code: 'invalid_email_value', message: 'bad' });
    expect(() => recorder.record(outcome(2, 'updated'))).toThrow(/second outcome/);
    recorder.finish('2026-01-01T00:01:00Z');
    await recorder.close();
    expect(recorder.counts).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 1 });
    const state = await readJournal(join(reportDir, 'journal.jsonl'));
    expect(await outcomesOf(state)).toEqual([expect.objectContaining({ line: 2, action: 'created', id: 2 })]);
    expect(state?.failures.get(3)).toMatchObject({ action: 'failed', code: 'invalid_email_value' });
    expect(state?.finished).toBe(true);
    expect(await readFile(join(reportDir, 'failures.csv'), 'utf8')).toContain('u3,3,400,invalid_email_value,bad');
  });

  it('replays what a resumed journal settled into the reports and the tally, and reclassifies rows in flight', async () => {
    const reportDir = await tempDir();
    const first = await openOutcomeRecorder({ reportDir, layout, rowOf: rowsOf([validRow(2), validRow(3)]), header, resumed: undefined });
    first.record(outcome(2, 'created'));
    first.beforeSend([validRow(3)], 'create');
    await first.close();
    const resumed = await readJournal(join(reportDir, 'journal.jsonl'));
    const second = await openOutcomeRecorder({ reportDir, layout, rowOf: rowsOf([validRow(2), validRow(3)]), header, resumed });
    second.record(outcome(3, 'unchanged'));
    await second.close();
    expect(second.counts).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
    expect(await readFile(join(reportDir, 'results.csv'), 'utf8')).toContain('3,u3,created,3');
  });
});
