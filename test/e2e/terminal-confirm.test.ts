/**
 * Issue 10 on a real terminal (a pty): the question is asked with the CSV as an argument and on stdin
 * (answered on /dev/tty), "y" writes and "n" does not, Ctrl-C at the question ends the run at once, and a
 * Ctrl-C during the progress bar leaves a screen where nothing is printed over anything else.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes, writeRoutes } from '../helpers/sandboxes.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { runOnPty } from './helpers/pty-run.js';
import { renderScreen } from './helpers/screen.js';

const newSandbox = useSandboxes();
const tempDir = useTempDirs();

const stored = [1, 2, 3].map((i) => ({ userId: `u${i}`, name: `Name ${i}`, email: `u${i}@example.com` }));
const contacts = (rows: number): string =>
  `user_id,name,email\n${Array.from({ length: rows }, (_, i) => `u${i + 1},Name ${i + 1},u${i + 1}@example.com`).join('\n')}\n`;

async function setUp(rows = 8) {
  const sandbox = await newSandbox({ customers: stored });
  const cwd = await tempDir();
  await writeFile(join(cwd, 'contacts.csv'), contacts(rows));
  return { sandbox, cwd, env: targetEnv(sandbox) };
}

const QUESTION = /Go ahead\? \[y\/N\] $/;

describe('the confirmation on a terminal', () => {
  it.each([
    ['as an argument', 'y', 0, 5, ['contacts.csv'], undefined],
    ['as an argument', 'n', 130, 0, ['contacts.csv'], undefined],
    ['on stdin, answered on /dev/tty', 'y', 0, 5, ['-'], 'contacts.csv'],
    ['on stdin, answered on /dev/tty', 'n', 130, 0, ['-'], 'contacts.csv'],
  ])('the CSV %s, answer "%s": exit %i, %i created', async (_, answer, code, created, args, stdinFrom) => {
    const { sandbox, cwd, env } = await setUp();
    const run = runOnPty({ cwd, env, args: [...args, '--report-dir', 'r', '--rate', '6000'], stdinFrom });
    await run.waitFor(QUESTION);
    expect(run.output()).toContain(`Write to ${new URL(sandbox.url).host} (3 customers there now): 5 to create, 0 to update, 3 unchanged`);
    run.type(`${answer}\r`);
    const { exitCode, output } = await run.exited;

    expect(exitCode, output).toBe(code);
    expect(sandbox.customers()).toHaveLength(3 + created);
    if (answer === 'n') {
      expect(output).toContain('not confirmed: nothing was written');
      expect(output).not.toContain('--resume');
      expect(existsSync(join(cwd, 'r', 'journal.jsonl'))).toBe(false);
    }
  });

  it('Ctrl-C at the question ends the run at once: nothing written, no journal, a summary that says so', async () => {
    const { sandbox, cwd, env } = await setUp();
    const run = runOnPty({ cwd, env, args: ['-', '--report-dir', 'r'], stdinFrom: 'contacts.csv' });
    await run.waitFor(QUESTION);
    const asked = Date.now();
    run.type('\x03');
    const { exitCode, output } = await run.exited;

    expect(Date.now() - asked, output).toBeLessThan(5_000);
    expect(exitCode, output).toBe(130);
    expect(output).toContain('interrupted: nothing was written, 8 rows left');
    expect(writeRoutes(sandbox)).toEqual([]);
    expect(existsSync(join(cwd, 'r', 'journal.jsonl'))).toBe(false);
    expect(existsSync(join(cwd, 'r', 'summary.json'))).toBe(true);
  });
});

describe('Ctrl-C during the progress bar', () => {
  it('leaves the bar, the Ctrl-C line and the summary each on lines of their own', async () => {
    const { cwd, env } = await setUp(63);
    // 60 creates at 300 a minute: the bar runs for about 12 s.
    const run = runOnPty({ cwd, env, args: ['contacts.csv', '--yes', '--report-dir', 'r', '--rate', '300'] });
    await run.waitFor(/\b[5-9]\/63\b/);
    run.type('\x03');
    const { exitCode, output } = await run.exited;
    const screen = renderScreen(output);

    expect(exitCode, output).toBe(130);
    const sigint = screen.findIndex((line) => line.startsWith('SIGINT: finishing the requests in flight'));
    const summary = screen.findIndex((line) => line.startsWith('Import interrupted: contacts.csv'));
    expect(sigint, screen.join('\n')).toBeGreaterThan(0);
    expect(summary, screen.join('\n')).toBeGreaterThan(sigint);
    // The bar stopped above the Ctrl-C line, and nothing after it is a bar.
    expect(screen[sigint - 2]).toMatch(/\/63\b/);
    expect(screen.slice(sigint).some((line) => /\/63\b/.test(line))).toBe(false);
    expect(screen[summary + 1]).toMatch(/rows 63: 63 valid/);
    expect(output).toMatch(/interrupted with \d+ rows left/);
  });
});
