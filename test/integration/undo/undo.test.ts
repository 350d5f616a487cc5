import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError } from '../../../src/api/api-errors.js';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import type { ClosableApi, Target } from '../../../src/core/run-config.js';
import type { JournalEntry } from '../../../src/journal/journal.js';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { call } from '../sandbox/sandbox-http.js';
import { csvOf, readJournalEntries, richCustomer, useImportHarness } from '../run-import/harness.js';
import { readUndone, undo, undoFolders } from './undo-harness.js';

const harness = useImportHarness();

/** Three rich customers (tags, custom attributes) and two plain ones. */
const seed = (): Record<string, unknown>[] => [richCustomer(1), richCustomer(2), richCustomer(3), { userId: 'u-4', name: 'Name 4' }];

/** Updates u-1 and u-2, leaves u-3 as it is, creates u-10 and u-11. */
const mixedCsv = csvOf(
  ['user_id', 'name', 'email'],
  [
    ['u-1', 'Renamed 1', 'n1@example.com'],
    ['u-2', 'Name 2', 'new2@example.com'],
    ['u-3', 'Name 3', 'n3@example.com'],
    ['u-10', 'New 10', 'n10@example.com'],
    ['u-11', 'New 11', 'n11@example.com'],
  ],
);

/** What the undo's rows came to, `user_id → action`. */
async function actions(dir: string | null): Promise<Record<string, string>> {
  return Object.fromEntries((await readUndone(dir ?? '')).map((row) => [row['user_id'], row['action']]));
}

const idOf = (sandbox: Sandbox, userId: string): number => sandbox.customers().find((c) => c.userId === userId)?.id ?? -1;

/** An agent's edit after the run: PATCH changes only the name. */
async function agentEdits(sandbox: Sandbox, userId: string): Promise<void> {
  expect((await call(sandbox, 'PATCH', `/customers/${idOf(sandbox, userId)}`, { name: 'Edited by an agent' })).status).toBe(200);
}

/** Writes (deletes and batches) the sandbox saw. */
const writes = (sandbox: Sandbox): number => {
  const { byRoute } = sandbox.stats();
  return (byRoute['DELETE /customers/:id'] ?? 0) + (byRoute['PUT /customers/batch'] ?? 0);
};

