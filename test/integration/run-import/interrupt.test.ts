import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/journal/journal.js';
import { contactsCsv, customersPerUserId, expectReconciled, expectWholeFileStored, plainCustomers, useImportHarness } from './harness.js';

const harness = useImportHarness();

/** 30 stored customers (10 as the file has them, 20 renamed) and 40 new: 10 unchanged, 40 creates, 2 batches. */
const csv = contactsCsv(70, { name: (i) => (i >= 10 && i < 30 ? `Renamed ${i}` : `Name ${i}`) });

const outcomeLines = (journal: JournalEntry[] | undefined): number[] =>
  (journal ?? []).flatMap((entry) => (entry.type === 'outcome' || entry.type === 'failed' ? [entry.line] : []));

/** The counts of the whole 70-row file, however often it was interrupted and resumed. */
const WHOLE_RUN = { rows: 70, valid: 70, rejected: 0, duplicates: 0, created: 40, updated: 20, unchanged: 10, skipped: 0, failed: 0 };

describe('runImport against the sandbox: interruption and resume', () => {
  it.each([
    ['unpaced', Infinity],
    ['paced at 3,000 a minute', 3_000],
  ])('stops cleanly when aborted mid-run (%s), and a resume completes the file', async (_, ratePerMinute) => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(30), latencyMs: 10 });
    let writes = 0;
    // Ctrl-C after 10 unchanged rows and 8 created ones have been reported.
    const first = await harness.run(sandbox, csv, {
      config: { ratePerMinute },
      listen: (event, controller) => {
        if (event.type === 'write' && ++writes === 18) controller.abort();
      },
    });

    expect(first.exitCode).toBe(130);
    const { summary, journal, results } = first.reports;
    expect(summary.status).toBe('interrupted');
    expect(summary.exitCode).toBe(130);
    expect(journal?.[0]).toMatchObject({ type: 'header' });
    expect(journal?.some((entry) => entry.type === 'finished')).toBe(false);
    // What it reports is what the sandbox holds, and it stopped well short of the file.
    const createdFirst = summary.counts.created;
    expect(createdFirst).toBeGreaterThanOrEqual(8);
    expect(createdFirst).toBeLessThan(20);
    expect(sandbox.customers()).toHaveLength(30 + createdFirst);
    expect(summary.counts).toMatchObject({ rows: 70, valid: 70, unchanged: 10, updated: 0, failed: 0 });
    expect(results).toHaveLength(10 + createdFirst);
    expect(outcomeLines(journal)).toHaveLength(10 + createdFirst);
    expect(summary.requests.total).toBe(sandbox.stats().requests);

    // The run cannot be started afresh over the unfinished one: that needs --resume.
    await expect(harness.run(sandbox, csv, { reportDir: first.reportDir })).rejects.toMatchObject({ code: 'HCI_REPORT_DIR_BUSY' });

    sandbox.resetStats();
    const resumed = await harness.run(sandbox, csv, { reportDir: first.reportDir, config: { resume: true, ratePerMinute } });
    expect(resumed.exitCode).toBe(0);
    const whole = resumed.reports;
    expect(whole.summary.counts).toEqual(WHOLE_RUN);
    expectReconciled(resumed, sandbox);
    expect(whole.journal?.at(-1)).toMatchObject({ type: 'finished' });
    expect(whole.journal?.filter((entry) => entry.type === 'header')).toHaveLength(1);
    // Every row has exactly one outcome across both runs, and rows confirmed by the first were not sent again.
    const lines = outcomeLines(whole.journal);
    expect(lines).toHaveLength(70);
    expect(new Set(lines).size).toBe(70);
    expect(sandbox.stats().byRoute['POST /customers']).toBe(40 - createdFirst);

    expectWholeFileStored(sandbox);
    const customers = sandbox.customers();
    const ids = new Map(customers.map((customer) => [customer.userId, String(customer.id)]));
    for (const row of whole.results) expect(row['helpcrunch_id']).toBe(ids.get(row['user_id'] ?? ''));
  });
});

