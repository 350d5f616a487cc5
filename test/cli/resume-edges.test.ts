/**
 * Issue 5, the edges a run interrupted before its first write, or crashed after its last outcome, must
 * handle: in-process (`main` against a sandbox here; the interrupt is what the bin does on SIGINT).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  type ContactFileOptions,
  contactFile,
  RATE_PER_MINUTE,
  expectCompleteImport,
  importArgs,
  journalText,
  readSummary,
  resumeArgs,
  useSandboxes,
  waitForOutcomes,
  waitUntil,
  writeContacts,
} from '../helpers/resume-harness.js';
import { startImport } from './helpers/run-main.js';

const tempDir = useTempDirs();
const sandboxFor = useSandboxes();
/** The pace of runs whose timing the test does not depend on (rate is no resume setting, so it may differ). */
const FAST = 60_000;

async function setUp(seed: number, options: Omit<ContactFileOptions, 'seed'> = {}) {
  const file = contactFile({ seed, ...options });
  const sandbox = await sandboxFor(file);
  const cwd = await tempDir();
  await writeContacts(cwd, file);
  return { file, sandbox, cwd, reportDir: join(cwd, 'report') };
}

describe('interrupted before the first write, crashed after the last outcome, then --resume', { tags: ['slow'] }, () => {
  // 600 customers the file does not mention: the lookup lists six more pages before any write. At 600/min
  // the signal finds the run waiting for its next lookup; at the usual pace it lets the lookup end, then stops.
  it.each([600, RATE_PER_MINUTE])(
    'Ctrl-C while looking customers up (--rate %i): exit 130, a report, no journal; --resume then completes',
    async (rate) => {
      const { file, sandbox, cwd, reportDir } = await setUp(23, { bystanders: 600 });
      const first = startImport({ cwd, sandbox, args: importArgs(reportDir, [], rate) });
      expect(await waitUntil(() => (sandbox.stats().byRoute['GET /customers'] ?? 0) >= 2, first)).toBe(true);
      first.interrupt('SIGINT');
      const stopped = await first.exited;

      expect(stopped.code, first.stderr()).toBe(130);
      expect(first.stderr()).not.toMatch(/internal error/);
      expect(sandbox.stats().byRoute['POST /customers'] ?? 0).toBe(0);
      expect((await readSummary(reportDir)).status).toBe('interrupted');
      expect(await journalText(reportDir)).toBe('');

      // Nothing was written, so nothing blocks a new run, and --resume starts one (at the faster pace).
      expect(resumeArgs(first.stderr())).toEqual(['contacts.csv', '--yes', '--rate', String(rate), '--resume', '--report-dir', reportDir]);
      const resumed = startImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume'], FAST) });
      expect((await resumed.exited).code, resumed.stderr()).toBe(4);
      expect(resumed.stderr()).toMatch(/holds no unfinished run: starting a new run there/);
      await expectCompleteImport(sandbox, file, reportDir);
    },
  );

  it('a crash after the last outcome: the resume sends no write; --resume on the finished run needs --overwrite to start afresh', async () => {
    const { file, sandbox, cwd, reportDir } = await setUp(24, { created: 40, updated: 20, unchanged: 10 });
    const journal = join(reportDir, 'journal.jsonl');
    const first = startImport({ cwd, sandbox, args: importArgs(reportDir, [], FAST) });
    expect((await first.exited).code, first.stderr()).toBe(4);
    // As if killed between the last outcome and the `finished` line.
    const text = await readFile(journal, 'utf8');
    await writeFile(journal, text.replace(/^\{"type":"finished".*\n/m, ''));
    const before = sandbox.stats().requests;

    const resumed = startImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume'], FAST) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    expect(sandbox.stats().requests - before, 'only page 0: nothing looked up or sent again').toBe(1);
    await expectCompleteImport(sandbox, file, reportDir);

    const refused = startImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume'], FAST) });
    expect((await refused.exited).code, refused.stderr()).toBe(2);
    expect(refused.stderr()).toMatch(/holds the report of an earlier run[\s\S]*nothing to resume: add --overwrite/);
    const again = startImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume', '--overwrite'], FAST) });
    expect((await again.exited).code, again.stderr()).toBe(4);
    expect(again.stderr()).toMatch(/holds a run that already finished: starting a new run there/);
    const { counts } = await readSummary(reportDir);
    expect(counts).toEqual({ ...file.counts, created: 0, updated: 0, unchanged: file.counts.valid, skipped: 0, failed: 0 });
    expect(sandbox.stats().byRoute['POST /customers']).toBe(file.counts.created);
  });

  it("a resumed run's summary counts the changes of the rows left, and says changes.csv is the first run's full list", async () => {
    const { sandbox, cwd, reportDir } = await setUp(25, { created: 60, updated: 30, unchanged: 5 });
    const first = startImport({ cwd, sandbox, args: importArgs(reportDir) });
    expect(await waitForOutcomes(reportDir, 20, first)).toBe(true);
    first.interrupt('SIGINT');
    expect((await first.exited).code, first.stderr()).toBe(130);
    const csvLines = (await readFile(join(reportDir, 'changes.csv'), 'utf8')).trim().split('\n').length - 1;

    const resumed = startImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume'], FAST) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    const said = /^ {2}(\d+) field changes? planned (.*), e\.g\.:$/m.exec(resumed.stdout());
    expect(said, resumed.stdout()).not.toBeNull();
    expect(Number(said?.[1])).toBeLessThan(csvLines);
    expect(said?.[2]).toBe(`(for the rows left (the first run's full plan: ${join(reportDir, 'changes.csv')}))`);
    expect((await readSummary(reportDir)).plan?.changes.resumed).toBe(true);
  });
});
