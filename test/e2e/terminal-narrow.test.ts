/**
 * The progress bar on a real terminal (a pty) narrower than the bar: every frame must fit the width (one
 * column short), or the line wraps and each redraw lands on its second row, leaving a screen of fragments;
 * and after a resize the frames follow the new width.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { runOnPty } from './helpers/pty-run.js';

const newSandbox = useSandboxes();
const tempDir = useTempDirs();
const contacts = (rows: number): string =>
  `user_id,name,email\n${Array.from({ length: rows }, (_, i) => `u${i + 1},Name ${i + 1},u${i + 1}@example.com`).join('\n')}\n`;

/** The bar's frames as drawn: what follows each carriage return, without the erase-to-end-of-line. */
const frames = (output: string): string[] =>
  output
    .split('\r')
    .map((part) => part.split('\x1b[K')[0] ?? '')
    .filter((frame) => frame.includes('░') || frame.includes('█'));

describe('the progress bar on a narrow terminal', () => {
  it.each([10, 20])('%i columns: every frame fits in one row', async (cols) => {
    const sandbox = await newSandbox({});
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), contacts(12));
    const run = runOnPty({ cwd, env: targetEnv(sandbox), args: ['contacts.csv', '--yes', '--report-dir', 'r', '--rate', '600'], cols });
    const { exitCode, output } = await run.exited;

    expect(exitCode, output).toBe(0);
    const drawn = frames(output);
    expect(drawn.length, output).toBeGreaterThan(0);
    for (const frame of drawn) expect([...frame].length, JSON.stringify(frame)).toBeLessThanOrEqual(cols - 1);
  });

  it('a resize: the frames after it fit the new width', async () => {
    const sandbox = await newSandbox({});
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), contacts(40));
    const run = runOnPty({ cwd, env: targetEnv(sandbox), args: ['contacts.csv', '--yes', '--report-dir', 'r', '--rate', '600'] });
    await run.waitFor(/\b[3-9]\/40 rows/);
    run.resize(30);
    const before = run.output().length;
    const { exitCode, output } = await run.exited;

    expect(exitCode, output).toBe(0);
    // The first frame after the resize may have been on its way already.
    const after = frames(output.slice(before)).slice(1);
    expect(after.length, output).toBeGreaterThan(0);
    for (const frame of after) expect([...frame].length, JSON.stringify(frame)).toBeLessThanOrEqual(29);
  });
});
