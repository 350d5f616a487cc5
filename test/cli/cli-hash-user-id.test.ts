/**
 * `--hash-user-id` and `hc-import hash-id` through `main` in-process, against a sandbox served by this
 * test: the ids HelpCrunch holds are the hashes `hash-id` prints, the secret (in every form it could be
 * echoed in) appears in no output and no report file, and what cannot work is refused with exit 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretForms } from '../../src/secrets/redact-secrets.js';
import { readAllReportFiles, readReportCsv, readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { type CliResult, expectExit, expectNoStack, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();
const FAST = ['--rate', '100000'];
const SECRET = 'cli-Salt/with+slash=0042';
const HASH = ['--hash-user-id', 'hmac-sha256', '--hash-secret-file', 'secret.txt'];

/**
 * Three contacts; the header of an extra column IS the secret, so the CLI prints it ("Columns not
 * imported") and summary.json lists it: both must come out redacted.
 */
const CSV = `user_id,name,email,${SECRET}\nu-1,Ann,ann@example.com,x\nu-2,Bo,bo@example.com,y\nu-3,Cy,cy@example.com,z\n`;

async function expectSecretNowhere(result: CliResult, reportDir: string): Promise<void> {
  const places: Array<[string, string]> = [['stdout', result.stdout], ['stderr', result.stderr], ...(await readAllReportFiles(reportDir))];
  expect(places.map(([name]) => name)).toEqual(expect.arrayContaining(['stdout', 'journal.jsonl', 'results.csv', 'summary.json']));
  for (const [name, text] of places) for (const form of secretForms(SECRET)) expect(text, `${name} holds ${form}`).not.toContain(form);
}

/** A workspace holding contacts.csv and secret.txt (with the line break an editor adds). */
async function prepared() {
  const space = await workspace();
  await writeFile(join(space.dir, 'contacts.csv'), CSV);
  await writeFile(join(space.dir, 'secret.txt'), `${SECRET}\n`);
  return space;
}

