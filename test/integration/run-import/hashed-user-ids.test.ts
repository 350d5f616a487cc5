/**
 * `--hash-user-id` through the whole core against the sandbox: what HelpCrunch ends up holding is the hash
 * the site sends to the widget, a re-run finds every row unchanged, the reports map each original id to
 * the id written, no file the run leaves holds the secret in any form, and a resume with another secret is
 * refused.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../src/core/run-config.js';
import { runImport } from '../../../src/core/run-import.js';
import { hashUserId, type UserIdHashing } from '../../../src/rows/hash-user-id.js';
import { secretForms } from '../../../src/secrets/redact-secrets.js';
import { contactsCsv, csvOf, expectReconciled, readReports, useImportHarness, writesSeen } from './harness.js';

const harness = useImportHarness();

/** `/` and `+` so the JSON-escaped and base64 forms differ from the plain one. */
const SECRET = 'hc-test/salt+0123456789';
const hashing: UserIdHashing = { scheme: 'hmac-sha256', secret: SECRET, prefix: '' };
const hashed = (id: string): string => hashUserId(hashing, id);

/** Every form of the secret found in any file of the report folder (the journal included), by file. */
async function secretsLeft(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir)) {
    const text = await readFile(join(dir, name), 'utf8');
    for (const form of secretForms(secret)) if (text.includes(form)) found.push(`${name}: ${form}`);
  }
  return found;
}

describe('runImport with --hash-user-id', () => {
  it('stores the hashed ids, maps them in results.csv, re-runs unchanged and leaves the secret nowhere', async () => {
    const sandbox = await harness.sandbox();
    // A rejected row that carries the secret: rejects.csv repeats its cells, so they must be redacted.
    const csv = `${contactsCsv(12)}bad-1,${SECRET},not-an-email\n`;
    const config: Partial<RunConfig> = { hashUserId: hashing };
    const first = await harness.run(sandbox, csv, { config });

    expect(first.exitCode).toBe(4);
    expect(first.reports.summary.counts).toMatchObject({ valid: 12, rejected: 1, created: 12 });
    expectReconciled(first, sandbox);
    // python3 -c "import hmac,hashlib; print(hmac.new(b'hc-test/salt+0123456789', b'u-1', hashlib.sha256).hexdigest())"
    expect(hashed('u-1')).toBe('3bfca5b95150b21b0b71c4718266af780aaf93dd2d8308ad35b9e58d4abf55ee');
    const stored = new Map(sandbox.customers().map((customer) => [customer.userId, customer.name]));
    expect([...stored.keys()].sort()).toEqual(Array.from({ length: 12 }, (_, i) => hashed(`u-${i}`)).sort());
    expect(stored.get(hashed('u-3'))).toBe('Name 3');
    for (const row of first.reports.results) expect(row['helpcrunch_user_id']).toBe(hashed(row['user_id'] ?? ''));
    expect(first.reports.results.map((row) => row['user_id']).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `u-${i}`).sort());
    expect(first.reports.rejects[0]?.['name']).toBe('[redacted]');
    expect(first.reports.summary.options['hashUserId']).toEqual({
      scheme: 'hmac-sha256',
      prefix: '',
      secretFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/),
      keepOriginalIdAs: null,
    });
    expect(await secretsLeft(first.reportDir, SECRET)).toEqual([]);

    const before = writesSeen(sandbox);
    const again = await harness.run(sandbox, csv, { config });
    expect(writesSeen(sandbox) - before).toBe(0);
    expect(again.reports.summary.counts).toMatchObject({ valid: 12, unchanged: 12, created: 0, updated: 0 });
    expect(await secretsLeft(again.reportDir, SECRET)).toEqual([]);
  });

  it('validates and dedupes on the original id, and keeps it as a custom attribute when asked', async () => {
    const sandbox = await harness.sandbox();
    const csv = csvOf(
      ['user_id', 'name', 'email'],
      [
        ['u-1', 'Ann', 'ann@example.com'],
        ['u-2', 'Bo', 'bo@example.com'],
        ['u-1', 'Ann again', 'ann2@example.com'],
      ],
    );
    const config: Partial<RunConfig> = { hashUserId: { ...hashing, prefix: 'h1_', keepOriginalIdAs: 'site_user_id' } };
    const run = await harness.run(sandbox, csv, { config });

    expect(run.reports.duplicates).toEqual([expect.objectContaining({ user_id: 'u-1', _line: '4', _kept_line: '2' })]);
    const customers = sandbox.customers();
    expect(customers.map((customer) => customer.userId).sort()).toEqual([`h1_${hashed('u-1')}`, `h1_${hashed('u-2')}`].sort());
    for (const customer of customers) expect(`h1_${hashed(String(customer.customData['site_user_id']))}`).toBe(customer.userId);

    const before = writesSeen(sandbox);
    const again = await harness.run(sandbox, csv, { config });
    expect(writesSeen(sandbox) - before).toBe(0);
    expect(again.reports.summary.counts.unchanged).toBe(2);
  });

  it('refuses to resume with another secret (it says so), and completes with the same one', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 5 });
    const csv = contactsCsv(40);
    const config: Partial<RunConfig> = { hashUserId: hashing, concurrency: 1 };
    const interrupted = await harness.run(sandbox, csv, {
      config,
      listen: (event, controller) => {
        if (event.type === 'write' && event.done === 5) controller.abort();
      },
    });
    expect(interrupted.reports.summary.status).toBe('interrupted');
    const journal = await readFile(join(interrupted.reportDir, 'journal.jsonl'), 'utf8');

    const other = await harness.prepare(sandbox, csv, {
      reportDir: interrupted.reportDir,
      config: { ...config, resume: true, hashUserId: { ...hashing, secret: 'another-secret-value' } },
    });
    await expect(runImport(other.config, other.deps)).rejects.toThrow(
      expect.objectContaining({ code: 'HCI_RESUME_MISMATCH', exitCode: 2, message: expect.stringContaining('the hashing secret differs') }),
    );
    expect(await readFile(join(interrupted.reportDir, 'journal.jsonl'), 'utf8')).toBe(journal);

    const resumed = await harness.run(sandbox, csv, { reportDir: interrupted.reportDir, config: { ...config, resume: true } });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.reports.summary.counts).toMatchObject({ valid: 40, created: 40 });
    expect(new Set(sandbox.customers().map((customer) => customer.userId))).toEqual(
      new Set(Array.from({ length: 40 }, (_, i) => hashed(`u-${i}`))),
    );
    expect((await readReports(resumed.reportDir)).results.every((row) => row['helpcrunch_user_id'] === hashed(row['user_id'] ?? ''))).toBe(
      true,
    );
  });
});
