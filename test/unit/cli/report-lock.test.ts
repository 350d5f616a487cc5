import { rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_NAME, lockReportFolder } from '../../../src/cli/report-lock.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe('the report folder lock', () => {
  it('holds the pid while taken, and is gone once released', async () => {
    const dir = await tempDir();
    const release = await lockReportFolder(dir, { pid: 41, isProcessAlive: alive([41]) });
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe('41\n');
    const refused = lockReportFolder(dir, { pid: 42, isProcessAlive: alive([41, 42]) });
    await expect(refused).rejects.toThrow(/in use by another hc-import run \(pid 41\)/);
    // The pid may be another program's by now: the hint names the file to delete.
    await expect(refused).rejects.toMatchObject({ hint: expect.stringContaining(`delete ${join(dir, LOCK_NAME)}`) });
    await release();
    await expect(readFile(join(dir, LOCK_NAME), 'utf8')).rejects.toThrow(/ENOENT/);
    await (await lockReportFolder(dir, { pid: 42, isProcessAlive: alive([42]) }))();
  });

  it('takes over the lock of a run that is no longer alive', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_NAME), '77\n');
    const release = await lockReportFolder(dir, { pid: 41, isProcessAlive: alive([41]) });
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe('41\n');
    await release();
  });

  it('a stale lock another run took over meanwhile is not removed: only one run holds the folder', async () => {
    const dir = await tempDir();
    const lock = join(dir, LOCK_NAME);
    writeFileSync(lock, '77\n');
    // Run B reads the dead pid 77; while it decides, run A removes that lock and takes the folder (pid 41).
    const isProcessAlive = (pid: number): boolean => {
      if (pid === 77) {
        rmSync(lock);
        writeFileSync(lock, '41\n');
        return false;
      }
      return pid === 41 || pid === 42;
    };
    await expect(lockReportFolder(dir, { pid: 42, isProcessAlive })).rejects.toThrow(/in use by another hc-import run \(pid 41\)/);
    expect(await readFile(lock, 'utf8')).toBe('41\n');
  });

  it('of runs taking over one stale lock at once, exactly one gets it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_NAME), '77\n');
    const pids = [41, 42, 43, 44, 45, 46, 47, 48];
    const takers = pids.map((pid) => lockReportFolder(dir, { pid, isProcessAlive: alive(pids) }));
    const settled = await Promise.allSettled(takers);
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const holder = pids[settled.findIndex((result) => result.status === 'fulfilled')];
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe(`${holder}\n`);
  });

  it('refuses a lock that names no pid, and exits 2', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_NAME), '');
    const taking = lockReportFolder(dir, { pid: 41, isProcessAlive: alive([41]) });
    await expect(taking).rejects.toMatchObject({ code: 'HCI_REPORT_DIR_BUSY', exitCode: 2 });
    await expect(taking).rejects.toThrow(/names no pid/);
  });

  it('a release leaves alone a lock another run has taken since', async () => {
    const dir = await tempDir();
    const release = await lockReportFolder(dir, { pid: 41, isProcessAlive: alive([41]) });
    await writeFile(join(dir, LOCK_NAME), '43\n');
    await release();
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe('43\n');
  });
});