describe('undo against the sandbox', () => {
  it('puts a mixed run back exactly: updated customers restored whole, created ones deleted, within C + ⌈U/10⌉ + lookups', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, mixedCsv);
    expect(run.summary.counts).toMatchObject({ created: 2, updated: 2, unchanged: 1 });
    expect(sandbox.customers()).not.toEqual(before);
    sandbox.resetStats();

    const result = await undo(sandbox, run.reportDir);

    expect(sandbox.customers()).toEqual(before);
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatchObject({ status: 'finished', touched: 4, counts: { restored: 2, deleted: 2, kept: 0, failed: 0 } });
    const { byRoute, requests } = sandbox.stats();
    expect(byRoute['DELETE /customers/:id']).toBe(2);
    expect(byRoute['PUT /customers/batch']).toBe(1);
    expect(requests).toBe(2 + 1 + result.summary.requests.byKind.lookup);
    expect(result.summary.requests.total).toBe(requests);
    // Deletes are counted as deletes, not with the restores (one batch update).
    expect(result.summary.requests.byKind).toMatchObject({ create: 0, update: 1, delete: 2 });
    const undone = await readUndone(result.summary.reportDir ?? '');
    expect(undone.map((row) => [row['_line'], row['user_id'], row['action']])).toEqual([
      ['2', 'u-1', 'restored'],
      ['3', 'u-2', 'restored'],
      ['5', 'u-10', 'deleted'],
      ['6', 'u-11', 'deleted'],
    ]);
  });

  it('keeps a customer changed since the run, exits 4, and --force restores an update but never forces a delete', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, mixedCsv);
    await agentEdits(sandbox, 'u-1');
    await agentEdits(sandbox, 'u-10');
    const edited = sandbox.customers().filter((c) => c.userId === 'u-1' || c.userId === 'u-10');

    const first = await undo(sandbox, run.reportDir);
    expect(first.exitCode).toBe(4);
    expect(first.summary.counts).toMatchObject({ restored: 1, deleted: 1, kept: 2 });
    expect(await actions(first.summary.reportDir)).toEqual({ 'u-1': 'kept', 'u-2': 'restored', 'u-10': 'kept', 'u-11': 'deleted' });
    expect(sandbox.customers().filter((c) => c.userId === 'u-1' || c.userId === 'u-10')).toEqual(edited);

    const forced = await undo(sandbox, run.reportDir, { config: { force: true } });
    expect(await actions(forced.summary.reportDir)).toEqual({
      'u-1': 'restored',
      'u-2': 'already_undone',
      'u-10': 'kept',
      'u-11': 'already_undone',
    });
    expect(forced.exitCode).toBe(4);
    expect(sandbox.customers().find((c) => c.userId === 'u-1')).toEqual(before.find((c) => c.userId === 'u-1'));
  });

  it('a second undo finds everything already undone and exits 0; a dry run writes nothing', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const run = await harness.run(sandbox, mixedCsv);
    sandbox.resetStats();
    const dry = await undo(sandbox, run.reportDir, { config: { dryRun: true } });
    expect(dry.summary).toMatchObject({ status: 'dry-run', reportDir: null, plan: { restore: 2, delete: 2, keep: 0 } });
    expect(writes(sandbox)).toBe(0);
    await undo(sandbox, run.reportDir);
    const again = await undo(sandbox, run.reportDir);
    expect(again.exitCode).toBe(0);
    expect(again.summary.counts).toMatchObject({ already_undone: 4 });
    expect(await undoFolders(run.reportDir)).toHaveLength(2);
  });

  it('an undo stopped mid-way resumes and finishes, sending no write twice', async () => {
    const sandbox = await harness.sandbox({ customers: Array.from({ length: 25 }, (_, i) => richCustomer(i)) });
    const before = sandbox.customers();
    const rows = Array.from({ length: 30 }, (_, i) => [`u-${i}`, `Renamed ${i}`, `n${i}@example.com`]);
    const run = await harness.run(sandbox, csvOf(['user_id', 'name', 'email'], rows));
    expect(run.summary.counts).toMatchObject({ created: 5, updated: 25 });
    sandbox.resetStats();
    const controller = new AbortController();
    // The signal aborts right after the first restore batch lands: the pool takes no further job.
    const connect = (t: { baseUrl: string; apiKey: string }) => {
      const client = createHelpCrunchClient(t);
      return {
        ...client,
        batchUpdate: (items: Parameters<typeof client.batchUpdate>[0]) => client.batchUpdate(items).finally(() => controller.abort()),
      };
    };
    const stopped = await undo(sandbox, run.reportDir, { controller, config: { concurrency: 1 }, deps: { connect } });
    expect(stopped.summary.status).toBe('interrupted');
    expect(stopped.exitCode).toBe(130);
    expect(stopped.summary.counts.restored).toBe(10);
    await expect(undo(sandbox, run.reportDir)).rejects.toThrow(/did not finish/);

    const resumed = await undo(sandbox, run.reportDir, { config: { resume: true } });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.summary.reportDir).toBe(stopped.summary.reportDir);
    expect(resumed.summary.counts).toMatchObject({ restored: 25, deleted: 5 });
    expect(sandbox.customers()).toEqual(before);
    expect(writes(sandbox)).toBe(5 + 3);
    expect(await readUndone(resumed.summary.reportDir ?? '')).toHaveLength(30);
  });

  it('an undo whose journal was cut short resumes: writes it had in flight and finds done count as its own', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, mixedCsv);
    const done = await undo(sandbox, run.reportDir);
    const dir = done.summary.reportDir ?? '';
    // A kill -9 right after the intents went out: no settled line, no finish, no report files.
    const journal = (await readFile(join(dir, 'journal.jsonl'), 'utf8')).split('\n').filter((line) => /undo-header|intent/.test(line));
    await writeFile(join(dir, 'journal.jsonl'), `${journal.join('\n')}\n`);
    await rm(join(dir, 'undone.csv'));
    await rm(join(dir, 'summary.json'));

    const resumed = await undo(sandbox, run.reportDir, { config: { resume: true } });
    expect(resumed.exitCode).toBe(0);
    expect(await actions(dir)).toEqual({ 'u-1': 'restored', 'u-2': 'restored', 'u-10': 'deleted', 'u-11': 'deleted' });
    expect(sandbox.customers()).toEqual(before);
  });

  it('undoes what an interrupted run confirmed, and its in-flight creates once the lookup finds them', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, mixedCsv);
    // As if the run died before the creates' answers were journaled: intents, no outcomes.
    const entries = (await readJournalEntries(run.reportDir)) ?? [];
    const kept = entries.filter((entry) => !(entry.type === 'outcome' && entry.action === 'created') && entry.type !== 'finished');
    await writeFile(join(run.reportDir, 'journal.jsonl'), kept.map((entry) => `${JSON.stringify(entry)}\n`).join(''));

    const result = await undo(sandbox, run.reportDir);
    expect(result.exitCode).toBe(0);
    expect(await actions(result.summary.reportDir)).toMatchObject({ 'u-10': 'deleted', 'u-11': 'deleted' });
    expect(sandbox.customers()).toEqual(before);
  });

  it('refuses a folder without a journal, and a journal written before undo existed', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const run = await harness.run(sandbox, mixedCsv);
    const entries = (await readJournalEntries(run.reportDir)) ?? [];
    const legacy = entries.filter((entry) => entry.type !== 'image');
    await writeFile(join(run.reportDir, 'journal.jsonl'), legacy.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    await expect(undo(sandbox, run.reportDir)).rejects.toThrow(/older than undo/);
    await expect(undo(sandbox, await harness.tempDir())).rejects.toThrow(/no import journal/);
  });

  it('--resume with no unfinished undo (stopped during the lookup) starts a new one, with a warning', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, mixedCsv);
    const warnings: string[] = [];
    const onEvent = (event: { type: string; warning?: { code: string } }): void => {
      if (event.warning) warnings.push(event.warning.code);
    };
    const result = await undo(sandbox, run.reportDir, { config: { resume: true }, deps: { onEvent } });
    expect(warnings).toEqual(['nothing_to_resume']);
    expect(result.exitCode).toBe(0);
    expect(sandbox.customers()).toEqual(before);
  });

  it('undoes a run that was interrupted and resumed, from the before-images its first part journaled', async () => {
    const sandbox = await harness.sandbox({ customers: Array.from({ length: 20 }, (_, i) => richCustomer(i)) });
    const before = sandbox.customers();
    const rows = Array.from({ length: 24 }, (_, i) => [`u-${i}`, `Renamed ${i}`, `n${i}@example.com`]);
    const csv = csvOf(['user_id', 'name', 'email'], rows);
    const first = await harness.run(sandbox, csv);
    // As if it had died while its last update batch was in flight: no outcomes after that intent, no finish.
    const entries = (await readJournalEntries(first.reportDir)) ?? [];
    const lastIntent = entries.findLastIndex((entry) => entry.type === 'intent' && entry.action === 'update');
    const cut = entries.filter((entry, i) => i < lastIntent || entry.type === 'image' || entry.type === 'intent');
    await writeFile(join(first.reportDir, 'journal.jsonl'), cut.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    const resumed = await harness.run(sandbox, csv, { reportDir: first.reportDir, config: { resume: true } });
    expect(resumed.summary.counts).toMatchObject({ created: 4, updated: 20 });

    const result = await undo(sandbox, first.reportDir);
    expect(result.summary.counts).toMatchObject({ restored: 20, deleted: 4 });
    expect(sandbox.customers()).toEqual(before);
  });
});

