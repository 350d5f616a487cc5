/**
 * Messages that say what to do: help where people look for it, option errors that name the option, the
 * value and what is allowed, and setup problems (a port in use) as usage errors rather than bugs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES } from '../../src/fields/field-table.js';
import { waitUntil } from '../helpers/resume-harness.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, expectNoStack, fixture, startMain, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();
const sandboxes = useSandboxes();

describe('help', () => {
  it('`hc-import help` and `hc-import help sandbox` show help (exit 0), not "file not found"', async () => {
    const { run } = await workspace();
    const help = await run(['help']);
    expectExit(help, 0);
    expect(help.stdout).toContain('Usage: hc-import');
    const sandbox = await run(['help', 'sandbox']);
    expectExit(sandbox, 0);
    expect(sandbox.stdout).toContain('Usage: hc-import sandbox');
  });

  it('--help has examples and every field --map accepts, from the field table', async () => {
    const { run } = await workspace();
    const help = await run(['--help']);
    expectExit(help, 0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--dry-run');
    for (const field of FIELD_NAMES) expect(help.stdout).toContain(field);
    expect(help.stdout).toContain(FIELD_NAMES.join(', '));
  });
});

describe('option values', () => {
  it.each([
    { args: ['--rate', 'fast'], option: '--rate "fast"', allowed: 'a whole number of requests per minute, above 0' },
    { args: ['--concurrency', '99'], option: '--concurrency "99"', allowed: 'a whole number from 1 to 16' },
    { args: ['--max-wait', '0'], option: '--max-wait "0"', allowed: 'a number of minutes, above 0' },
    // These read "give must not be empty" / "give needs a property name" before.
    { args: ['--tag-separator', ''], option: '--tag-separator ""', allowed: 'give a separator of one or more characters' },
    {
      args: ['--hash-user-id', 'hmac-sha256', '--keep-original-id-as', ''],
      option: '--keep-original-id-as ""',
      allowed: 'give the name of a custom attribute',
    },
  ])('$args: names the option, the value and what is allowed', async ({ args, option, allowed }) => {
    const { run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', ...args]);
    expectExit(result, 2);
    expectNoStack(result);
    expect(result.stderr).toContain(option);
    expect(result.stderr).toContain(allowed);
    expect(result.stderr).not.toContain('expected number');
    expect(result.stderr.trimEnd().endsWith('see hc-import --help')).toBe(true);
  });

  it('sandbox options too, pointing at the sandbox help', async () => {
    const { run } = await workspace();
    const result = await run(['sandbox', '--fault-rate', 'lots']);
    expectExit(result, 2);
    expect(result.stderr).toContain('--fault-rate "lots"');
    expect(result.stderr).toContain('a share between 0 and 1');
    expect(result.stderr.trimEnd().endsWith('see hc-import sandbox --help')).toBe(true);
  });

  it("commander's own usage errors end with where the help is", async () => {
    const { run } = await workspace();
    const unknown = await run([fixture('bom-utf8.csv'), '--bogus']);
    expectExit(unknown, 2);
    expect(unknown.stderr.trimEnd().endsWith('see hc-import --help')).toBe(true);
    const noFile = await run([]);
    expectExit(noFile, 2);
    expect(noFile.stderr).toContain("missing required argument 'file'");
    expect(noFile.stderr.trimEnd().endsWith('see hc-import --help')).toBe(true);
  });

  it('a usage error without a hint of its own ends with where the help is', async () => {
    const { run } = await workspace();
    const result = await run([fixture('bom-utf8.csv'), '--dry-run', '--resume']);
    expectExit(result, 2);
    expect(result.stderr.trimEnd().endsWith('see hc-import --help')).toBe(true);
  });
});

describe('setup problems are not bugs', () => {
  it('sandbox --port N with the port taken: exit 2, the port is in use, try --port 0', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { run } = await workspace();
      const result = await run(['sandbox', '--port', String(port)]);
      expectExit(result, 2);
      expectNoStack(result);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is in use`);
      expect(result.stderr).toContain('--port 0');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

/** A loopback port that nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a wrong --api-url shows on the first request', () => {
  it('nothing listening: exit 2 at once, naming the host and --api-url (no minute of retries)', { timeout: 10_000 }, async () => {
    const { run } = await workspace();
    const port = await closedPort();
    const args = [fixture('bom-utf8.csv'), '--dry-run', '--report-dir', 'r', '--api-url', `http://127.0.0.1:${port}/v1`];
    const result = await run(args, { env: { HELPCRUNCH_API_KEY: 'k-123-long-key' } });
    expectExit(result, 2);
    expectNoStack(result);
    expect(result.stderr).toContain(`127.0.0.1:${port} refused the connection`);
    expect(result.stderr).toContain('--api-url');
    expect(result.stderr).not.toContain('retry');
  });

  it('a base URL without /v1 that answers 404: the hint says the path probably lacks /v1', async () => {
    const { run } = await workspace();
    const sandbox = await sandboxes();
    const bare = sandbox.url.replace(/\/v1$/, '');
    const args = [fixture('bom-utf8.csv'), '--dry-run', '--report-dir', 'r', '--api-url', bare];
    const result = await run(args, { env: { HELPCRUNCH_API_KEY: sandbox.key } });
    expectExit(result, 2);
    expect(result.stderr).toContain('404');
    expect(result.stderr).toContain(`probably lacks /v1: try --api-url ${bare}/v1`);
  });
});

describe('input that is not a CSV', () => {
  it('a binary file (NUL bytes, no UTF-16 pattern) is not a CSV: exit 3, its bytes never shown as headers', async () => {
    const { dir, run } = await workspace();
    // The start of an ELF program such as /bin/ls: a header line with NULs that are not every other byte.
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]), Buffer.from(',x\n1,2\n')]);
    await writeFile(join(dir, 'ls'), elf);
    const result = await run(['ls', '--dry-run', '--report-dir', 'r']);
    expectExit(result, 3);
    expectNoStack(result);
    expect(result.stderr).toContain('ls is not a CSV file: it holds binary data (a NUL byte at offset 7)');
    expect(result.stdout).toBe('');
  });
});

describe('a finished run that exits 4 says why', () => {
  it.each([
    { name: 'ragged-rows.csv', args: [], why: 'exit 4: 2 rows rejected: see rejects.csv (--fail-on none would exit 0)' },
    {
      name: 'duplicate-user-id.csv',
      args: [],
      why: 'exit 4: 1 duplicate: see duplicates.csv (--fail-on failures (duplicates do not count) or --fail-on none would exit 0)',
    },
    {
      name: 'ragged-rows.csv',
      args: ['--fail-on', 'failures'],
      why: 'exit 4: 2 rows rejected: see rejects.csv (--fail-on none would exit 0)',
    },
  ])('$name $args', async ({ name, args, why }) => {
    const { run } = await workspace();
    const result = await run([fixture(name), '--dry-run', '--report-dir', 'r', ...args]);
    expectExit(result, 4);
    expect(result.stdout).toContain(why);
  });

  it('a run that exits 0 has no such line', async () => {
    const { run } = await workspace();
    const result = await run([fixture('duplicate-user-id.csv'), '--dry-run', '--report-dir', 'r', '--fail-on', 'failures']);
    expectExit(result, 0);
    expect(result.stdout).not.toContain('exit 4');
  });
});

describe('commands printed back to the user', () => {
  it('an interrupted run that read stdin says to pipe the same input again', { tags: ['slow'] }, async () => {
    const { dir } = await workspace();
    const sandbox = await sandboxes();
    const stdin = await readFile(fixture('bom-utf8.csv'));
    const args = ['-', '--yes', '--rate', '60', '--report-dir', 'r'];
    const run = startMain(args, { cwd: dir, stdin, env: targetEnv(sandbox) });
    expect(await waitUntil(() => (sandbox.stats().byRoute['POST /customers'] ?? 0) >= 1, run)).toBe(true);
    run.interrupt('SIGINT');
    const result = await run.exited;
    expectExit(result, 130);
    expect(result.stderr).toContain(`To continue: hc-import - --yes --rate 60 --resume --report-dir ${join(dir, 'r')}\n`);
    expect(result.stderr).toContain('pipe the same input into that command again');
  });

  it('run through npx (npm_command=exec), the sandbox banner says npx hc-import', async () => {
    const { dir } = await workspace();
    const run = startMain(['sandbox', '--port', '0'], { cwd: dir, env: { npm_command: 'exec' } });
    expect(await waitUntil(() => run.stdout().includes('API key'), run)).toBe(true);
    run.interrupt();
    expectExit(await run.exited, 0);
    expect(run.stdout()).toContain(' npx hc-import contacts.csv)');
  });
});
