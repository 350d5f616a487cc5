/**
 * Issue 12: the mapping file's values are outcome-changing options like the flags they stand for, so a
 * run interrupted with one mapping file is not resumed with another (exit 2, the journal untouched), and
 * is resumed with the same one.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  contactFile,
  expectCompleteImport,
  importArgs,
  journalText,
  useSandboxes,
  waitForOutcomes,
  writeContacts,
} from '../helpers/resume-harness.js';
import { startImport } from './helpers/run-main.js';

const tempDir = useTempDirs();
const sandboxFor = useSandboxes();
const CONFIG = { map: { user_id: 'user_id', email: 'email' }, blanks: 'keep', timezone: 'UTC' };

describe('resuming a run that read a mapping file', { tags: ['slow'] }, () => {
  it('refuses a changed mapping file, naming what changed; the same file resumes', async () => {
    const file = contactFile({ seed: 41 });
    const sandbox = await sandboxFor(file);
    const cwd = await tempDir();
    await writeContacts(cwd, file);
    const config = join(cwd, 'mapping.json');
    await writeFile(config, JSON.stringify(CONFIG));
    const reportDir = join(cwd, 'report');
    const args = (extra: string[] = [], rate?: number): string[] => importArgs(reportDir, ['--config', 'mapping.json', ...extra], rate);
    const first = startImport({ cwd, sandbox, args: args() });
    expect(await waitForOutcomes(reportDir, 50, first)).toBe(true);
    first.interrupt();
    expect((await first.exited).code).toBe(130);
    const journal = await journalText(reportDir);

    await writeFile(config, JSON.stringify({ ...CONFIG, map: { user_id: 'user_id', email: 'email', phone: 'company' }, blanks: 'clear' }));
    const changed = startImport({ cwd, sandbox, args: args(['--resume']) });
    expect((await changed.exited).code, changed.stderr()).toBe(2);
    expect(changed.stderr()).toMatch(
      /Cannot resume[\s\S]*map was \{"user_id":"user_id","email":"email"\}, now .*"phone":"company"\}; blanks was keep, now clear/,
    );
    await writeFile(config, JSON.stringify({ ...CONFIG, timezone: 'Europe/Berlin' }));
    const zone = startImport({ cwd, sandbox, args: args(['--resume']) });
    expect((await zone.exited).code, zone.stderr()).toBe(2);
    expect(zone.stderr()).toMatch(/Cannot resume[\s\S]*timezone was UTC, now Europe\/Berlin/);
    expect(await journalText(reportDir)).toBe(journal);

    await writeFile(config, JSON.stringify(CONFIG));
    const resumed = startImport({ cwd, sandbox, args: args(['--resume'], 60_000) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(4);
    await expectCompleteImport(sandbox, file, reportDir);
  });
});
