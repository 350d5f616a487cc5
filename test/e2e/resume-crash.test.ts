/**
 * Issue 5, the rough edges: a journal torn mid-line by kill -9, a resumed run that is itself interrupted,
 * a second Ctrl-C that quits at once, and Ctrl-C before the first write (nothing to resume, nothing blocked).
 */
import { appendFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/journal/read-journal.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  type ContactFileOptions, contactFile, countOutcomes, RATE_PER_MINUTE, expectCompleteImport, expectWellFormedJournal, importArgs, journalText, readSummary,
  resumeArgs, spawnImport, timeExit, useSandboxes, waitForOutcomes, waitUntil, writeContacts,
} from './helpers/resume-harness.js';

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
    // Slow answers, so the writes are still in flight when the second Ctrl-C comes.
    const { file, sandbox, cwd, reportDir } = await setUp(22, { created: 8, updated: 6, unchanged: 2, latencyMs: 1200 });
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

  // 600 customers the file does not mention: the lookup lists six more pages before any write. At 600/min
  // the signal finds the run waiting for its next lookup; at the usual pace it lets the lookup end, then stops.
  it.each([600, RATE_PER_MINUTE])('Ctrl-C while looking customers up (--rate %i): exit 130, a report, no journal; --resume then completes', async (rate) => {
    const { file, sandbox, cwd, reportDir } = await setUp(23, { bystanders: 600 });
    const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir, [], rate) });
    expect(await waitUntil(() => (sandbox.stats().byRoute['GET /customers'] ?? 0) >= 2, first)).toBe(true);
    first.kill('SIGINT');
    const stopped = await timeExit(first);

    expect(stopped.code, first.stderr()).toBe(130);
    expect(first.stderr()).not.toMatch(/internal error/);
    expect(sandbox.stats().byRoute['POST /customers'] ?? 0).toBe(0);
    expect((await readSummary(reportDir)).status).toBe('interrupted');
    expect(await journalText(reportDir)).toBe('');

    // Nothing was written, so nothing blocks a new run, and --resume starts one (at the faster pace).
    expect(resumeArgs(first.stderr())).toEqual(['contacts.csv', '--yes', '--rate', String(rate), '--resume', '--report-dir', reportDir]);
    const resumed = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume']) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    expect(resumed.stderr()).toMatch(/holds no unfinished run: starting a new run there/);
    await expectCompleteImport(sandbox, file, reportDir);
  });

  it('a crash after the last outcome: the resume sends no write, and --resume on the finished run starts afresh', async () => {
    const { file, sandbox, cwd, reportDir } = await setUp(24, { created: 40, updated: 20, unchanged: 10 });
    const journal = join(reportDir, 'journal.jsonl');
    const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir) });
    expect((await first.exited).code, first.stderr()).toBe(4);
    // As if killed between the last outcome and the `finished` line.
    const text = await readFile(journal, 'utf8');
    await writeFile(journal, text.replace(/^\{"type":"finished".*\n/m, ''));
    const before = sandbox.stats().requests;

    const resumed = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume']) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    expect(sandbox.stats().requests - before, 'only page 0: nothing looked up or sent again').toBe(1);
    await expectCompleteImport(sandbox, file, reportDir);

    const again = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume']) });
    expect((await again.exited).code, again.stderr()).toBe(4);
    expect(again.stderr()).toMatch(/holds a run that already finished: starting a new run there/);
    const { counts } = await readSummary(reportDir);
    expect(counts).toEqual({ ...file.counts, created: 0, updated: 0, unchanged: file.counts.valid, failed: 0 });
    expect(sandbox.stats().byRoute['POST /customers']).toBe(file.counts.created);
  });
});
