import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import type { ClosableApi, Target } from '../../../src/core/run-config.js';
import { runImport } from '../../../src/core/run-import.js';
import type { JournalEntry } from '../../../src/journal/journal.js';
import { contactsCsv, expectReconciled, expectWholeFileStored, plainCustomers, readJournalEntries, useImportHarness } from './harness.js';

const harness = useImportHarness();

/** 30 stored customers (10 as the file has them, 20 renamed) and 40 new. */
const csv = contactsCsv(70, { name: (i) => (i >= 10 && i < 30 ? `Renamed ${i}` : `Name ${i}`) });
const wholeFile = { rows: 70, valid: 70, rejected: 0, duplicates: 0, created: 40, updated: 20, unchanged: 10, skipped: 0, failed: 0 };

/** Retries without waiting: the retry bound is what these tests reach, not the backoff. */
const noWait = async (): Promise<void> => {};

const inFlight = (journal: JournalEntry[] | undefined): number[] => {
  const open = new Set<number>();
  for (const entry of journal ?? []) {
    if (entry.type === 'intent') for (const line of entry.lines) open.add(line);
    if (entry.type === 'outcome' || entry.type === 'failed') open.delete(entry.line);
  }
  return [...open];
};

describe('runImport against the sandbox: runs that stop, and their resume', () => {
  it('stops with exit 5 when the API goes away mid-run, and a resume against it once back completes the file', async () => {
    const dir = await harness.tempDir();
    const dataFile = join(dir, 'account.json');
    const first = await harness.sandbox({ customers: plainCustomers(30), dataFile, latencyMs: 5 });
    let creates = 0;
    // HelpCrunch becomes unreachable while the 12th create is on its way.
    const connect = (target: Target): ClosableApi => {
      const client = createHelpCrunchClient(target);
      return {
        ...client,
        createCustomer: (fields) => {
          if (++creates === 12) void first.close();
          return client.createCustomer(fields);
        },
      };
    };
    const stopped = await harness.run(first, csv, { deps: { connect, sleep: noWait } });

    expect(stopped.exitCode).toBe(5);
    expect(stopped.reports.summary).toMatchObject({ status: 'stopped', exitCode: 5, error: { code: 'HCI_REMOTE_FAILED' } });
    expect(stopped.reports.journal?.some((entry) => entry.type === 'finished')).toBe(false);
    const createdFirst = stopped.reports.summary.counts.created;
    expect(createdFirst).toBeGreaterThanOrEqual(8);
    expect(stopped.reports.results).toHaveLength(10 + createdFirst);

    // Back up at the same address (the same account: a resume to another URL is refused) with what it held
    // when it went away (the data file it saved on close).
    const second = await harness.sandbox({ dataFile, port: Number(new URL(first.url).port) });
    expect(second.customers().length).toBeGreaterThanOrEqual(30 + createdFirst);
    const resumed = await harness.run(second, csv, { reportDir: stopped.reportDir, config: { resume: true } });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.reports.summary.counts).toEqual(wholeFile);
    expectReconciled(resumed, second);
    expectWholeFileStored(second);
  });

  it('stops with exit 5 when HelpCrunch refuses every create but still answers lookups, and the resume completes the file', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(30), latencyMs: 5 });
    // A write outage: every create is answered 503 (by a second sandbox, over real HTTP); lookups work.
    const down = await harness.sandbox({ faultRate: 1 });
    const connect = (target: Target): ClosableApi => {
      const client = createHelpCrunchClient(target);
      const refusing = createHelpCrunchClient({ ...target, baseUrl: down.url, apiKey: down.key });
      return {
        ...client,
        createCustomer: (fields) => refusing.createCustomer(fields),
        close: async () => {
          await refusing.close();
          await client.close();
        },
      };
    };
    const stopped = await harness.run(sandbox, csv, { deps: { connect, sleep: noWait } });

    expect(stopped.exitCode).toBe(5);
    expect(stopped.reports.summary).toMatchObject({ status: 'stopped', exitCode: 5 });
    // No row was failed for the outage: the creates in flight (4 at most) stay open for the resume.
    expect(stopped.reports.summary.counts).toMatchObject({ created: 0, failed: 0 });
    expect(stopped.reports.failures).toEqual([]);
    const open = inFlight(stopped.reports.journal);
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThanOrEqual(4);
    expect(down.stats().byRoute['POST /customers']).toBeLessThanOrEqual(4 * 8);

    sandbox.resetStats();
    const resumed = await harness.run(sandbox, csv, { reportDir: stopped.reportDir, config: { resume: true } });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.reports.summary.counts).toEqual(wholeFile);
    expectReconciled(resumed, sandbox);
    expectWholeFileStored(sandbox);
  });

  it.each(['create', 'update'] as const)('counts a %s that landed before a crash once, and never sends it twice', async (action) => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(30), latencyMs: 5 });
    // The write reaches HelpCrunch, then the process dies before reading the answer (an unexpected error).
    const crash = new Error('simulated crash after the write landed');
    let calls = 0;
    const connect = (target: Target): ClosableApi => {
      const client = createHelpCrunchClient(target);
      return {
        ...client,
        createCustomer: async (fields) => {
          const stored = await client.createCustomer(fields);
          if (action === 'create' && ++calls === 5) throw crash;
          return stored;
        },
        batchUpdate: async (items) => {
          await client.batchUpdate(items);
          if (action === 'update' && ++calls === 1) throw crash;
        },
      };
    };
    const prepared = await harness.prepare(sandbox, csv, { deps: { connect } });
    await expect(runImport(prepared.config, prepared.deps)).rejects.toBe(crash);
    const open = inFlight(await readJournalEntries(prepared.reportDir));
    expect(open.length).toBeGreaterThan(0);

    sandbox.resetStats();
    const resumed = await harness.run(sandbox, csv, { reportDir: prepared.reportDir, config: { resume: true } });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.reports.summary.counts).toEqual(wholeFile);
    expectReconciled(resumed, sandbox);
    expectWholeFileStored(sandbox);
    // The rows the crash left in flight come out as the write they were, not as unchanged.
    const actions = new Map(resumed.reports.results.map((row) => [Number(row['_line']), row['action']]));
    for (const line of open) expect(actions.get(line)).toBe(action === 'create' ? 'created' : 'updated');
  });
  it('under --mode create-only, counts a create that landed before a crash as created, not as skipped_exists', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(30), latencyMs: 5 });
    const crash = new Error('simulated crash after the create landed');
    let calls = 0;
    const connect = (target: Target): ClosableApi => {
      const client = createHelpCrunchClient(target);
      return {
        ...client,
        createCustomer: async (fields) => {
          const stored = await client.createCustomer(fields);
          if (++calls === 5) throw crash;
          return stored;
        },
      };
    };
    const config = { mode: 'create-only' as const };
    const prepared = await harness.prepare(sandbox, csv, { config, deps: { connect } });
    await expect(runImport(prepared.config, prepared.deps)).rejects.toBe(crash);
    const open = inFlight(await readJournalEntries(prepared.reportDir));
    expect(open.length).toBeGreaterThan(0);

    const resumed = await harness.run(sandbox, csv, { reportDir: prepared.reportDir, config: { ...config, resume: true } });
    expect(resumed.exitCode).toBe(0);
    // The resume found the rows the crash left in flight and, by the mode, left them alone: they were this run's creates.
    expect(resumed.reports.summary.counts).toEqual({ ...wholeFile, created: 40, updated: 0, unchanged: 0, skipped: 30 });
    expect(sandbox.customers()).toHaveLength(70);
    const actions = new Map(resumed.reports.results.map((row) => [Number(row['_line']), row['action']]));
    for (const line of open) expect(actions.get(line)).toBe('created');
  });
});
