/** Issue 10: a Ctrl-C that stops nothing (every row was already in flight) must not leave a run that says "interrupted". */
import { describe, expect, it } from 'vitest';
import { contactsCsv, expectReconciled, useImportHarness } from './harness.js';

const harness = useImportHarness();

describe('runImport: Ctrl-C while the last rows are in flight', () => {
  it('ends as finished (exit 0, nothing to resume) when every row settled after the signal', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 20 });
    // 12 creates, 4 in flight at once: when the 11th is reported the 12th is already on its way.
    const run = await harness.run(sandbox, contactsCsv(12), {
      listen: (event, controller) => {
        if (event.type === 'write' && event.done === 11) controller.abort();
      },
    });
    expect(run.reports.summary).toMatchObject({ status: 'finished', exitCode: 0, counts: { created: 12 } });
    expect(run.exitCode).toBe(0);
    expect(run.resumable).toBe(false);
    expect(run.reports.journal?.at(-1)).toMatchObject({ type: 'finished' });
    expectReconciled(run, sandbox);
  });

  it('still says interrupted when rows were left unsent', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 20 });
    const run = await harness.run(sandbox, contactsCsv(40), {
      listen: (event, controller) => {
        if (event.type === 'write' && event.done === 5) controller.abort();
      },
    });
    expect(run.reports.summary.status).toBe('interrupted');
    expect(run.reports.summary.counts.created).toBeLessThan(40);
    expect(run.resumable).toBe(true);
  });
});
