/**
 * Ctrl-C while the client waits out a long Retry-After must end the run at once: the wait's timer is
 * cancelled by the abort, so nothing keeps the process alive until the old timer fires (or the bin's
 * 15 s guard kills it).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';
import { collect, spawnCli } from './helpers/cli-run.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';

const tempDir = useTempDirs();
const sandboxFor = useSandboxes();

describe('SIGINT during a retry backoff', () => {
  it('exits 130 within 2 s of the signal', async () => {
    // One request a minute, already spent: the import's first request gets a 429 with Retry-After 60.
    const sandbox = await sandboxFor({ rate: 1, windowMs: 60_000 });
    await fetch(`${sandbox.url}/customers?offset=0&limit=1`, { headers: { authorization: `Bearer ${sandbox.key}` } });
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), 'user_id,name,email\nu1,Ann,ann@example.com\n');

    const child = spawnCli(['contacts.csv', '--yes', '--report-dir', 'report'], { cwd, env: targetEnv(sandbox) });
    const done = collect(child);
    let stderr = '';
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (!stderr.includes('retrying ')) return;
        clearInterval(poll);
        resolve();
      }, 10);
      void done.then((result) => {
        clearInterval(poll);
        reject(new Error(`exited before backing off:\n${result.stderr}`));
      });
    });
    expect(stderr).toMatch(/retrying lookup \(2\/\d+\) in (5\d|60) s/);

    const signalledAt = Date.now();
    child.kill('SIGINT');
    const result = await done;
    const ms = Date.now() - signalledAt;

    expect(result.code, result.stderr).toBe(130);
    expect(ms).toBeLessThan(2_000);
  });
});
