/**
 * Issue 5, the rough edges that need a real process: a journal torn mid-line by kill -9, a resumed run
 * that is itself interrupted by SIGINT, and a second Ctrl-C that quits at once (the bin's process.exit).
 * Ctrl-C before the first write and a crash after the last outcome run in-process: test/cli/resume-edges.
 */
import { appendFile, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/journal/read-journal.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  type ContactFileOptions,
  contactFile,
  countOutcomes,
  expectCompleteImport,
  expectWellFormedJournal,
  importArgs,
  journalText,
  readSummary,
  resumeArgs,
  useSandboxes,
  waitForOutcomes,
  waitUntil,
  writeContacts,
} from '../helpers/resume-harness.js';
import { spawnImport, timeExit } from './helpers/spawn-import.js';

const tempDir = useTempDirs();
const sandboxFor = useSandboxes();

async function setUp(seed: number, options: Omit<ContactFileOptions, 'seed'> & { latencyMs?: number } = {}) {
  const file = contactFile({ seed, ...options });
  const sandbox = await sandboxFor(file, options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs });
  const cwd = await tempDir();
  await writeContacts(cwd, file);
  return { file, sandbox, cwd, reportDir: join(cwd, 'report') };
}

describe('crashes and interruptions, then --resume', () => {
  it('kill -9 tears the last journal line; resuming, interrupting the resume and resuming again completes', async () => {
    const { file, sandbox, cwd, reportDir } = await setUp(21);
    const journal = join(reportDir, 'journal.jsonl');

    const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir) });
    expect(await waitForOutcomes(reportDir, 70, first)).toBe(true);
    first.kill('SIGKILL');
    await first.exited;
    // Tear the last outcome in half, as a crash in the middle of its append would. (An intent line is not
    // torn: its request went out after it was written, which a crash mid-append would have prevented.)
    const text = await journalText(reportDir);
    const lastStart = text.trimEnd().lastIndexOf('\n') + 1;
    const lastLine = text.slice(lastStart).trimEnd();
    if (lastLine.startsWith('{"type":"outcome"')) {
      await truncate(journal, Buffer.byteLength(text.slice(0, lastStart + Math.floor(lastLine.length / 2))));
    } else {
      await appendFile(journal, '{"type":"outcome","line":');
    }
    // Writes were in flight: the resume must look their rows up rather than send them again.
    expect((await readJournal(journal))?.inFlight.size).toBeGreaterThan(0);

    // The resume starts with the torn line in the file, and is interrupted in its turn.
    const before = await countOutcomes(reportDir);
    const second = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume']) });
    expect(await waitForOutcomes(reportDir, before + 30, second), 'the resume finished before the signal').toBe(true);
    second.kill('SIGINT');
    expect((await second.exited).code, second.stderr()).toBe(130);
    expectWellFormedJournal(await readFile(journal, 'utf8'));

    const third = spawnImport({ cwd, sandbox, args: resumeArgs(second.stderr()) });
    expect((await third.exited).code, third.stderr()).toBe(4);
    await expectCompleteImport(sandbox, file, reportDir);
    expectWellFormedJournal(await readFile(journal, 'utf8'));
  });

  it('a second Ctrl-C quits at once, with writes in flight; the journal stays consistent and the resume looks them up', async () => {
    // Slow answers, so the writes are still in flight when the second Ctrl-C comes (it follows the first by
    // tens of milliseconds; 600 ms leaves a loaded machine room and keeps the test short).
    const { file, sandbox, cwd, reportDir } = await setUp(22, { created: 8, updated: 6, unchanged: 2, latencyMs: 600 });
    const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir) });
    expect(await waitUntil(async () => (await journalText(reportDir)).includes('"type":"intent"'), first)).toBe(true);
    first.kill('SIGINT');
    expect(await waitUntil(() => first.stderr().includes('SIGINT: finishing'), first)).toBe(true);
    first.kill('SIGINT');
    const stopped = await timeExit(first);

    expect(stopped.code).toBe(130);
    expect(stopped.ms).toBeLessThan(20_000);
    // It did not wait for the answers: no summary was written, and rows are left in flight.
    await expect(readSummary(reportDir)).rejects.toThrow(/ENOENT/);
    const text = await journalText(reportDir);
    expectWellFormedJournal(text);
    expect(text.endsWith('\n')).toBe(true);
    expect((await readJournal(join(reportDir, 'journal.jsonl')))?.inFlight.size).toBeGreaterThan(0);

    const resumed = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume']) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    await expectCompleteImport(sandbox, file, reportDir);
  });
});
