/**
 * A plan spill file (`.plan-*.jsonl`: the valid rows, the found customers, the plan) that the disk will not
 * take — full, over a quota or a file size limit — is the report folder's problem, as a report file is: one
 * line naming the file (exit 2), not an internal error with a stack; and since the spills are written before
 * the first write request, nothing is sent. A real process under the shell's file size limit (`ulimit -f`),
 * where Node's writes fail with EFBIG as they would with ENOSPC on a full disk.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { writeRoutes } from '../helpers/sandboxes.js';
import { BIN, collect, expectExit, expectNoStack, minimalEnv, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

describe('a plan spill file that cannot be written', () => {
  it('stops the run with exit 2 naming the file, sends no write, and leaves no spill behind', async () => {
    const { dir } = await workspace();
    const sandbox = await startSandbox({ rate: Infinity });
    sandboxes.push(sandbox);
    // 20,000 valid rows and nothing else: no report file grows while the file is read, the row spill does,
    // past the 64 blocks the limit allows (the input is only read).
    const rows = Array.from({ length: 20_000 }, (_, i) => `u${i},Name ${i},u${i}@example.com`);
    await writeFile(join(dir, 'in.csv'), `user_id,name,email\n${rows.join('\n')}\n`);
    const script = `ulimit -f 64 && exec "$0" "$@"`;
    const args = ['in.csv', '--report-dir', 'r', '--yes', '--rate', '600000'];
    const child = spawn('sh', ['-c', script, process.execPath, BIN, ...args], {
      cwd: dir,
      env: minimalEnv(dir, { HELPCRUNCH_API_URL: sandbox.url, HELPCRUNCH_API_KEY: sandbox.key }),
    });
    child.stdin.end();
    const result = await collect(child);
    expectExit(result, 2);
    expectNoStack(result);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain(`Cannot write ${join(dir, 'r', '.plan-rows.jsonl')}`);
    expect(result.stderr).toMatch(/EFBIG/);
    expect(result.stderr).toContain('nothing was sent');
    expect(writeRoutes(sandbox), 'write requests sent').toEqual([]);
    expect(sandbox.customers()).toHaveLength(0);
    expect(existsSync(join(dir, 'r', '.plan-rows.jsonl')), 'the spill file is removed').toBe(false);
  });
});
