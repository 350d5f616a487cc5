/**
 * An answer typed before the question appears ("y" and Enter during the scan) waits in the terminal's buffer:
 * it must not answer a question the person has not seen. The question is still asked, and answered by what is
 * typed after it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes, writeRoutes } from '../helpers/sandboxes.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { runOnPty } from './helpers/pty-run.js';

const newSandbox = useSandboxes();
const tempDir = useTempDirs();
const contacts = `user_id,name,email\n${Array.from({ length: 8 }, (_, i) => `u${i + 1},Name ${i + 1},u${i + 1}@example.com`).join('\n')}\n`;

describe('an answer typed before the question', () => {
  it.each([
    ['as an argument', ['contacts.csv'], undefined],
    ['on stdin, answered on /dev/tty', ['-'], 'contacts.csv'],
  ])('the CSV %s: "y" typed early writes nothing; the "n" typed after the question is the answer', async (_, args, stdinFrom) => {
    const sandbox = await newSandbox({});
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), contacts);
    const run = runOnPty({ cwd, env: targetEnv(sandbox), args: [...args, '--report-dir', 'r'], stdinFrom });
    run.type('y\r');
    await run.waitFor(/Go ahead\? \[y\/N\] $/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(writeRoutes(sandbox)).toEqual([]);
    run.type('n\r');
    const { exitCode, output } = await run.exited;

    expect(exitCode, output).toBe(130);
    expect(output).toContain('not confirmed: nothing was written');
    expect(writeRoutes(sandbox)).toEqual([]);
  });
});

describe('EOF at the question', () => {
  it('Ctrl-D on the terminal is a no: nothing written, not-confirmed, no hang', async () => {
    const sandbox = await newSandbox({});
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), contacts);
    const run = runOnPty({ cwd, env: targetEnv(sandbox), args: ['-', '--report-dir', 'r'], stdinFrom: 'contacts.csv' });
    await run.waitFor(/Go ahead\? \[y\/N\] $/);
    run.type('\x04');
    const { exitCode, output } = await run.exited;

    expect(exitCode, output).toBe(130);
    expect(output).toContain('not confirmed: nothing was written');
    expect(writeRoutes(sandbox)).toEqual([]);
  });
});
