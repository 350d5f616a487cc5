import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournalWriter, type OutcomeSettings } from '../../../src/journal/journal.js';
import { readJournal } from '../../../src/journal/read-journal.js';
import { createRedactor } from '../../../src/secrets/redact-secrets.js';
import { assertNoUnfinishedRun, assertResumable } from '../../../src/journal/resume-check.js';
import { useTempDirs } from '../../helpers/temp-dir.js';
import { DEFAULT_SETTINGS, outcomesOf } from '../../helpers/journal-state.js';

const tempDir = useTempDirs();
const settings: OutcomeSettings = { ...DEFAULT_SETTINGS, map: { email: 'Mail' } };
const header = { type: 'header', version: 1, inputSha256: 'a'.repeat(64), settings, startedAt: '2026-01-01T00:00:00Z' } as const;

async function journalWith(lines: string): Promise<string> {
  const path = join(await tempDir(), 'journal.jsonl');
  const writer = openJournalWriter(path);
  writer.append(header);
  writer.close();
  await appendFile(path, lines);
  return path;
}

describe('journal', () => {
  it('redacts every secret form from the decoded strings of an entry, and the line stays valid JSON', async () => {
    const key = 'q"uo\\te/+=';
    const path = join(await tempDir(), 'journal.jsonl');
    const writer = openJournalWriter(path, createRedactor([key]));
    writer.append(header);
    const message = `Token ${key} refused`;
    writer.append({ type: 'failed', line: 4, userId: 'u4', action: 'failed', status: 400, code: `bad_${key}`, message });
    writer.close();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(JSON.stringify(key).slice(1, -1));
    const state = await readJournal(path);
    expect(state?.failures.get(4)).toMatchObject({ code: 'bad_[redacted]', message: 'Token [redacted] refused' });
  });

  it('folds intents and outcomes: a row sent without an answer is in flight', async () => {
    const path = join(await tempDir(), 'journal.jsonl');
    const writer = openJournalWriter(path);
    writer.append(header);
    writer.append({ type: 'intent', action: 'create', lines: [2] });
    writer.append({ type: 'outcome', line: 2, userId: 'u2', action: 'created', id: 7 });
    writer.append({ type: 'intent', action: 'update', lines: [3, 4] });
    writer.append({ type: 'failed', line: 4, userId: 'u4', action: 'failed', status: 400, code: 'invalid_email_value', message: 'bad' });
    writer.append({ type: 'intent', action: 'create', lines: [5] });
    writer.close();

    const state = await readJournal(path);
    expect((await outcomesOf(state)).map((row) => [row.line, row.id])).toEqual([[2, 7]]);
    expect([state?.settledCount, state?.settled.has(2), state?.settled.has(3)]).toEqual([1, true, false]);
    expect([...(state?.inFlight ?? [])]).toEqual([
      [3, 'update'],
      [5, 'create'],
    ]);
    expect(state?.failures.get(4)?.code).toBe('invalid_email_value');
    expect(state?.finished).toBe(false);
  });

  it('keeps a row as an in-flight create when a follow-up update was sent after the lost create', async () => {
    const path = await journalWith('{"type":"intent","action":"create","lines":[7]}\n{"type":"intent","action":"update","lines":[7,8]}\n');
    const state = await readJournal(path);
    expect([...(state?.inFlight ?? [])]).toEqual([
      [7, 'create'],
      [8, 'update'],
    ]);
  });

  it('ignores a torn last line, as kill -9 mid-write leaves it', async () => {
    const path = await journalWith('{"type":"outcome","line":2,"userId":"u2","action":"created","id":7}\n{"type":"outc');
    const state = await readJournal(path);
    expect(state?.settledCount).toBe(1);
  });

  it('refuses a journal damaged in the middle', async () => {
    const path = await journalWith('{"type":"outc\n{"type":"finished","at":"x"}\n');
    await expect(readJournal(path)).rejects.toThrow(/damaged at line 2/);
  });

  it('has nothing to say about a missing file', async () => {
    expect(await readJournal(join(await tempDir(), 'none.jsonl'))).toBeUndefined();
  });

  it('writes one parseable line per entry', async () => {
    const path = await journalWith('');
    const text = await readFile(path, 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).type),
    ).toEqual(['header']);
  });
});

describe('resume checks', () => {
  it('names every difference that makes a resume unsafe', async () => {
    const state = await readJournal(await journalWith(''));
    if (!state) throw new Error('no journal');
    const run = () => assertResumable(state, 'b'.repeat(64), { ...settings, onDuplicate: 'last' }, 'out');
    expect(run).toThrow(/input file is not the same.*onDuplicate was first, now last/);
  });

  it('accepts the same file and options', async () => {
    const state = await readJournal(await journalWith(''));
    if (!state) throw new Error('no journal');
    expect(() => assertResumable(state, 'a'.repeat(64), { ...settings }, 'out')).not.toThrow();
  });

  it('blocks a new run over an unfinished one, but not over a finished one', async () => {
    const unfinished = await readJournal(await journalWith(''));
    expect(() => assertNoUnfinishedRun(unfinished, 'out')).toThrow(
      expect.objectContaining({ code: 'HCI_REPORT_DIR_BUSY', exitCode: 2, hint: expect.stringMatching(/--resume/) }),
    );
    const finished = await readJournal(await journalWith('{"type":"finished","at":"x"}\n'));
    expect(() => assertNoUnfinishedRun(finished, 'out')).not.toThrow();
  });
});
