/**
 * The copy of stdin under TMPDIR is a copy of the customers' CSV: it must not outlive the run on any exit
 * path a process can act on. The run's `finally` removes it, but a second SIGTERM / Ctrl-C (and the bin's
 * 15 s deadline after the first) end the process with `process.exit`, which runs no `finally`.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BIN, collect, minimalEnv } from './helpers/cli-run.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await delay(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the copy of stdin', () => {
  it('is removed when a second SIGTERM ends the run at once', async () => {
    const dir = await tempDir();
    const spool = join(dir, 'tmp');
    await mkdir(spool);
    const child = spawn(process.execPath, [BIN, '-', '--dry-run', '--report-dir', '-'], {
      cwd: dir,
      env: minimalEnv(dir, { TMPDIR: spool }),
      stdio: 'pipe',
    });
    const done = collect(child);
    let stderr = '';
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    // Half a CSV, stdin left open: the run is still copying it when the signals come.
    child.stdin.write('email,name\nada@example.com,Ada\n');
    await waitFor(async () => (await readdir(spool, { recursive: true })).some((name) => name.endsWith('stdin.csv')), 'the copy');
    child.kill('SIGTERM');
    await waitFor(async () => stderr.includes('SIGTERM: finishing'), 'the first SIGTERM to be taken');
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code, result.stderr).toBe(143);
    expect(await readdir(spool), 'the copy of stdin is removed').toEqual([]);
  }, 30_000);
});