describe('undo of a run resumed more than once', () => {
  it('deletes a customer whose create was in flight, when the resume that found it was itself stopped while updating it', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const first = await harness.run(sandbox, mixedCsv);
    // The run died while u-10's create was in flight: the create landed, its answer was never journaled.
    const cut = (keep: (entry: JournalEntry) => boolean) =>
      readJournalEntries(first.reportDir).then((entries) =>
        writeFile(
          join(first.reportDir, 'journal.jsonl'),
          (entries ?? [])
            .filter(keep)
            .map((entry) => `${JSON.stringify(entry)}\n`)
            .join(''),
        ),
      );
    await cut((entry) => !(entry.type === 'outcome' && entry.userId === 'u-10') && entry.type !== 'finished');
    // Someone edits it before the resume, which finds it and updates it back to the row.
    await agentEdits(sandbox, 'u-10');
    const resumed = await harness.run(sandbox, mixedCsv, { reportDir: first.reportDir, config: { resume: true } });
    expect(resumed.summary.counts).toMatchObject({ created: 2, updated: 2 });
    // ...and the resume died too, with that update in flight.
    await cut((entry) => !(entry.type === 'outcome' && entry.userId === 'u-10') && entry.type !== 'finished');

    const result = await undo(sandbox, first.reportDir);
    expect(await actions(result.summary.reportDir)).toMatchObject({ 'u-10': 'deleted', 'u-11': 'deleted' });
    expect(sandbox.customers()).toEqual(before);
  });
});