describe('hc-import --hash-user-id', () => {
  it('writes the hashes hash-id prints, maps them in results.csv, re-runs unchanged, and never shows the secret', async () => {
    const { dir, run } = await prepared();
    const sandbox = await sandboxFor();
    const env = targetEnv(sandbox);
    const first = await run(['contacts.csv', '--report-dir', 'first', ...HASH, ...FAST], { env });
    expectExit(first, 0);
    expect(first.stderr).toContain('Columns not imported: [redacted]');
    expect(first.stdout).toMatch(/user_ids written as hmac-sha256 hashes \(secret fingerprint [0-9a-f]{8}\)/);
    await expectSecretNowhere(first, join(dir, 'first'));

    const printed = await run(['hash-id', 'u-1', 'u-2', 'u-3', ...HASH]);
    expectExit(printed, 0);
    const hashes = new Map(
      printed.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t') as [string, string]),
    );
    expect([...hashes.keys()]).toEqual(['u-1', 'u-2', 'u-3']);
    expect(new Set(sandbox.customers().map((customer) => customer.userId))).toEqual(new Set(hashes.values()));
    const results = await readReportCsv(join(dir, 'first'), 'results.csv');
    expect(results.header).toEqual(['_line', 'user_id', 'helpcrunch_user_id', 'action', 'helpcrunch_id']);
    for (const row of results.rows) expect(row.helpcrunch_user_id).toBe(hashes.get(row.user_id ?? ''));
    const summary = await readSummary(join(dir, 'first'));
    expect(summary.options['hashUserId']).toMatchObject({ scheme: 'hmac-sha256', prefix: '' });

    sandbox.resetStats();
    const again = await run(['contacts.csv', '--report-dir', 'again', ...HASH, ...FAST], { env });
    expectExit(again, 0);
    expect(again.stdout).toContain('0 created, 0 updated, 3 unchanged, 0 failed');
    expect(Object.keys(sandbox.stats().byRoute).filter((route) => /^(PUT|POST \/customers$)/.test(route))).toEqual([]);
    await expectSecretNowhere(again, join(dir, 'again'));
  });

  it('hash-id reads the mapping file as the import does: its scheme and prefix give the hash the import writes', async () => {
    const { dir, run } = await prepared();
    const sandbox = await sandboxFor();
    await writeFile(join(dir, 'hc-import.config.json'), JSON.stringify({ hashUserId: 'sha256-salt-first', hashPrefix: 'h1_' }));
    const ids = [' u-1', 'Ünï-ид ', 'u-3'];
    await writeFile(join(dir, 'contacts.csv'), `user_id,name,email\n${ids.map((id, i) => `${id},N,e${i}@example.com`).join('\n')}\n`);
    const secretFile = ['--hash-secret-file', 'secret.txt'];
    expectExit(await run(['contacts.csv', '--report-dir', 'imp', ...secretFile, ...FAST], { env: targetEnv(sandbox) }), 0);
    const printed = await run(['hash-id', ...ids, ...secretFile]);
    expectExit(printed, 0);
    expect(printed.stderr).toContain('reading options from hc-import.config.json');
    const written = new Map(sandbox.customers().map((customer) => [customer.email, customer.userId]));
    expect(printed.stdout).toBe(ids.map((id, i) => `${id.trim()}\t${written.get(`e${i}@example.com`)}\n`).join(''));
    // A flag still wins over the file, and --no-config leaves it out.
    const bare = await run(['hash-id', 'u-3', '--no-config', '--hash-user-id', 'sha256-salt-first', ...secretFile]);
    expect(bare.stdout).toBe(`u-3\t${written.get('e2@example.com')?.slice(3)}\n`);
  });

  it('takes the secret from HC_IMPORT_HASH_SECRET, and hash-id prints the prefixed hash of the trimmed id', async () => {
    const { run } = await prepared();
    const env = { HC_IMPORT_HASH_SECRET: 'secret-but-long' };
    const fromFile = await run([
      'hash-id',
      'Message',
      '--hash-user-id',
      'sha256-salt-last',
      '--hash-prefix',
      'p_',
      '--hash-secret-file',
      'secret.txt',
    ]);
    const fromEnv = await run(['hash-id', ' Message ', '--hash-user-id', 'sha256-salt-last', '--hash-prefix', 'p_'], { env });
    expectExit(fromEnv, 0);
    // python3 -c "import hashlib; print(hashlib.sha256(b'Message' + b'secret-but-long').hexdigest())"
    expect(fromEnv.stdout).toBe('Message\tp_0bc279f4d26b88083ceee5c30a83a62d0d058e6b5cc5d56f55918e740cc9594c\n');
    expect(fromFile.stdout).not.toBe(fromEnv.stdout);
  });

  it('refuses, with exit 2 and without echoing it, a secret on the command line', async () => {
    const { dir, run } = await prepared();
    for (const args of [
      ['contacts.csv', '--dry-run', '--hash-user-id', 'hmac-sha256', '--hash-secret', 'argv-secret-1234'],
      ['hash-id', 'u-1', '--hash-user-id', 'hmac-sha256', '--hash-secret=argv-secret-1234'],
    ]) {
      const result = await run(args);
      expectExit(result, 2);
      expectNoStack(result);
      expect(result.stderr).toContain('never taken from the command line');
      expect(result.stdout + result.stderr).not.toContain('argv-secret-1234');
    }
    expect(await readFile(join(dir, 'contacts.csv'), 'utf8')).toBe(CSV);
  });

  it.each([
    ['no secret at all', ['--hash-user-id', 'hmac-sha256'], /needs the hashing secret/],
    [
      'a missing file',
      ['--hash-user-id', 'hmac-sha256', '--hash-secret-file', 'nope.txt'],
      /Cannot read the hashing secret file nope\.txt/,
    ],
    ['a companion flag alone', ['--hash-prefix', 'h_'], /--hash-prefix only works with --hash-user-id/],
    ['an unknown scheme', ['--hash-user-id', 'md5'], /hash-user-id/],
  ])('exits 2 on %s', async (_, flags, message) => {
    const { run } = await prepared();
    const result = await run(['contacts.csv', '--dry-run', '--report-dir', '-', ...flags]);
    expectExit(result, 2);
    expect(result.stderr).toMatch(message);
    expectNoStack(result);
  });

  it('refuses to resume a run with another secret, saying so; the same secret resumes', async () => {
    const { dir, run } = await prepared();
    const sandbox = await sandboxFor();
    const env = targetEnv(sandbox);
    expectExit(await run(['contacts.csv', '--report-dir', 'report', ...HASH, ...FAST], { env }), 0);
    // An unfinished run: the same journal without its last line.
    const journalPath = join(dir, 'report', 'journal.jsonl');
    const journal = (await readFile(journalPath, 'utf8')).replace(/\{"type":"finished"[^\n]*\n$/, '');
    await writeFile(journalPath, journal);

    await writeFile(join(dir, 'other.txt'), 'another-secret-value\n');
    const other = ['--hash-user-id', 'hmac-sha256', '--hash-secret-file', 'other.txt'];
    const refused = await run(['contacts.csv', '--report-dir', 'report', '--resume', ...other, ...FAST], { env });
    expectExit(refused, 2);
    expect(refused.stderr).toMatch(/Cannot resume .*: the hashing secret differs\./);
    expect(await readFile(journalPath, 'utf8')).toBe(journal);

    const resumed = await run(['contacts.csv', '--report-dir', 'report', '--resume', ...HASH, ...FAST], { env });
    expectExit(resumed, 0);
    expect(sandbox.customers()).toHaveLength(3);
  });
});

// The original id and a column sent as the same custom attribute: one value was silently overwritten.
describe('--keep-original-id-as and a custom column sent as the same attribute', () => {
  const WITH_ORIG = 'user_id,name,email,Legacy ID,orig\nu-1,Ann,ann@example.com,L-1,o-1\n';
  const cases = [
    { how: '--custom Header=property', args: ['--custom', 'Legacy ID=orig'], names: '--custom "Legacy ID=orig"' },
    { how: '--custom Header', args: ['--custom', 'orig'], names: '--custom "orig"' },
    { how: '--custom-rest', args: ['--custom-rest'], names: '--custom-rest (the column "orig")' },
  ];
  for (const { how, args, names } of cases) {
    it(`${how}: a usage error (exit 2) naming both, before anything is sent`, async () => {
      const { dir, run } = await prepared();
      await writeFile(join(dir, 'contacts.csv'), WITH_ORIG);
      const sandbox = await sandboxFor();
      const result = await run(['contacts.csv', '--report-dir', 'r', ...HASH, '--keep-original-id-as', 'orig', ...args, ...FAST], {
        env: targetEnv(sandbox),
      });
      expectExit(result, 2);
      expectNoStack(result);
      expect(result.stderr).toContain(`--keep-original-id-as "orig" and ${names} both set the custom attribute "orig"`);
      expect(sandbox.customers()).toEqual([]);
      expect(sandbox.stats().byRoute).toEqual({});
    });
  }

  it('another property name is fine: both values arrive', async () => {
    const { dir, run } = await prepared();
    await writeFile(join(dir, 'contacts.csv'), WITH_ORIG);
    const sandbox = await sandboxFor();
    const result = await run(
      ['contacts.csv', '--report-dir', 'r', ...HASH, '--keep-original-id-as', 'original_id', '--custom-rest', ...FAST],
      {
        env: targetEnv(sandbox),
      },
    );
    expectExit(result, 0);
    expect(sandbox.customers()[0]?.customData).toMatchObject({ original_id: 'u-1', orig: 'o-1', 'Legacy ID': 'L-1' });
  });
});
