/**
 * `hc-import … | head -1`: the reader of stdout (or stderr) goes away before the run prints its end. The
 * process must not die of an unhandled EPIPE: the run ends with its own exit code, releases its report
 * folder's lock and removes the spooled copy of stdin, as when every line is read.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { BIN, minimalEnv } from './helpers/cli-run.js';

const newSandbox = useSandboxes();
const tempDir = useTempDirs();
const contacts = (rows: number): string =>
  `user_id,name,email\n${Array.from({ length: rows }, (_, i) => `u${i + 1},Name ${i + 1},u${i + 1}@example.com`).join('\n')}\n`;

describe('an output closed by its reader', () => {
  it.each(['stdout', 'stderr'] as const)(
    '%s closed at once: the run finishes, exit 0, no lock and no copy of stdin left',
    async (closed) => {
      const sandbox = await newSandbox({});
      const cwd = await tempDir();
      const spool = join(cwd, 'tmp');
      await mkdir(spool);
      const child = spawn(process.execPath, [BIN, '-', '--yes', '--report-dir', 'r', '--rate', '6000'], {
        cwd,
        env: minimalEnv(cwd, { ...targetEnv(sandbox), TMPDIR: spool }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child[closed].destroy();
      let kept = '';
      const other = closed === 'stdout' ? child.stderr : child.stdout;
      other.setEncoding('utf8').on('data', (chunk: string) => (kept += chunk));
      child.stdin.end(contacts(20));
      const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));

      expect(code, kept).toBe(0);
      expect(kept).not.toContain('EPIPE');
      expect(sandbox.customers()).toHaveLength(20);
      expect(JSON.parse(await readFile(join(cwd, 'r', 'summary.json'), 'utf8')).status).toBe('finished');
      expect(existsSync(join(cwd, 'r', '.lock'))).toBe(false);
      expect(readdirSync(spool)).toEqual([]);
    },
  );
});
