/**
 * Issue 10, report folders: a run never writes over its own input, never through a planted symlink,
 * never into a folder another run is writing (a lock) or has written (unless --overwrite), and the
 * default folder is one no other run gets. `--report-dir -` writes none.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportCsv, readSummary } from '../helpers/report-reader.js';
import { contactFile, importArgs, useSandboxes, waitForOutcomes, writeContacts } from '../helpers/resume-harness.js';
import { CONTACTS, expectExit, expectNoStack, runMain, startImport, startMain, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();

/** A dry run of the demo file (it has rejects) into `dir/r`: the report a user would fix and re-import. */
async function dryRunReport(run: (args: readonly string[]) => Promise<{ code: number | null }>, dir: string): Promise<string> {
  const result = await run([CONTACTS, '--dry-run', '--report-dir', 'r']);
  expect(result.code).toBe(4);
  return join(dir, 'r');
}

describe('an input in the report folder', () => {
  it('re-importing a fixed rejects.csv with --report-dir set to its own folder is refused, the file untouched', async () => {
    const { dir, run } = await workspace();
    const report = await dryRunReport(run, dir);
    const rejects = await readFile(join(report, 'rejects.csv'), 'utf8');
    expect((await readReportCsv(report, 'rejects.csv')).rows.length).toBeGreaterThan(0);

    const result = await run([join('r', 'rejects.csv'), '--dry-run', '--report-dir', 'r']);
    expectExit(result, 2);
    expect(result.stderr).toMatch(/rejects\.csv lies in the report folder .*\/r: the run would replace it/);
    expectNoStack(result);
    expect(await readFile(join(report, 'rejects.csv'), 'utf8')).toBe(rejects);
    // Real paths: a symlink to the folder is the same folder.
    await symlink(report, join(dir, 'alias'));
    const viaLink = await run([join('r', 'rejects.csv'), '--dry-run', '--report-dir', 'alias', '--overwrite']);
    expectExit(viaLink, 2);
    expect(await readFile(join(report, 'rejects.csv'), 'utf8')).toBe(rejects);
  });

  it('imports it as is into a fresh folder', async () => {
    const { dir, run } = await workspace();
    const report = await dryRunReport(run, dir);
    const rejects = await readFile(join(report, 'rejects.csv'), 'utf8');
    const result = await run([join('r', 'rejects.csv'), '--dry-run']);
    expect(result.code).toBe(4);
    expect(await readFile(join(report, 'rejects.csv'), 'utf8')).toBe(rejects);
  });
});

describe('what --report-dir may name', () => {
  it('an existing file: exit 2 with a message, no stack', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'taken'), 'not a folder\n');
    const result = await run([CONTACTS, '--dry-run', '--report-dir', 'taken']);
    expectExit(result, 2);
    expect(result.stderr).toMatch(/^hc-import: .*\/taken is a file, not a folder\.\nhint: /);
    expectNoStack(result);
    expect(await readFile(join(dir, 'taken'), 'utf8')).toBe('not a folder\n');
  });

  it.each(['summary.json', 'rejects.csv', 'journal.jsonl', 'rejects.csv.partial'])(
    'a folder where %s is a symlink: exit 2, the link target untouched',
    async (name) => {
      const { dir, run } = await workspace();
      await mkdir(join(dir, 'r'));
      await writeFile(join(dir, 'victim.txt'), 'keep me\n');
      await symlink(join(dir, 'victim.txt'), join(dir, 'r', name));
      for (const extra of [[], ['--overwrite']]) {
        const result = await run([CONTACTS, '--dry-run', '--report-dir', 'r', ...extra]);
        expectExit(result, 2);
        expect(result.stderr).toContain(`${name} is a symlink`);
        expectNoStack(result);
      }
      expect(await readFile(join(dir, 'victim.txt'), 'utf8')).toBe('keep me\n');
    },
  );
});

