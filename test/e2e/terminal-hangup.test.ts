/**
 * The terminal closed during the writes (its window, a dropped ssh session): the process gets SIGHUP and its
 * stderr is gone. It must stop as after SIGTERM — the requests in flight recorded, the report and summary
 * written, the lock released — and the run must resume to the whole file, each customer created once.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { runOnPty } from './helpers/pty-run.js';
import { spawnImport } from './helpers/spawn-import.js';

const newSandbox = useSandboxes();
const tempDir = useTempDirs();
const contacts = `user_id,name,email\n${Array.from({ length: 40 }, (_, i) => `u${i + 1},Name ${i + 1},u${i + 1}@example.com`).join('\n')}\n`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the terminal closed during the writes', () => {
  it('stops as after SIGTERM (exit 129 in the summary), leaves no lock, and resumes to the whole file', async () => {
    const sandbox = await newSandbox({});
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), contacts);
    const run = runOnPty({ cwd, env: targetEnv(sandbox), args: ['contacts.csv', '--yes', '--report-dir', 'r', '--rate', '300'] });
    await run.waitFor(/\b[3-9]\/40 rows/);
    run.hangUp();
    const deadline = Date.now() + 20_000;
    while (alive(run.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

    expect(alive(run.pid)).toBe(false);
    const summary = JSON.parse(await readFile(join(cwd, 'r', 'summary.json'), 'utf8'));
    expect(summary.status).toBe('interrupted');
    expect(summary.exitCode).toBe(129);
    expect(summary.counts.created).toBe(sandbox.customers().length);
    expect(existsSync(join(cwd, 'r', '.lock'))).toBe(false);

    const resumed = spawnImport({ cwd, sandbox, args: ['contacts.csv', '--yes', '--rate', '6000', '--resume', '--report-dir', 'r'] });
    expect((await resumed.exited).code, resumed.stderr()).toBe(0);
    const ids = sandbox.customers().map((customer) => customer.userId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });
});
