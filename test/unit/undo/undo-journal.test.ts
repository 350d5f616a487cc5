import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUnfinishedUndo, type UndoJournalEntry, undoFoldersInOrder } from '../../../src/undo/undo-journal.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const stamp = '2026-11-30T10-15-02.123Z';
const runStartedAt = '2026-11-30T10:00:00.000Z';

/** An undo folder under `runDir/undo`, finished or not. */
async function undoFolder(runDir: string, name: string, finished: boolean): Promise<void> {
  const dir = join(runDir, 'undo', name);
  await mkdir(dir, { recursive: true });
  const entries: UndoJournalEntry[] = [{ type: 'undo-header', version: 1, run: runDir, runStartedAt, startedAt: stamp, force: false }];
  if (finished) entries.push({ type: 'finished', at: stamp });
  await writeFile(join(dir, 'journal.jsonl'), entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
}

describe('undo folders', () => {
  it('are ordered by start time, then by their same-millisecond suffix as a number', () => {
    const names = [`${stamp}-10`, `${stamp}-9`, '2026-11-30T10-15-02.124Z', stamp, `${stamp}-2`, '2026-11-30T10-15-02.122Z-11'];
    expect(undoFoldersInOrder(names)).toEqual([
      '2026-11-30T10-15-02.122Z-11',
      stamp,
      `${stamp}-2`,
      `${stamp}-9`,
      `${stamp}-10`,
      '2026-11-30T10-15-02.124Z',
    ]);
    // Nothing else the folder may hold is taken for an undo.
    expect(undoFoldersInOrder(['notes.txt', `${stamp}-01`, `${stamp}-x`, '.DS_Store', stamp])).toEqual([stamp]);
  });

  it('finds the newest unfinished undo when ten or more started in the same millisecond', async () => {
    const runDir = await tempDir();
    await undoFolder(runDir, stamp, true);
    for (let n = 2; n <= 9; n += 1) await undoFolder(runDir, `${stamp}-${n}`, true);
    await undoFolder(runDir, `${stamp}-10`, false);
    await writeFile(join(runDir, 'undo', 'zz-notes.txt'), 'a stray file');
    expect((await findUnfinishedUndo(runDir, runStartedAt))?.dir).toBe(join(runDir, 'undo', `${stamp}-10`));
  });
});
