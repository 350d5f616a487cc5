/**
 * Issue 5, what is refused: resuming with another file or other outcome-changing options, and a new run
 * over an unfinished one (exit 2, the journal untouched); and what is not blocked: a run that stopped
 * before its first write (a wrong key) leaves no journal behind, so --resume starts it again. In-process: `main` against a sandbox here.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  contactFile,
  expectCompleteImport,
  importArgs,
  journalText,
  readSummary,
  useSandboxes,
  waitForOutcomes,
  writeContacts,
} from '../helpers/resume-harness.js';
import { startImport } from './helpers/run-main.js';

const tempDir = useTempDirs();
const sandboxFor = useSandboxes();
/** The pace of runs that are not interrupted (rate is no resume setting, so it may differ). */
const FAST = 60_000;

describe('resume refusals', { tags: ['slow'] }, () => {
  it('refuses a changed file, other options and a run without --resume; then the right resume completes', async () => {
    const file = contactFile({ seed: 31 });
    const sandbox = await sandboxFor(file);
    const cwd = await tempDir();
    await writeContacts(cwd, file);
    const reportDir = join(cwd, 'report');
    const first = startImport({ cwd, sandbox, args: importArgs(reportDir) });
    expect(await waitForOutcomes(reportDir, 50, first)).toBe(true);
    // Interrupted (a kill -9 is tested in test/e2e): the journal holds an unfinished run either way.
    first.interrupt();
    expect((await first.exited).code).toBe(130);
    const journal = await journalText(reportDir);

    const refused = async (args: string[], message: RegExp): Promise<void> => {
      const run = startImport({ cwd, sandbox, args });
      expect((await run.exited).code, run.stderr()).toBe(2);
      expect(run.stderr()).toMatch(message);
      expect(await journalText(reportDir)).toBe(journal);
    };
    await refused(importArgs(reportDir), /holds an unfinished run[\s\S]*--resume/);
    await refused(importArgs(reportDir, ['--resume', '--on-duplicate', 'last']), /Cannot resume[\s\S]*: onDuplicate was first, now last\./);
    // Every difference is named at once.
    await refused(
      importArgs(reportDir, ['--resume', '--blanks', 'clear', '--map', 'email=email']),
      /Cannot resume[\s\S]*map was \{\}, now \{"email":"email"\}; blanks was keep, now clear/,
    );
    // How dates are read changes what a row becomes, so a resume must read them alike.
    await refused(
      importArgs(reportDir, ['--resume', '--timezone', 'Europe/Berlin', '--date-format', 'DMY']),
      /Cannot resume[\s\S]*timezone was UTC, now Europe\/Berlin; dateFormat was none, now DMY/,
    );
    const original = file.csv;
    await appendFile(join(cwd, 'contacts.csv'), 'late-1,Late Comer,late@example.com,,\n');
    await refused(importArgs(reportDir, ['--resume']), /Cannot resume[\s\S]*input file is not the same/);
    await writeContacts(cwd, { ...file, csv: original });

    const resumed = startImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume'], FAST) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    await expectCompleteImport(sandbox, file, reportDir);
  });

  describe('a run stopped by a wrong key', () => {
    it('leaves no journal; a new run there needs --overwrite, and --resume starts it again', async () => {
      const file = contactFile({ seed: 32, created: 40, updated: 20, unchanged: 10 });
      const sandbox = await sandboxFor(file);
      const cwd = await tempDir();
      await writeContacts(cwd, file);
      const reportDir = join(cwd, 'report');

      const wrong = startImport({ cwd, sandbox, args: importArgs(reportDir), apiKey: 'not-the-key' });
      expect((await wrong.exited).code, wrong.stderr()).toBe(5);
      expect(wrong.stdout()).toMatch(/rejected the API key/);
      expect(wrong.stdout() + wrong.stderr()).not.toContain('not-the-key');
      // Nothing was written, so there is nothing to continue: no resume command is offered.
      expect(wrong.stderr()).not.toContain('To continue');
      expect(sandbox.stats().requests).toBe(1);
      expect(await journalText(reportDir)).toBe('');
      expect((await readSummary(reportDir)).exitCode).toBe(5);

      const plain = startImport({ cwd, sandbox, args: importArgs(reportDir, [], FAST) });
      expect((await plain.exited).code, plain.stderr()).toBe(2);
      expect(plain.stderr()).toMatch(/holds the report of an earlier run[\s\S]*--overwrite/);
      expect(sandbox.stats().requests).toBe(1);
      // The run never wrote, so --resume (what a CI job passes every time) takes the folder over.
      const next = startImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume'], FAST) });
      expect((await next.exited).code, next.stderr()).toBe(4);
      await expectCompleteImport(sandbox, file, reportDir);
    });
  });
});
