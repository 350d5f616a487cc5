import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/journal/journal.js';
import { JournalImages, readRunChanges, type TouchedCustomer } from '../../../src/undo/read-run-journal.js';
import type { RunChanges } from '../../../src/undo/run-changes.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const header: JournalEntry = {
  type: 'header',
  version: 1,
  inputSha256: 'x',
  settings: { map: {}, onDuplicate: 'first', blanks: 'keep', timezone: 'UTC', dateFormat: 'none', encoding: 'utf-8', delimiter: ',' },
  startedAt: '2026-01-01T00:00:00.000Z',
};

async function writeJournal(entries: JournalEntry[]): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'journal.jsonl'), entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return dir;
}

const listed = (changes: RunChanges): TouchedCustomer[] => Array.from({ length: changes.size }, (_, at) => changes.customer(at));

/** The touched customers with their records read back from the journal where the fold says they are. */
async function changesOf(entries: JournalEntry[]) {
  const dir = await writeJournal(entries);
  const images = JournalImages.open(dir);
  try {
    return listed(await readRunChanges(dir)).map((customer) => {
      const { sentAt, beforeAt, ...rest } = customer;
      return { ...rest, ...images.recordsOf(customer) };
    });
  } finally {
    images.close();
  }
}

describe('readRunChanges', () => {
  it('lists created and updated rows with the last record sent and the first before-image; unchanged, skipped, failed rows are not', async () => {
    const changes = await changesOf([
      header,
      { type: 'outcome', line: 2, userId: 'same', action: 'unchanged', id: 1 },
      // --mode create-only / update-only: skipped rows were never written, so they carry no image either.
      { type: 'outcome', line: 7, userId: 'kept', action: 'skipped_exists', id: 9 },
      { type: 'outcome', line: 8, userId: 'absent', action: 'skipped_not_found', id: null },
      { type: 'image', line: 3, userId: 'new', sent: { userId: 'new' } },
      { type: 'intent', action: 'create', lines: [3] },
      { type: 'outcome', line: 3, userId: 'new', action: 'created', id: 5 },
      { type: 'image', line: 4, userId: 'upd', id: 2, sent: { userId: 'upd', name: 'A' }, before: { userId: 'upd', name: 'Old' } },
      { type: 'intent', action: 'update', lines: [4] },
      // A resumed run re-plans from what the first one wrote: its before-image must not win.
      { type: 'image', line: 4, userId: 'upd', id: 2, sent: { userId: 'upd', name: 'B' }, before: { userId: 'upd', name: 'A' } },
      { type: 'outcome', line: 4, userId: 'upd', action: 'updated', id: 2 },
      { type: 'image', line: 5, userId: 'bad', id: 3, sent: { userId: 'bad' }, before: { userId: 'bad' } },
      { type: 'failed', line: 5, userId: 'bad', action: 'failed', status: 400, code: 'x', message: 'no' },
      { type: 'image', line: 6, userId: 'lost', sent: { userId: 'lost' } },
      { type: 'intent', action: 'create', lines: [6] },
    ]);
    expect(changes).toEqual([
      { line: 3, userId: 'new', change: 'created', id: 5, sent: { userId: 'new' }, confirmed: true },
      {
        line: 4,
        userId: 'upd',
        change: 'updated',
        id: 2,
        sent: { userId: 'upd', name: 'B' },
        before: { userId: 'upd', name: 'Old' },
        confirmed: true,
      },
      { line: 6, userId: 'lost', change: 'created', sent: { userId: 'lost' }, confirmed: false },
    ]);
  });

  it('restores, not deletes, a row in flight whose create turned out to hit a customer that already existed', async () => {
    const changes = await changesOf([
      header,
      { type: 'image', line: 2, userId: 'u', sent: { userId: 'u', name: 'N' } },
      { type: 'intent', action: 'create', lines: [2] },
      { type: 'image', line: 2, userId: 'u', id: 4, sent: { userId: 'u', name: 'N' }, before: { userId: 'u', name: 'Theirs' } },
      { type: 'intent', action: 'update', lines: [2] },
    ]);
    expect(changes).toMatchObject([{ line: 2, change: 'updated', id: 4, before: { name: 'Theirs' }, confirmed: false }]);
  });

  it('lists a failed row whose lost create the run found as its own as created, with the create body; not one found taken', async () => {
    const refused = { type: 'failed', action: 'failed', status: 422, code: 'x', message: 'no' } as const;
    const changes = await changesOf([
      header,
      // Line 2: the create's answer was lost, the lookup found it (no before-image: the run's own), the update was refused.
      { type: 'image', line: 2, userId: 'own', sent: { userId: 'own', name: 'Row' } },
      { type: 'intent', action: 'create', lines: [2] },
      { type: 'image', line: 2, userId: 'own', id: 7, sent: { userId: 'own', name: 'Row', company: 'Agent' } },
      { type: 'intent', action: 'update', lines: [2] },
      { ...refused, line: 2, userId: 'own' },
      // Line 3: "userId taken" with no lost create before it: someone else's customer, a before-image.
      { type: 'image', line: 3, userId: 'theirs', sent: { userId: 'theirs', name: 'Row' } },
      { type: 'intent', action: 'create', lines: [3] },
      { type: 'image', line: 3, userId: 'theirs', id: 8, sent: { userId: 'theirs', name: 'Row' }, before: { userId: 'theirs', name: 'T' } },
      { type: 'intent', action: 'update', lines: [3] },
      { ...refused, line: 3, userId: 'theirs' },
      // Line 4: a planned update refused: nothing changed.
      { type: 'image', line: 4, userId: 'upd', id: 9, sent: { userId: 'upd', name: 'Row' } },
      { type: 'intent', action: 'update', lines: [4] },
      { ...refused, line: 4, userId: 'upd' },
    ]);
    expect(changes).toEqual([{ line: 2, userId: 'own', change: 'created', id: 7, sent: { userId: 'own', name: 'Row' }, confirmed: true }]);
  });

  it('takes the before-image of the customer the run wrote last when a resume found another under the user_id', async () => {
    const changes = await changesOf([
      header,
      { type: 'image', line: 2, userId: 'u', id: 4, sent: { userId: 'u', name: 'N' }, before: { userId: 'u', name: 'Gone' } },
      { type: 'intent', action: 'update', lines: [2] },
      // Resumed after customer 4 was deleted and another took its user_id: the record restored must be 9's.
      { type: 'image', line: 2, userId: 'u', id: 9, sent: { userId: 'u', name: 'N' }, before: { userId: 'u', name: 'Theirs' } },
      { type: 'intent', action: 'update', lines: [2] },
      { type: 'outcome', line: 2, userId: 'u', action: 'updated', id: 9 },
    ]);
    expect(changes).toMatchObject([{ line: 2, change: 'updated', id: 9, before: { name: 'Theirs' }, confirmed: true }]);
  });

  it('finds each image again by its byte offset, after lines of multi-byte text, and refuses a journal changed since', async () => {
    const entries: JournalEntry[] = [
      header,
      { type: 'image', line: 2, userId: 'zoë', sent: { userId: 'zoë', name: 'Zoë Łukasz 李' } },
      { type: 'outcome', line: 2, userId: 'zoë', action: 'created', id: 1 },
      { type: 'image', line: 3, userId: 'émile', id: 2, sent: { userId: 'émile', name: 'É' }, before: { userId: 'émile', name: '€' } },
      { type: 'outcome', line: 3, userId: 'émile', action: 'updated', id: 2 },
    ];
    // Each record read back is its own row's: offsets count bytes, not characters.
    const records = (await changesOf(entries)).map(({ line, sent, before }) => ({ line, sent, before }));
    expect(records).toEqual([
      { line: 2, sent: { userId: 'zoë', name: 'Zoë Łukasz 李' }, before: undefined },
      { line: 3, sent: { userId: 'émile', name: 'É' }, before: { userId: 'émile', name: '€' } },
    ]);
    // Rewritten with one line fewer before the images: a positioned read no longer lands on the row's image.
    const dir = await writeJournal(entries);
    const [, updated] = listed(await readRunChanges(dir));
    await writeFile(
      join(dir, 'journal.jsonl'),
      entries
        .slice(1)
        .map((entry) => `${JSON.stringify(entry)}\n`)
        .join(''),
    );
    const images = JournalImages.open(dir);
    try {
      expect(() => images.recordsOf(updated as TouchedCustomer)).toThrow(/changed while it was undone/);
    } finally {
      images.close();
    }
  });

  it('holds thousands of rows past its first sizes, each with its own id, line and record', async () => {
    const entries: JournalEntry[] = [header];
    for (let i = 0; i < 3_000; i += 1) {
      const line = 10_000 - i * 3;
      entries.push({ type: 'image', line, userId: `u${i}`, sent: { userId: `u${i}`, name: `N${i}` } });
      if (i % 2 === 0) entries.push({ type: 'outcome', line, userId: `u${i}`, action: 'created', id: 100 + i });
    }
    const changes = await changesOf(entries);
    expect(changes).toHaveLength(3_000);
    expect(changes[2_999]).toEqual({
      line: 10_000 - 2_999 * 3,
      userId: 'u2999',
      change: 'created',
      sent: { userId: 'u2999', name: 'N2999' },
      confirmed: false,
    });
    expect(changes[2_998]).toEqual({
      line: 10_000 - 2_998 * 3,
      userId: 'u2998',
      change: 'created',
      id: 3_098,
      sent: { userId: 'u2998', name: 'N2998' },
      confirmed: true,
    });
  });
});