describe('one folder, one run', () => {
  it('two runs started together without --report-dir get two folders', async () => {
    const { dir } = await workspace();
    const runs = [0, 1].map(() => startMain([CONTACTS, '--dry-run'], { cwd: dir }).exited);
    for (const result of await Promise.all(runs)) expect(result.code).toBe(4);
    const folders = await readdir(join(dir, 'hc-import-report'));
    expect(folders).toHaveLength(2);
    for (const folder of folders) expect((await readSummary(join(dir, 'hc-import-report', folder))).counts.rows).toBe(301);
  });

  it('a run holds the folder’s lock while it writes: a second run there is exit 2 naming its pid', { tags: ['slow'] }, async () => {
    const { dir } = await workspace();
    const file = contactFile({ seed: 33 });
    const sandbox = await sandboxFor(file);
    await writeContacts(dir, file);
    const report = join(dir, 'r');
    const first = startImport({ cwd: dir, sandbox, args: importArgs(report) });
    expect(await waitForOutcomes(report, 5, first)).toBe(true);
    expect(await readFile(join(report, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    for (const extra of [['--resume'], ['--overwrite'], ['--dry-run']]) {
      const second = startImport({ cwd: dir, sandbox, args: importArgs(report, extra) });
      expect((await second.exited).code, second.stderr()).toBe(2);
      expect(second.stderr()).toContain(`in use by another hc-import run (pid ${process.pid})`);
    }
    first.interrupt();
    expect((await first.exited).code).toBe(130);
    expect(existsSync(join(report, '.lock'))).toBe(false);
  });

  it('a folder locked by a live run is refused naming its pid; a dead run’s lock is taken over', async () => {
    const { dir, run } = await workspace();
    await mkdir(join(dir, 'r'));
    await writeFile(join(dir, 'r', '.lock'), `${process.pid}\n`);
    const refused = await run([CONTACTS, '--dry-run', '--report-dir', 'r']);
    expectExit(refused, 2);
    expect(refused.stderr).toContain(`in use by another hc-import run (pid ${process.pid})`);
    expect(existsSync(join(dir, 'r', 'summary.json'))).toBe(false);
    expect(await readFile(join(dir, 'r', '.lock'), 'utf8')).toBe(`${process.pid}\n`);

    await writeFile(join(dir, 'r', '.lock'), '4194999\n');
    const stale = await runMain([CONTACTS, '--dry-run', '--report-dir', 'r'], { cwd: dir, isProcessAlive: () => false });
    expectExit(stale, 4);
    expect(existsSync(join(dir, 'r', '.lock')), 'the lock is released').toBe(false);
  });
});

describe('a folder holding an earlier run', () => {
  it('a dry run over a finished apply is refused; with --overwrite the old run’s files are all gone first', async () => {
    const { dir, run } = await workspace();
    const apply = await run([CONTACTS, '--sandbox', '--report-dir', 'r']);
    expectExit(apply, 4);
    const report = join(dir, 'r');
    const before = (await readdir(report)).sort();
    expect(before).toEqual([
      'changes.csv',
      'duplicates.csv',
      'failures.csv',
      'journal.jsonl',
      'rejects.csv',
      'results.csv',
      'shared-emails.csv',
      'summary.json',
      'user-id-warnings.csv',
    ]);
    const summary = await readFile(join(report, 'summary.json'), 'utf8');

    const refused = await run([CONTACTS, '--dry-run', '--report-dir', 'r']);
    expectExit(refused, 2);
    expect(refused.stderr).toMatch(/holds the report of an earlier run \(summary\.json, .*\)\.\nhint: .*--overwrite/);
    expect(await readFile(join(report, 'summary.json'), 'utf8')).toBe(summary);

    const replaced = await run([CONTACTS, '--dry-run', '--report-dir', 'r', '--overwrite']);
    expectExit(replaced, 4);
    expect((await readdir(report)).sort()).toEqual([
      'duplicates.csv',
      'rejects.csv',
      'shared-emails.csv',
      'summary.json',
      'user-id-warnings.csv',
    ]);
    expect((await readSummary(report)).mode).toBe('dry-run');
  });
});

describe('no report at all', () => {
  it.each([['--report-dir', '-'], ['--no-report']])('%s: no folder, no files, the summary still printed', async (...flag) => {
    const { dir, run } = await workspace();
    const result = await run([CONTACTS, '--dry-run', ...flag]);
    expectExit(result, 4);
    expect(result.stdout).toMatch(/rows 301: [\s\S]*report: none\n/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('with --resume, or without --dry-run, it is a usage error', async () => {
    const { dir, run } = await workspace();
    const resume = await run([CONTACTS, '--dry-run', '--resume', '--report-dir', '-']);
    expectExit(resume, 2);
    expect(resume.stderr).toContain('--resume needs the report folder');
    const apply = await run([CONTACTS, '--no-report', '--sandbox']);
    expectExit(apply, 2);
    expect(apply.stderr).toContain('only with --dry-run');
    expect(await readdir(dir)).toEqual([]);
  });
});
