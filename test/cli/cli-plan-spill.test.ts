/**
 * Issue 15, apply-mode memory: the valid rows and the plan go through spill files beside the reports
 * (src/plan), not through memory. They are there while the plan is shown and asked about, gone when the run
 * ends, and one left by a run that died mid-plan is replaced by its `--resume` (which plans again from the
 * input) or removed by `--overwrite`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PlanFile } from '../../src/plan/plan-files.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, startMain, useWorkspaces } from './helpers/run-main.js';

const newSandbox = useSandboxes();
const workspace = useWorkspaces();

/** u1..u3 stored (u2 with another name), u1..u6 in the file: 3 creates, 1 update, 2 unchanged. */
const stored = [1, 2, 3].map((i) => ({ userId: `u${i}`, name: i === 2 ? 'Old' : `Name ${i}`, email: `u${i}@example.com` }));
const csv = `user_id,name,email\n${Array.from({ length: 6 }, (_, i) => `u${i + 1},Name ${i + 1},u${i + 1}@example.com`).join('\n')}\n`;

async function setUp() {
  const sandbox = await newSandbox({ customers: stored });
  const { dir } = await workspace();
  await writeFile(join(dir, 'contacts.csv'), csv);
  return { sandbox, dir, reportDir: join(dir, 'report'), env: targetEnv(sandbox) };
}

const spillFiles = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((name) => name.startsWith('.plan-')).sort();
const linesOf = async (path: string): Promise<string[]> => (await readFile(path, 'utf8')).split('\n').filter(Boolean);

describe('the plan on disk', () => {
  it('holds every valid row and the plan by pass while the question is asked, and is gone after the run', async () => {
    const { sandbox, dir, reportDir, env } = await setUp();
    const input = new PassThrough();
    const run = startMain(['contacts.csv', '--report-dir', 'report', '--rate', '6000'], {
      cwd: dir,
      env,
      tty: { openTerminal: () => ({ input, close: () => undefined }) },
    });
    await expect.poll(() => run.stderr(), { timeout: 10_000 }).toContain('Go ahead?');
    expect((await linesOf(join(reportDir, PlanFile.rows))).map((line) => JSON.parse(line).line)).toEqual([2, 3, 4, 5, 6, 7]);
    const actions = async (file: string) => (await linesOf(join(reportDir, file))).map((line) => JSON.parse(line).plan.action);
    expect(await actions(PlanFile.settled)).toEqual(['unchanged', 'unchanged']);
    expect(await actions(PlanFile.updates)).toEqual(['update']);
    expect(await actions(PlanFile.creates)).toEqual(['create', 'create', 'create']);
    input.end('y\n');
    const result = await run.exited;

    expectExit(result, 0);
    expect(result.stdout).toContain('3 created, 1 updated, 2 unchanged, 0 failed');
    expect(sandbox.customers().find((customer) => customer.userId === 'u2')?.name).toBe('Name 2');
    expect(await spillFiles(reportDir)).toEqual([]);
  });

  it('a run that died mid-plan: a new run there is refused, --resume plans again from the input, --overwrite clears it', async () => {
    const { dir, reportDir, env } = await setUp();
    await mkdir(reportDir);
    // What a process killed while planning leaves: spill files, no journal, no summary.
    const leftovers = async (): Promise<void> => {
      await writeFile(join(reportDir, PlanFile.rows), '{"line":2,"cells":["stale"],"contact":{"userId":"stale"}}\n');
      await writeFile(join(reportDir, PlanFile.creates), 'not json\n');
    };
    await leftovers();
    const refused = await startMain(['contacts.csv', '--report-dir', 'report', '--yes', '--rate', '6000'], { cwd: dir, env }).exited;
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(PlanFile.rows);

    const resumed = await startMain(['contacts.csv', '--report-dir', 'report', '--resume', '--yes', '--rate', '6000'], { cwd: dir, env })
      .exited;
    expectExit(resumed, 0);
    expect(resumed.stdout).toContain('3 created, 1 updated, 2 unchanged, 0 failed');
    expect(await spillFiles(reportDir)).toEqual([]);

    await leftovers();
    const over = await startMain(['contacts.csv', '--report-dir', 'report', '--overwrite', '--yes', '--rate', '6000'], { cwd: dir, env })
      .exited;
    expectExit(over, 0);
    expect(over.stdout).toContain('0 created, 0 updated, 6 unchanged, 0 failed');
    expect(await spillFiles(reportDir)).toEqual([]);
    expect(existsSync(join(reportDir, 'changes.csv'))).toBe(true);
  });
});
