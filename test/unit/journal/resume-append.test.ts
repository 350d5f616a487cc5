import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournalWriter, type JournalHeader } from '../../../src/journal/journal.js';
import { readJournal } from '../../../src/journal/read-journal.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const header: JournalHeader = {
  type: 'header',
  version: 1,
  inputSha256: 'a'.repeat(64),
  settings: { map: {}, onDuplicate: 'first', blanks: 'keep', timezone: 'UTC', dateFormat: 'none', encoding: 'utf-8', delimiter: ',' },
  startedAt: '2026-01-01T00:00:00Z',
};
const outcome = (line: number) => ({ type: 'outcome', line, userId: `u${line}`, action: 'created', id: line }) as const;

async function tornJournal(tail: string): Promise<string> {
  const path = join(await tempDir(), 'journal.jsonl');
  await writeFile(path, `${JSON.stringify(header)}\n${JSON.stringify(outcome(2))}\n${tail}`);
  return path;
}

describe('appending to a journal a crash left behind (a resume)', () => {
  it('drops the torn last line first, so the next entry is not glued onto it', async () => {
    const path = await tornJournal('{"type":"outcome","line":3,"us');
    const writer = openJournalWriter(path);
    writer.append(outcome(4));
    writer.close();

    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).type)).toEqual(['header', 'outcome', 'outcome']);
    const state = await readJournal(path);
    expect([state?.settledCount, state?.settled.has(2), state?.settled.has(4)]).toEqual([2, true, true]);
  });

  it('keeps a journal whose last line is complete byte for byte', async () => {
    const path = await tornJournal('');
    const before = await readFile(path, 'utf8');
    openJournalWriter(path).close();
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('drops a torn line longer than one read chunk', async () => {
    const path = await tornJournal(`{"type":"intent","action":"update","lines":[${'1,'.repeat(5000)}`);
    const writer = openJournalWriter(path);
    writer.append(outcome(5));
    writer.close();
    expect((await readJournal(path))?.settledCount).toBe(2);
  });

  it('drops a torn header, leaving an empty journal for a fresh one', async () => {
    const path = join(await tempDir(), 'journal.jsonl');
    await writeFile(path, '{"type":"header","version":1,"inputSha');
    const writer = openJournalWriter(path);
    writer.append(header);
    writer.close();
    expect((await readJournal(path))?.header).toEqual(header);
  });
});
