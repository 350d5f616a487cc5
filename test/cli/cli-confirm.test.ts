/**
 * Issue 10, the confirmation: asked whenever a person can answer (stderr is a terminal, and stdin or the
 * controlling terminal can be read), whatever --json says; never without a terminal; a Ctrl-C at the
 * question ends the run at once; a "no" is `not-confirmed`, not an interruption to resume.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TerminalInput } from '../../src/cli/io.js';
import { targetEnv, useSandboxes, writeRoutes } from '../helpers/sandboxes.js';
import { expectExit, startMain, useWorkspaces } from './helpers/run-main.js';

const newSandbox = useSandboxes();
const workspace = useWorkspaces();

/** 3 customers stored, 5 new rows: 5 creates. */
const stored = [1, 2, 3].map((i) => ({ userId: `u${i}`, name: `Name ${i}`, email: `u${i}@example.com` }));
const csv = `user_id,name,email\n${Array.from({ length: 8 }, (_, i) => `u${i + 1},Name ${i + 1},u${i + 1}@example.com`).join('\n')}\n`;

/** The controlling terminal, answering `answer` (or never, when undefined), and whether it was let go. */
function fakeTerminal(answer?: string): { open: () => TerminalInput; closed: () => boolean } {
  let closed = false;
  const input = answer === undefined ? new PassThrough() : Readable.from([`${answer}\n`]);
  const close = (): void => {
    closed = true;
  };
  return { open: () => ({ input, close }), closed: () => closed };
}

async function setUp() {
  const sandbox = await newSandbox({ customers: stored });
  const { dir } = await workspace();
  await writeFile(join(dir, 'contacts.csv'), csv);
  return { sandbox, dir, reportDir: join(dir, 'report'), env: targetEnv(sandbox) };
}

const summaryOf = async (reportDir: string) => JSON.parse(await readFile(join(reportDir, 'summary.json'), 'utf8'));

describe('the confirmation on a terminal', () => {
  it('--json asks too, naming the host, the account size and the plan; "n" writes nothing and is not-confirmed', async () => {
    const { sandbox, dir, reportDir, env } = await setUp();
    const run = startMain(['contacts.csv', '--json', '--report-dir', 'report'], { cwd: dir, env, stdin: 'n\n', tty: { stdinIsTTY: true } });
    const result = await run.exited;

    expectExit(result, 130);
    const host = new URL(sandbox.url).host;
    expect(result.stderr).toContain(`Write to ${host} (3 customers there now): 5 to create, 0 to update, 3 unchanged — 5 write requests`);
    expect(result.stderr).toContain('[y/N]');
    // --json changes only stdout: the plan and progress still go to stderr.
    expect(result.stderr).toContain('plan: 5 to create');
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'not-confirmed', exitCode: 130 });
    expect(writeRoutes(sandbox)).toEqual([]);
    expect(existsSync(join(reportDir, 'journal.jsonl'))).toBe(false);
    expect(result.stderr).not.toContain('To continue');
  });

  it('says "not confirmed: nothing was written" in the human summary, with no resume hint', async () => {
    const { dir, env } = await setUp();
    const result = await startMain(['contacts.csv', '--report-dir', 'report'], { cwd: dir, env, stdin: 'no\n', tty: { stdinIsTTY: true } })
      .exited;
    expectExit(result, 130);
    expect(result.stdout).toContain('Import not confirmed: contacts.csv');
    expect(result.stdout).toContain('not confirmed: nothing was written');
    expect(result.stdout).not.toMatch(/interrupted/i);
    expect(result.stderr).not.toContain('--resume');
  });

  it.each([
    ['y', 0, 5],
    ['n', 130, 0],
  ])('with the CSV on stdin, asks on the controlling terminal: "%s" → exit %i, %i created', async (answer, code, created) => {
    const { sandbox, dir, reportDir, env } = await setUp();
    const terminal = fakeTerminal(answer);
    const result = await startMain(['-', '--report-dir', 'report', '--rate', '6000'], {
      cwd: dir,
      env,
      stdin: csv,
      tty: { openTerminal: terminal.open },
    }).exited;
    expectExit(result, code);
    expect(result.stderr).toContain('Go ahead? [y/N]');
    expect(sandbox.customers()).toHaveLength(3 + created);
    expect((await summaryOf(reportDir)).counts.created).toBe(created);
    expect(terminal.closed()).toBe(true);
  });

  it('Ctrl-C at the question ends the run at once: nothing written, no journal, a summary that says so', async () => {
    const { sandbox, dir, reportDir, env } = await setUp();
    const terminal = fakeTerminal();
    const run = startMain(['-', '--report-dir', 'report'], { cwd: dir, env, stdin: csv, tty: { openTerminal: terminal.open } });
    await expect.poll(() => run.stderr(), { timeout: 10_000 }).toContain('Go ahead?');
    const asked = Date.now();
    run.interrupt('SIGINT');
    const result = await run.exited;

    expect(Date.now() - asked).toBeLessThan(2_000);
    expectExit(result, 130);
    expect(result.stdout).toContain('interrupted: nothing was written, 8 rows left');
    expect(await summaryOf(reportDir)).toMatchObject({ status: 'interrupted', counts: { created: 0 } });
    expect(existsSync(join(reportDir, 'journal.jsonl'))).toBe(false);
    expect(writeRoutes(sandbox)).toEqual([]);
    expect(terminal.closed()).toBe(true);
  });

  it('--yes does not ask', async () => {
    const { sandbox, dir, env } = await setUp();
    const result = await startMain(['contacts.csv', '--yes', '--rate', '6000'], { cwd: dir, env, tty: { stdinIsTTY: true } }).exited;
    expectExit(result, 0);
    expect(result.stderr).not.toContain('[y/N]');
    expect(sandbox.customers()).toHaveLength(8);
  });
});

describe('the confirmation without a terminal', () => {
  it('never asks (CI), even with --json and a CSV on stdin', async () => {
    const { sandbox, dir, env } = await setUp();
    const result = await startMain(['-', '--json', '--rate', '6000'], { cwd: dir, env, stdin: csv }).exited;
    expectExit(result, 0);
    expect(result.stderr).not.toContain('[y/N]');
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'finished', counts: { created: 5 } });
    expect(sandbox.customers()).toHaveLength(8);
  });
});
