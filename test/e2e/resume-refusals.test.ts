/**
 * Issue 5, what is refused: resuming with another file or other outcome-changing options, and a new run
 * over an unfinished one (exit 2, the journal untouched); and what is not blocked: a run that stopped
 * before its first write (a wrong key) leaves no journal behind.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  contactFile, expectCompleteImport, importArgs, journalText, readSummary, spawnImport, useSandboxes,
  waitForOutcomes, writeContacts,
} from './helpers/resume-harness.js';

const tempDir = useTempDirs();
const sandboxFor = useSandboxes();

describe('resume refusals', () => {
  it('refuses a changed file, other options and a run without --resume; then the right resume completes', async () => {
    const file = contactFile({ seed: 31 });
    const sandbox = await sandboxFor(file);
    const cwd = await tempDir();
    await writeContacts(cwd, file);
    const reportDir = join(cwd, 'report');
    const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir) });
    expect(await waitForOutcomes(reportDir, 50, first)).toBe(true);
    first.kill('SIGKILL');
    await first.exited;
    const journal = await journalText(reportDir);

    const refused = async (args: string[], message: RegExp): Promise<void> => {
      const run = spawnImport({ cwd, sandbox, args });
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
    const original = file.csv;
    await appendFile(join(cwd, 'contacts.csv'), 'late-1,Late Comer,late@example.com,,\n');
    await refused(importArgs(reportDir, ['--resume']), /Cannot resume[\s\S]*input file is not the same/);
    await writeContacts(cwd, { ...file, csv: original });

    const resumed = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume']) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    await expectCompleteImport(sandbox, file, reportDir);
  });

  describe('a run stopped by a wrong key', () => {
    it('leaves no journal, and the next run into the same directory works', async () => {
      const file = contactFile({ seed: 32, created: 40, updated: 20, unchanged: 10 });
      const sandbox = await sandboxFor(file);
      const cwd = await tempDir();
      await writeContacts(cwd, file);
      const reportDir = join(cwd, 'report');

      const wrong = spawnImport({ cwd, sandbox, args: importArgs(reportDir), apiKey: 'not-the-key' });
      expect((await wrong.exited).code, wrong.stderr()).toBe(5);
      expect(wrong.stdout()).toMatch(/rejected the API key/);
      expect(wrong.stdout() + wrong.stderr()).not.toContain('not-the-key');
      // Nothing was written, so there is nothing to continue: no resume command is offered.
      expect(wrong.stderr()).not.toContain('To continue');
      expect(sandbox.stats().requests).toBe(1);
      expect(await journalText(reportDir)).toBe('');
      expect((await readSummary(reportDir)).exitCode).toBe(5);

      const next = spawnImport({ cwd, sandbox, args: importArgs(reportDir) });
      expect((await next.exited).code, next.stderr()).toBe(4);
      await expectCompleteImport(sandbox, file, reportDir);
    });
  });
});
