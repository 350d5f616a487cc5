/**
 * main reads paths and the environment only from its `io`: a relative path is relative to `io.cwd`, and
 * standard input is spooled under `io.env.TMPDIR`, never under this process's cwd or TMPDIR.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/resume-harness.js';
import { expectExit, expectNoStack, fixture, startMain, useWorkspaces, type MainRun } from './helpers/run-main.js';

const workspace = useWorkspaces();
const running: MainRun[] = [];
afterEach(() => {
  for (const run of running.splice(0)) run.interrupt();
});

describe('paths and TMPDIR come from io', () => {
  it('`hc-import sandbox --data state.json` saves into io.cwd', async () => {
    const { dir } = await workspace();
    const run = startMain(['sandbox', '--port', '0', '--data', 'state.json'], { cwd: dir });
    running.push(run);
    expect(await waitUntil(() => run.stdout().includes('API key'), run)).toBe(true);
    const url = /http:\/\/\S+\/v1/.exec(run.stdout())?.[0] ?? '';
    const created = await fetch(`${url}/customers`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-key', 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u1', email: 'u1@example.com' }),
    });
    expect(created.status).toBe(201);
    run.interrupt('SIGINT');
    expectExit(await run.exited, 0);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
  });

  it('`-` is spooled under io.env.TMPDIR, and the copy is removed', async () => {
    const { dir, run } = await workspace();
    const spool = join(dir, 'tmp');
    await mkdir(spool);
    const stdin = await readFile(fixture('bom-utf8.csv'));
    const result = await run(['-', '--dry-run', '--report-dir', 'r'], { stdin, env: { TMPDIR: spool } });
    expectExit(result, 0);
    expect(await readdir(spool)).toEqual([]);
    // A TMPDIR that does not exist proves it is the one used: a clear input error, not a bug.
    const missing = await run(['-', '--dry-run', '--report-dir', 'r2'], { stdin, env: { TMPDIR: join(dir, 'nowhere') } });
    expectExit(missing, 3);
    expectNoStack(missing);
    expect(missing.stderr).toContain(`Cannot keep a copy of standard input under ${join(dir, 'nowhere')}`);
  });
});
