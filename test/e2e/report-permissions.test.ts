/**
 * The report folder holds customers' personal data (every row's name, email and phone in the CSVs, every
 * record sent in the journal), so on a shared machine other users must not read it. The binary runs under
 * the usual umask 022, which left 0666 files world-readable (0644) and folders 0755.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, CONTACTS, collect, minimalEnv } from './helpers/cli-run.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

/** `hc-import …args` under `umask 022`, as a login shell on most systems runs it. */
function runUnderUmask022(args: readonly string[], cwd: string) {
  const child = spawn('/bin/sh', ['-c', 'umask 022 && exec "$@"', 'sh', process.execPath, BIN, ...args], {
    cwd,
    env: minimalEnv(cwd),
    stdio: 'pipe',
  });
  child.stdin.end();
  return collect(child);
}

/** Every path under `dir` (itself included) with its permission bits. */
async function modes(dir: string): Promise<Array<[string, string]>> {
  const found: Array<[string, string]> = [[dir, ((await stat(dir)).mode & 0o777).toString(8)]];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    found.push([path, ((await stat(path)).mode & 0o777).toString(8)]);
  }
  return found;
}

describe('report folder permissions', () => {
  it('an apply writes its report, journal and folders for its owner only, whatever the umask', async () => {
    const dir = await tempDir();
    const result = await runUnderUmask022([CONTACTS, '--sandbox', '--fail-on', 'none', '--report-dir', 'r'], dir);
    expect(result.code, result.stderr).toBe(0);
    const found = await modes(join(dir, 'r'));
    expect(found.map(([path]) => path.slice(dir.length))).toContain('/r/journal.jsonl');
    for (const [path, mode] of found) {
      const folder = (await stat(path)).isDirectory();
      expect({ path, mode }).toEqual({ path, mode: folder ? '700' : '600' });
    }
  });

  it('a fresh folder (no --report-dir) and its parent are private too', async () => {
    const dir = await tempDir();
    const result = await runUnderUmask022([CONTACTS, '--dry-run', '--fail-on', 'none'], dir);
    expect(result.code, result.stderr).toBe(0);
    for (const [path, mode] of await modes(join(dir, 'hc-import-report'))) {
      const folder = (await stat(path)).isDirectory();
      expect({ path, mode }).toEqual({ path, mode: folder ? '700' : '600' });
    }
  });
});
