/**
 * A report that cannot be written — a full disk, a quota, a file size limit — is the report folder's problem,
 * not a bug in hc-import: it is said in one line naming the file (exit 2, like any report folder that cannot
 * be used), not as an internal error with a stack. A real process, for the shell's file size limit
 * (`ulimit -f`), under which Node's writes fail with EFBIG as they would with ENOSPC on a full disk.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, collect, expectExit, expectNoStack, minimalEnv, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();

describe('a report that cannot be written', () => {
  it('is said plainly, naming the file, with exit 2', async () => {
    const { dir } = await workspace();
    // 20,000 rejects: rejects.csv grows past the 64 blocks the limit allows, the input (read only) need not.
    const rows = Array.from({ length: 20_000 }, (_, i) => `x${i},Name ${i},not-an-email-${i}`);
    await writeFile(join(dir, 'in.csv'), `user_id,name,email\n${rows.join('\n')}\n`);
    const script = `ulimit -f 64 && exec "$0" "$@"`;
    const child = spawn('sh', ['-c', script, process.execPath, BIN, 'in.csv', '--dry-run', '--report-dir', 'r'], {
      cwd: dir,
      env: minimalEnv(dir),
    });
    child.stdin.end();
    const result = await collect(child);
    expectExit(result, 2);
    expectNoStack(result);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain(`Cannot write ${join(dir, 'r', 'rejects.csv')}`);
    expect(result.stderr).toMatch(/EFBIG/);
  });
});