describe('undo over a connection that loses answers', () => {
  it('counts a delete whose answer was lost, retried into a 404, as deleted by this undo', async () => {
    const dataFile = join(await harness.tempDir(), 'state.json');
    const creates = Array.from({ length: 12 }, (_, i) => [`c-${i}`, `New ${i}`, `c${i}@example.com`]);
    const first = await harness.sandbox({ customers: seed(), dataFile });
    const before = first.customers();
    const run = await harness.run(first, csvOf(['user_id', 'name', 'email'], creates));
    expect(run.summary.counts).toMatchObject({ created: 12 });
    await first.close();
    // The same account at the same address (an undo refuses another URL), now applying a write and then
    // losing its answer now and then.
    const sandbox = await harness.sandbox({ dataFile, dropRate: 0.4, seed: 3, port: Number(new URL(first.url).port) });

    const result = await undo(sandbox, run.reportDir);

    expect(sandbox.stats().drops).toBeGreaterThan(0);
    expect(sandbox.customers()).toEqual(before);
    expect(result.summary.counts).toMatchObject({ deleted: 12, already_undone: 0 });
    expect(Object.values(await actions(result.summary.reportDir))).toEqual(Array(12).fill('deleted'));
  });
});

describe('undo of a folder another run was written over', () => {
  it('never resumes an unfinished undo of the run that --overwrite replaced', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const first = await harness.run(sandbox, mixedCsv);
    // The undo of that first run stops after its first delete.
    const controller = new AbortController();
    const connect = (t: { baseUrl: string; apiKey: string }) => {
      const client = createHelpCrunchClient(t);
      return { ...client, deleteCustomer: (id: number) => client.deleteCustomer(id).finally(() => controller.abort()) };
    };
    const stopped = await undo(sandbox, first.reportDir, { controller, config: { concurrency: 1 }, deps: { connect } });
    expect(stopped.summary.status).toBe('interrupted');
    // Another run takes the folder over, on the same lines.
    const before = sandbox.customers();
    const other = csvOf(
      ['user_id', 'name', 'email'],
      [
        ['u-20', 'New 20', 'n20@example.com'],
        ['u-21', 'New 21', 'n21@example.com'],
        ['u-22', 'New 22', 'n22@example.com'],
        ['u-23', 'New 23', 'n23@example.com'],
        ['u-24', 'New 24', 'n24@example.com'],
      ],
    );
    const second = await harness.run(sandbox, other, { reportDir: first.reportDir, config: { overwrite: true } });
    expect(second.summary.counts).toMatchObject({ created: 5 });

    const result = await undo(sandbox, first.reportDir, { config: { resume: true } });
    expect(result.summary.counts).toMatchObject({ deleted: 5 });
    expect(sandbox.customers()).toEqual(before);
  });
});

describe('resuming a forced undo', () => {
  it('continues as it was started: --force holds for the customers left, as the "To continue" line omits it', async () => {
    const sandbox = await harness.sandbox({ customers: Array.from({ length: 25 }, (_, i) => richCustomer(i)) });
    const before = sandbox.customers();
    const rows = Array.from({ length: 25 }, (_, i) => [`u-${i}`, `Renamed ${i}`, `n${i}@example.com`]);
    const run = await harness.run(sandbox, csvOf(['user_id', 'name', 'email'], rows));
    expect(run.summary.counts).toMatchObject({ updated: 25 });
    for (let i = 0; i < 25; i += 1) await agentEdits(sandbox, `u-${i}`);
    const controller = new AbortController();
    const connect = (t: { baseUrl: string; apiKey: string }) => {
      const client = createHelpCrunchClient(t);
      return {
        ...client,
        batchUpdate: (items: Parameters<typeof client.batchUpdate>[0]) => client.batchUpdate(items).finally(() => controller.abort()),
      };
    };
    const stopped = await undo(sandbox, run.reportDir, { controller, config: { force: true, concurrency: 1 }, deps: { connect } });
    expect(stopped.summary.counts.restored).toBe(10);

    const resumed = await undo(sandbox, run.reportDir, { config: { resume: true } });
    expect(resumed.summary.counts).toMatchObject({ restored: 25, kept: 0 });
    expect(sandbox.customers()).toEqual(before);
  });
});

