/**
 * A journal the disk will not take (full, over a quota or a file size limit) stops the run at once: no
 * request goes out without its journal line, the run says so plainly (exit 2, naming the journal, no stack),
 * and what it leaves is resumable. A real process under the shell's file size limit (`ulimit -f`), where
 * Node's writes fail with EFBIG (or are cut short) as they would with ENOSPC on a full disk.
 */
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/journal/read-journal.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { expectWellFormedJournal, importArgs, readSummary, waitForOutcomes } from '../helpers/resume-harness.js';
import { BIN, collect, expectNoStack } from './helpers/cli-run.js';
import { spawnImport } from './helpers/spawn-import.js';

const tempDir = useTempDirs();
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

const ROWS = 1500;

describe('a journal that cannot be written', () => {
  it('stops the run at once with exit 2, sends nothing unjournalled, and the resume completes', async () => {
    // New customers with little in them: the journal's lines per write outgrow the spilled rows.
    const ids = Array.from({ length: ROWS }, (_, i) => `u${i}`);
    const sandbox = await startSandbox({ rate: Infinity, latencyMs: 2 });
    sandboxes.push(sandbox);
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), `user_id,name,email\n${ids.map((id) => `${id},N,${id}@x.io`).join('\n')}\n`);
    const reportDir = join(cwd, 'report');
    const env = {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      HOME: cwd,
      HELPCRUNCH_API_URL: sandbox.url,
      HELPCRUNCH_API_KEY: sandbox.key,
    };
    const args = importArgs(reportDir, ['--resume'], 600_000);
    // A first run stopped by Ctrl-C leaves a journal of most rows; its resume appends to it on a disk that
    // takes only a few KB more (the resume's own spills, of the rows left, stay far below that).
    const first = spawnImport({ cwd, sandbox, args: importArgs(reportDir, [], 600_000) });
    expect(await waitForOutcomes(reportDir, 1100, first), 'the first run finished before the signal').toBe(true);
    first.kill('SIGINT');
    expect((await first.exited).code, first.stderr()).toBe(130);
    const journalPath = join(reportDir, 'journal.jsonl');
    const LIMIT_BLOCKS = Math.ceil((await stat(journalPath)).size / 512) + 16;
    const child = spawn('sh', ['-c', `ulimit -f ${LIMIT_BLOCKS} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd, env });
    child.stdin.end();
    const result = await collect(child);
    expect(result.code, result.stderr).toBe(2);
    expectNoStack(result);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain(`Cannot write ${journalPath}`);
    expect(result.stderr).toMatch(/EFBIG|cut short/);
    expect(result.stderr).toMatch(/^To continue: /m);
    expect((await stat(journalPath)).size, 'the journal reached the limit').toBeGreaterThan((LIMIT_BLOCKS - 2) * 512);
    expect((await readSummary(reportDir)).status).toBe('stopped');

    // Every create the sandbox took has its intent in the journal, which is whole (no torn line left).
    const text = await readFile(journalPath, 'utf8');
    expectWellFormedJournal(text);
    expect(text.endsWith('\n')).toBe(true);
    const intents = text.split('\n').filter((line) => line.startsWith('{"type":"intent","action":"create"')).length;
    const creates = sandbox.stats().byRoute['POST /customers'] ?? 0;
    expect(creates).toBeGreaterThan(0);
    expect(creates, 'creates sent without an intent').toBeLessThanOrEqual(intents);
    expect((await readJournal(journalPath))?.finished).toBe(false);

    // With the limit lifted, --resume finishes the import: every row once, none created twice.
    const resumed = spawnImport({ cwd, sandbox, args: importArgs(reportDir, ['--resume'], 600_000) });
    expect((await resumed.exited).code, resumed.stderr()).toBe(0);
    const summary = await readSummary(reportDir);
    expect(summary.counts).toMatchObject({ valid: ROWS, created: ROWS, failed: 0 });
    expect(sandbox.customers()).toHaveLength(ROWS);
    expect(sandbox.stats().byRoute['POST /customers']).toBe(ROWS);
  });
});
