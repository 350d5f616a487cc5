/**
 * Report files are written under a partial name, created exclusively, and renamed into place: a file in
 * the folder is never truncated before the run has written its replacement, and never written through a
 * symlink. The journal, appended to by design, refuses a symlink too.
 */
import { lstat, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournalWriter } from '../../../src/journal/journal.js';
import { openCsvReport, partialName, writeJsonAtomically } from '../../../src/report/report-files.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('report files', () => {
  it('a CSV report leaves the file it replaces untouched until it is complete', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'rejects.csv'), 'the old file\n');
    const report = openCsvReport(dir, 'rejects.csv', ['user_id', '_line']);
    report.write(['u1', '2']);
    expect(await readFile(join(dir, 'rejects.csv'), 'utf8')).toBe('the old file\n');
    await report.close();
    expect(await readFile(join(dir, 'rejects.csv'), 'utf8')).toBe('\uFEFFuser_id,_line\r\nu1,2\r\n');
    await expect(lstat(join(dir, partialName('rejects.csv')))).rejects.toThrow(/ENOENT/);
  });

  it('drained() waits until the file has taken what a synchronous loop wrote, so the lines do not pile up in memory', async () => {
    const dir = await tempDir();
    const report = openCsvReport(dir, 'undone.csv', ['_line', 'user_id']);
    const cell = 'x'.repeat(100);
    for (let line = 0; line < 2_000; line += 1) report.write([String(line), cell]);
    await report.drained();
    // ~210 KB were written in one go, far past the stream's 16 KB buffer: all of it is in the file now.
    expect((await lstat(join(dir, partialName('undone.csv')))).size).toBeGreaterThan(200_000);
    await report.drained();
    await report.close();
  });

  it('a symlink at a report name is replaced, never written through', async () => {
    const dir = await tempDir();
    const victim = join(await tempDir(), 'victim.txt');
    await writeFile(victim, 'keep me\n');
    await symlink(victim, join(dir, 'results.csv'));
    await symlink(victim, join(dir, 'summary.json'));
    const report = openCsvReport(dir, 'results.csv', ['_line']);
    await report.close();
    await writeJsonAtomically(dir, 'summary.json', { ok: true });
    expect(await readFile(victim, 'utf8')).toBe('keep me\n');
    expect((await lstat(join(dir, 'results.csv'))).isFile()).toBe(true);
    expect((await lstat(join(dir, 'summary.json'))).isFile()).toBe(true);
  });

  it('a symlink at a partial name makes the open fail instead of following it', async () => {
    const dir = await tempDir();
    const victim = join(await tempDir(), 'victim.txt');
    await writeFile(victim, 'keep me\n');
    await symlink(victim, join(dir, partialName('rejects.csv')));
    await symlink(victim, join(dir, partialName('summary.json')));
    expect(() => openCsvReport(dir, 'rejects.csv', ['_line'])).toThrow(/EEXIST/);
    await expect(writeJsonAtomically(dir, 'summary.json', {})).rejects.toThrow(/EEXIST/);
    expect(await readFile(victim, 'utf8')).toBe('keep me\n');
  });

  it('the journal is not opened through a symlink', async () => {
    const dir = await tempDir();
    const victim = join(await tempDir(), 'victim.txt');
    await writeFile(victim, 'keep me\n');
    await symlink(victim, join(dir, 'journal.jsonl'));
    expect(() => openJournalWriter(join(dir, 'journal.jsonl'))).toThrow(/ELOOP/);
    expect(await readFile(victim, 'utf8')).toBe('keep me\n');
  });
});
