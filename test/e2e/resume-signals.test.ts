/**
 * Issue 5, end to end: the built binary is stopped mid-import (SIGINT, SIGTERM, SIGKILL),
 * resumed, and the sandbox must then hold every userId exactly once with the CSV's values, and the final
 * summary must reconcile over the whole file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  contactFile,
  expectCompleteImport,
  importArgs,
  RATE_PER_MINUTE,
  journalText,
  readResults,
  readSummary,
  resumeArgs,
  seededRandom,
  useSandboxes,
  waitForOutcomes,
  writeContacts,
} from '../helpers/resume-harness.js';
import { spawnImport, timeExit } from './helpers/spawn-import.js';

const tempDir = useTempDirs();
const sandboxFor = useSandboxes();

/**
 * The signals, the exit code each must give, and a seed each (another file and kill point). One seed per
 * signal: each costs a few seconds, and what varies with the seed is the core's work, tested in-process.
 */
const cases = [
  { signal: 'SIGINT', exitCode: 130, seed: 1 },
  { signal: 'SIGTERM', exitCode: 143, seed: 3 },
] as const;

describe('a run stopped by a signal, then resumed', () => {
  it.each(cases)('$signal (seed $seed): exits $exitCode with a report and the command that resumes', async ({ signal, exitCode, seed }) => {
    const file = contactFile({ seed });
    const sandbox = await sandboxFor(file);
    const cwd = await tempDir();
    await writeContacts(cwd, file);
    // A space in the directory, so the printed command must quote it.
    const reportDir = join(cwd, 'Q3 report');
    const random = seededRandom(seed * 7919);
    // Past the unchanged rows (settled at once) and well before the end, so writes are in flight.
    const killAfter = file.counts.unchanged + 10 + Math.floor(random() * (file.counts.created + file.counts.updated - 80));

    const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir) });
    expect(await waitForOutcomes(reportDir, killAfter, first), 'the run finished before the signal').toBe(true);
    first.kill(signal);
    const stopped = await timeExit(first);

    expect(stopped.code, first.stderr()).toBe(exitCode);
    expect(stopped.ms).toBeLessThan(20_000);
    const partial = await readSummary(reportDir);
    expect(partial.status).toBe('interrupted');
    expect(partial.exitCode).toBe(exitCode);
    expect(partial.counts.created + partial.counts.updated + partial.counts.unchanged).toBeGreaterThanOrEqual(killAfter);
    expect(partial.counts.created + partial.counts.updated + partial.counts.unchanged).toBeLessThan(file.counts.valid);
    expect(await journalText(reportDir)).not.toContain('"type":"finished"');
    expect(await readResults(reportDir)).toHaveLength(partial.counts.created + partial.counts.updated + partial.counts.unchanged);
    // The requests in flight finished and were recorded: every customer created so far is in the report.
    const createdSoFar = sandbox.customers().length - file.seeded.length;
    expect(partial.counts.created).toBe(createdSoFar);
    expect((await journalText(reportDir)).match(/"action":"created"/g) ?? []).toHaveLength(createdSoFar);

    const args = resumeArgs(first.stderr());
    expect(first.stderr()).toContain(`${signal}: finishing the requests in flight`);
    expect(args).toEqual(['contacts.csv', '--yes', '--rate', String(RATE_PER_MINUTE), '--resume', '--report-dir', reportDir]);
    const resumed = spawnImport({ cwd, sandbox, args });
    const done = await resumed.exited;
    // Exit 4: the file holds a reject and a duplicate on purpose (--fail-on any).
    expect(done.code, resumed.stderr()).toBe(4);
    expect(resumed.stderr()).not.toContain('To continue');
    // The progress of the resumed run starts from the rows already done and ends at the whole file.
    expect(resumed.stderr()).toContain(`${file.counts.valid} of ${file.counts.valid} rows: `);
    await expectCompleteImport(sandbox, file, reportDir);
    expect(await journalText(reportDir)).toContain('"type":"finished"');
  });

  // The connection is also dropped after some writes, so lost answers meet the crash (a plain kill -9 is
  // also in resume-crash.test.ts).
  it.each([{ seed: 12, dropRate: 0.03 }])(
    'SIGKILL (seed $seed, dropRate $dropRate) at a random moment, then --resume completes',
    async ({ seed, dropRate }) => {
      const file = contactFile({ seed });
      const sandbox = await sandboxFor(file, { dropRate, seed });
      const cwd = await tempDir();
      await writeContacts(cwd, file);
      const reportDir = join(cwd, 'report');
      const random = seededRandom(seed * 104729);

      const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir) });
      expect(await waitForOutcomes(reportDir, 1, first)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100 + random() * 1000));
      first.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');

      const resumed = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume']) });
      const done = await resumed.exited;
      expect(done.code, resumed.stderr()).toBe(4);
      await expectCompleteImport(sandbox, file, reportDir);
      if (dropRate > 0) expect(sandbox.stats().drops).toBeGreaterThan(0);
    },
  );
});