describe('runImport against the sandbox: a run interrupted twice', () => {
  it('is completed by a second resume, each row once', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(30), latencyMs: 5 });
    const abortAfter = (writes: number) => {
      let seen = 0;
      return (event: { type: string }, controller: AbortController): void => {
        if (event.type === 'write' && ++seen === writes) controller.abort();
      };
    };
    const first = await harness.run(sandbox, csv, { config: { ratePerMinute: 3_000 }, listen: abortAfter(15) });
    const second = await harness.run(sandbox, csv, {
      reportDir: first.reportDir,
      config: { resume: true, ratePerMinute: 3_000 },
      listen: abortAfter(12),
    });
    expect([first.exitCode, second.exitCode]).toEqual([130, 130]);
    expect(second.reports.summary.counts.created).toBeGreaterThan(first.reports.summary.counts.created);
    expect(second.reports.results).toHaveLength(outcomeLines(second.reports.journal).length);

    sandbox.resetStats();
    const third = await harness.run(sandbox, csv, { reportDir: first.reportDir, config: { resume: true } });
    expect(third.exitCode).toBe(0);
    expect(third.reports.summary.counts).toEqual(WHOLE_RUN);
    expectReconciled(third, sandbox);
    const lines = outcomeLines(third.reports.journal);
    expect(new Set(lines).size).toBe(70);
    expect(lines).toHaveLength(70);
    expect(sandbox.customers()).toHaveLength(70);
    expect([...customersPerUserId(sandbox.customers()).values()].every((count) => count === 1)).toBe(true);
  });
});

describe('runImport against the sandbox: Ctrl-C before the first write', () => {
  it('ends as interrupted, not as a crash, when Ctrl-C comes while the first request is being retried', async () => {
    const sandbox = await harness.sandbox({ faultRate: 1 });
    const run = await harness.run(sandbox, contactsCsv(5), {
      listen: (event, controller) => {
        if (event.type === 'retry') controller.abort();
      },
    });
    expect(run.exitCode).toBe(130);
    expect(run.reports.summary).toMatchObject({ status: 'interrupted', exitCode: 130 });
    expect(run.reports.journal).toBeUndefined();
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1 });
  });

  it('sends nothing when Ctrl-C comes while the file is being read', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(3) });
    const run = await harness.run(sandbox, csv, {
      listen: (event, controller) => {
        if (event.type === 'columns') controller.abort();
      },
    });
    expect(run.exitCode).toBe(130);
    expect(run.reports.summary).toMatchObject({ status: 'interrupted', exitCode: 130 });
    expect(run.reports.journal).toBeUndefined();
    expect(sandbox.stats().requests).toBe(0);
  });

  it.each(['last', 'reject'] as const)(
    'with --on-duplicate %s, stops as interrupted when Ctrl-C comes during the first pass of a big file',
    async (onDuplicate) => {
      const sandbox = await harness.sandbox();
      // The first pass stopped one record before the scan did: the scan then met a row the index never
      // saw and ended the run as an internal error ("did the file change during the import?"), exit 1.
      const run = await harness.run(sandbox, contactsCsv(10_000), {
        config: { onDuplicate },
        listen: (event, controller) => {
          if (event.type === 'columns') controller.abort();
        },
      });
      expect(run.exitCode).toBe(130);
      expect(run.reports.summary).toMatchObject({ status: 'interrupted', exitCode: 130, counts: { rows: 10_000, valid: 10_000 } });
      expect(run.reports.journal).toBeUndefined();
      expect(sandbox.stats().requests).toBe(0);
    },
  );

  it('stops during the lookup of a big account without writing, and leaves no journal', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(2_000), latencyMs: 5 });
    // 200 stored and 300 new rows: the account is listed (20 pages), and Ctrl-C comes after page 0.
    const run = await harness.run(sandbox, contactsCsv(500, { from: 1_800 }), {
      config: { ratePerMinute: 6_000 },
      listen: (event, controller) => {
        if (event.type === 'connected') controller.abort();
      },
    });
    expect(run.exitCode).toBe(130);
    expect(run.reports.summary).toMatchObject({ status: 'interrupted', exitCode: 130, plan: null });
    expect(run.reports.journal).toBeUndefined();
    expect(sandbox.customers()).toHaveLength(2_000);
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': run.reports.summary.requests.total });
    expect(run.reports.summary.requests.total).toBeLessThan(5);
  });

  it('stops before writing when the plan is not confirmed', async () => {
    const sandbox = await harness.sandbox({ customers: plainCustomers(3) });
    const run = await harness.run(sandbox, contactsCsv(8), { deps: { confirm: async () => false } });
    expect(run.exitCode).toBe(130);
    expect(run.reports.summary).toMatchObject({ status: 'not-confirmed', exitCode: 130, plan: { create: 5, unchanged: 3 } });
    expect(run.resumable).toBe(false);
    expect(run.reports.journal).toBeUndefined();
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1 });
  });
});
