/**
 * The CLI, run in-process against a local server that echoes the API key back in every encoding it
 * commonly takes (PHP-escaped JSON, URL-encoded, base64 of the Authorization header): no form of the key
 * may reach stdout, stderr or any file of the report folder.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { secretForms } from '../../src/secrets/redact-secrets.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const KEYS = ['abc/def+ghi=', 'q"uo\\te"s\\x', randomBytes(30).toString('base64')];
/** `refuse-all`: every request gets a 401. `refuse-writes`: lookups find nobody, every write gets a 400. */
type Mode = 'refuse-all' | 'refuse-writes';
const FLAG_SETS = [[], ['--debug'], ['--json'], ['--json', '--debug']];

const tempDir = useTempDirs();
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** An error body that quotes the key raw, URL-encoded and as base64 of its header, written the PHP way (`\/`). */
function echoBody(key: string): string {
  const body = JSON.stringify({
    errors: [
      { code: 'invalid_request', message: `Rejected ${key}` },
      {
        code: `bad_key_${key}`,
        message: `Token ${key} (${encodeURIComponent(key)}, ${Buffer.from(`Bearer ${key}`).toString('base64')}) is not valid`,
      },
    ],
  });
  return body.replaceAll('/', '\\/');
}

async function startEchoServer(key: string, mode: Mode): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const lookup = request.method === 'GET' || request.url?.includes('/search') === true;
      const ok = mode === 'refuse-writes' && lookup;
      response.writeHead(ok ? 200 : mode === 'refuse-all' ? 401 : 400, { 'content-type': 'application/json' });
      response.end(ok ? JSON.stringify({ data: [], total: 0 }) : echoBody(key));
    });
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Two valid rows (sent, refused) and one rejected row whose extra cell holds the key itself. */
function inputCsv(key: string): string {
  const quoted = `"${key.replaceAll('"', '""')}"`;
  return `user_id,name,email,note\nu1,Ann,a@example.com,x\nu2,Bob,b@example.com,y\nu3,Cy,not-an-email,${quoted}\n`;
}

async function runCli(key: string, mode: Mode, flags: readonly string[]): Promise<{ exitCode: number; outputs: Record<string, string> }> {
  const cwd = await tempDir();
  const reportDir = join(cwd, 'report');
  await writeFile(join(cwd, 'contacts.csv'), inputCsv(key));
  const stdout = capture();
  const stderr = capture();
  const env = { HELPCRUNCH_API_KEY: key, HELPCRUNCH_API_URL: await startEchoServer(key, mode), NO_COLOR: '1' };
  const argv = ['contacts.csv', '--yes', '--rate', '100000', '--report-dir', reportDir, ...flags];
  const io = ioFor(cwd, env, stdout, stderr);
  const exitCode = await main(argv, io);
  const outputs: Record<string, string> = { stdout: stdout.text(), stderr: stderr.text() };
  for (const name of await readdir(reportDir)) outputs[name] = await readFile(join(reportDir, name), 'utf8');
  return { exitCode, outputs };
}

/** The CLI's io for `main`: captured output, no stdin, a signal nobody aborts. */
function ioFor(cwd: string, env: Record<string, string>, stdout: ReturnType<typeof capture>, stderr: ReturnType<typeof capture>) {
  return {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from([]),
    env,
    cwd,
    signal: new AbortController().signal,
    pid: process.pid,
    isProcessAlive: () => true,
  };
}

describe('an API key echoed back in any encoding', () => {
  const modes = ['refuse-all', 'refuse-writes'] as const;
  const cases = KEYS.flatMap((key) => modes.flatMap((mode) => FLAG_SETS.map((flags) => [key, mode, flags] as const)));

  it.each(cases)('key %j, %s, flags %j: nowhere in the output or the report', async (key, mode, flags) => {
    const { exitCode, outputs } = await runCli(key, mode, flags);
    expect(exitCode).not.toBe(0);
    // The echoes reached the sinks the test means to check, so their absence below is not an accident.
    expect(outputs['rejects.csv']).toContain('[redacted]');
    if (mode === 'refuse-writes') {
      expect(outputs['failures.csv']).toContain('[redacted]');
      expect(outputs['journal.jsonl']).toMatch(/"type":"failed".*\[redacted\]/);
    }
    if (flags.includes('--debug') && mode === 'refuse-all') expect(outputs.stderr).toMatch(/cause: ApiError.*\[redacted\]/);
    for (const [name, text] of Object.entries(outputs)) {
      for (const form of secretForms(key)) expect(text, `${name} holds ${form}`).not.toContain(form);
    }
  });
});

describe('an error that quotes the key before any request', () => {
  const cases = KEYS.flatMap(
    (key) =>
      [
        [key, []],
        [key, ['--json']],
      ] as const,
  );
  it.each(cases)('key %j, flags %j: redacted on stdout and stderr', async (key, flags) => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'contacts.csv'), inputCsv(key));
    const stdout = capture();
    const stderr = capture();
    const env = { HELPCRUNCH_API_KEY: key, NO_COLOR: '1' };
    const io = ioFor(cwd, env, stdout, stderr);
    // A usage error quotes the bad value; here, by mistake, the key (a wrapped stream is the only defence).
    const exitCode = await main(['contacts.csv', '--delimiter', key, ...flags], io);
    expect(exitCode).toBe(2);
    expect(stderr.text()).toContain('[redacted]');
    for (const text of [stdout.text(), stderr.text()]) {
      for (const form of secretForms(key)) expect(text).not.toContain(form);
    }
  });
});