describe('undo of a run whose lost create it found, then failed to update', () => {
  it("counts the customer the run's own create made as created (deleted, or kept when changed since), never one a refused create found taken", async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const csv = csvOf(
      ['user_id', 'name', 'email'],
      [
        ['u-1', 'Renamed 1', 'n1@example.com'],
        ['u-10', 'New 10', 'n10@example.com'],
        ['u-11', 'New 11', 'n11@example.com'],
        ['u-12', 'New 12', 'n12@example.com'],
        ['u-13', 'New 13', 'n13@example.com'],
      ],
    );
    const refused = new Set(['u-10', 'u-11', 'u-12']);
    const connect = (target: Target): ClosableApi => {
      const client = createHelpCrunchClient(target);
      return {
        ...client,
        createCustomer: async (fields) => {
          if (fields.userId === 'u-12') {
            // Someone else creates u-12 just before the run does: the run's create is refused, "userId taken".
            expect((await call(sandbox, 'POST', '/customers', { userId: 'u-12', name: 'Theirs 12' })).status).toBe(201);
            return client.createCustomer(fields);
          }
          if (fields.userId !== 'u-10' && fields.userId !== 'u-11') return client.createCustomer(fields);
          // The create lands, an agent edits the new customer at once, and the create's answer is lost.
          const stored = await client.createCustomer(fields);
          const edit = { name: 'Edited by an agent', company: 'Agent Co' };
          expect((await call(sandbox, 'PATCH', `/customers/${stored.id}`, edit)).status).toBe(200);
          throw new NoAnswerError({ kind: 'create', method: 'POST', path: '/customers' }, 'connection-reset');
        },
        // The update that would put the row back over the agent's edit is refused.
        batchUpdate: async (items) => {
          const ids = new Set([...refused].map((userId) => idOf(sandbox, userId)));
          if (items.some((item) => ids.has(item.id))) {
            const options = { kind: 'update', method: 'PUT', path: '/customers/batch', retryAfterMs: undefined } as const;
            throw new ApiError({ ...options, status: 422, codes: ['invalid_name_value'], apiMessage: 'refused' });
          }
          return client.batchUpdate(items);
        },
      };
    };
    const run = await harness.run(sandbox, csv, { deps: { connect } });
    expect(run.summary.counts).toMatchObject({ created: 1, updated: 1, failed: 3 });
    // The agent takes back their edit of u-10 (it holds what the run created again); u-11 keeps it.
    const putBack = { name: 'New 10', company: null };
    expect((await call(sandbox, 'PATCH', `/customers/${idOf(sandbox, 'u-10')}`, putBack)).status).toBe(200);

    const result = await undo(sandbox, run.reportDir);

    expect(await actions(result.summary.reportDir)).toEqual({ 'u-1': 'restored', 'u-10': 'deleted', 'u-11': 'kept', 'u-13': 'deleted' });
    expect(result.exitCode).toBe(4);
    // u-11 is reported, not deleted (changed since the run); u-12 is someone else's and never touched.
    const left = sandbox.customers();
    expect(left.filter((c) => c.userId !== 'u-11' && c.userId !== 'u-12')).toEqual(before);
    expect(left.find((c) => c.userId === 'u-11')?.name).toBe('Edited by an agent');
    expect(left.find((c) => c.userId === 'u-12')?.name).toBe('Theirs 12');
  });
});

describe('undo against another account', () => {
  it('refuses an API URL the run did not write to, and a key it did not use unless told it was rotated', async () => {
    const sandbox = await harness.sandbox({ customers: seed() });
    const before = sandbox.customers();
    const run = await harness.run(sandbox, mixedCsv);
    // Another account holding the same customers: a staging copy seeded from the same file.
    const other = await harness.sandbox({ customers: seed() });
    await harness.run(other, mixedCsv);
    const otherAfterImport = other.customers();

    await expect(undo(other, run.reportDir)).rejects.toMatchObject({
      code: 'HCI_OTHER_ACCOUNT',
      message: expect.stringContaining(other.url),
    });
    expect(other.customers()).toEqual(otherAfterImport);

    // The same URL with another key: the sandbox takes its own key whatever is asked, as the same account would.
    const rotated = { target: { baseUrl: sandbox.url, apiKey: 'rotated-key-0001' } };
    const connect = (t: Target) => createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: sandbox.key });
    await expect(undo(sandbox, run.reportDir, { config: rotated, deps: { connect } })).rejects.toMatchObject({
      code: 'HCI_OTHER_ACCOUNT',
      hint: expect.stringContaining('--key-rotated'),
    });
    const result = await undo(sandbox, run.reportDir, { config: { ...rotated, keyRotated: true }, deps: { connect } });
    expect(result.summary.counts).toMatchObject({ deleted: 2, restored: 2 });
    expect(sandbox.customers()).toEqual(before);
  });
});
