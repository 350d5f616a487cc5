/**
 * `runUndo(config, deps)`: takes a run back. Reads what the run changed from its journal, looks every
 * touched customer up (the cheaper of listing and searching), plans restore / delete / keep / nothing, asks,
 * and sends the writes, journalled and paced like an import. Like `runImport` it never touches `process`.
 */
import { fetchFirstPage, openConnection, type Connection } from '../core/connect.js';
import type { DeleteApi } from '../api/customer-api.js';
import type { ClosableApi } from '../core/run-config.js';
import { internalError, isRemoteFailure, type HciError } from '../errors.js';
import { ErrorKind, exitCodeFor } from '../exit-codes.js';
import { createRedactor, redactDeep } from '../secrets/redact-secrets.js';
import { lookupCustomers } from '../upsert/lookup-customers.js';
import { BATCH_SIZE } from '../upsert/plan-upserts.js';
import { countSteps, planUndoStep, settledAs, undoWriteRequests, type UndoStep } from './plan-undo.js';
import { readRunChanges, type TouchedCustomer } from './read-run-journal.js';
import { checkResume, findUnfinishedUndo, type SettledStep, type UndoJournalState } from './undo-journal.js';
import { createUndoFolder, noUndoCounts, openUndoRecorder, type UndoRecorder } from './undo-report.js';
import type { UndoConfig, UndoDeps, UndoPlan } from './undo-ports.js';
import { buildUndoSummary, undoExitCode, type UndoResult, type UndoStatus } from './undo-summary.js';
import { sendUndoWrites } from './undo-writes.js';

/** Runs one undo. Throws an HciError for what stops it before it can report (no journal, resume refused). */
export async function runUndo(config: UndoConfig, deps: UndoDeps): Promise<UndoResult> {
  const startedAt = deps.now();
  const touched = await readRunChanges(config.runDir);
  const unfinished = await findUnfinishedUndo(config.runDir);
  if (!config.dryRun) checkResume(unfinished, config.resume, config.runDir);
  const resumed = config.resume ? unfinished : undefined;
  // An undo stopped before its first write (Ctrl-C during the lookup) left nothing: its "To continue" starts afresh.
  if (config.resume && resumed === undefined && !config.dryRun) {
    deps.onEvent({
      type: 'warning',
      warning: { code: 'nothing_to_resume', message: 'no unfinished undo of this run: starting a new one.' },
    });
  }
  const redact = createRedactor([config.target.apiKey]);
  const connection = openConnection(config, deps, config.target);
  const end = { status: 'finished' as UndoStatus, error: null as HciError | null, plan: null as UndoPlan | null };
  let recorder: UndoRecorder | undefined;
  try {
    const steps = await planSteps(connection, config, deps, touched, resumed);
    end.plan = planOf(steps, resumed, config);
    deps.onPlan?.(end.plan);
    end.status = config.dryRun ? 'dry-run' : await confirmed(end.plan, resumed, deps);
    if (end.status === 'finished') {
      const dir = resumed?.dir ?? (await createUndoFolder(config.runDir, startedAt));
      const header = {
        type: 'undo-header',
        version: 1,
        run: config.runDir,
        startedAt: new Date(startedAt).toISOString(),
        force: config.force,
      } as const;
      recorder = await openUndoRecorder({ dir, resumed, header, redact });
      end.status = await apply(connection, config, deps, steps, recorder, resumed);
      if (end.status === 'finished') recorder.finish(new Date(deps.now()).toISOString());
    }
  } catch (failure) {
    if (deps.signal.aborted) end.status = 'interrupted';
    else if (isRemoteFailure(failure)) Object.assign(end, { status: 'stopped', error: failure });
    else throw failure;
  } finally {
    await connection.api.close();
  }
  const counts = recorder?.counts() ?? noUndoCounts();
  if (end.status === 'finished' && Object.values(counts).reduce((a, b) => a + b, 0) !== touched.length) {
    throw internalError(`The undo settled ${JSON.stringify(counts)} of ${touched.length} customers the run touched`);
  }
  const interrupted = deps.interruptedExitCode?.() ?? exitCodeFor(ErrorKind.cancelled);
  const exitCode = undoExitCode(end.status, end.error, counts, end.plan?.counts ?? null, interrupted);
  const summary = redactDeep(
    buildUndoSummary(
      { config, deps, startedAt, touched: touched.length, reportDir: recorder?.dir ?? null, ...end, counts, exitCode },
      connection,
    ),
    redact,
  );
  await recorder?.close(summary);
  return { summary, exitCode, error: end.error };
}

/** Looks up every customer not settled yet and plans its step. */
async function planSteps(
  connection: Connection<ClosableApi & DeleteApi>,
  config: UndoConfig,
  deps: UndoDeps,
  touched: readonly TouchedCustomer[],
  resumed: UndoJournalState | undefined,
): Promise<UndoStep[]> {
  const firstPage = await fetchFirstPage(connection, deps);
  const open = touched.filter((customer) => !resumed?.settled.has(customer.line));
  const current = await lookupCustomers({
    api: connection.api,
    sender: connection.runner,
    userIds: new Set(open.map((customer) => customer.userId)),
    firstPage,
    ratePerMinute: config.ratePerMinute,
  });
  return open.map((customer) => planUndoStep(customer, current.get(customer.userId), config.force));
}

function planOf(steps: readonly UndoStep[], resumed: UndoJournalState | undefined, config: UndoConfig): UndoPlan {
  const counts = countSteps(steps);
  const settledBefore = resumed?.settled.size ?? 0;
  return { counts, settledBefore, writeRequests: undoWriteRequests(counts, BATCH_SIZE), ratePerMinute: config.ratePerMinute };
}

/** Asks before a fresh undo's first write; a resumed undo was confirmed when it started. */
async function confirmed(plan: UndoPlan, resumed: UndoJournalState | undefined, deps: UndoDeps): Promise<UndoStatus> {
  const writes = plan.counts.restore + plan.counts.delete > 0;
  if (writes && resumed === undefined && !deps.signal.aborted && !(await deps.confirm(plan))) {
    return deps.signal.aborted ? 'interrupted' : 'not-confirmed';
  }
  return deps.signal.aborted ? 'interrupted' : 'finished';
}

/** Settles what needs no request, then sends the rest. */
async function apply(
  connection: Connection<ClosableApi & DeleteApi>,
  config: UndoConfig,
  deps: UndoDeps,
  steps: readonly UndoStep[],
  recorder: UndoRecorder,
  resumed: UndoJournalState | undefined,
): Promise<UndoStatus> {
  const touched = recorder.settled.size + steps.length;
  const settle = (step: UndoStep, action: SettledStep['action'], reason: string): void => {
    recorder.settle({ line: step.customer.line, userId: step.customer.userId, action, reason });
    deps.onProgress?.(recorder.settled.size, touched);
  };
  for (const step of steps) {
    const as = settledAs[step.action];
    if (as === undefined) continue;
    // A write an interrupted undo had in flight, found done now, was that undo's doing.
    const inFlight = resumed?.inFlight.get(step.customer.line);
    if (as === 'already_undone' && inFlight !== undefined) settle(step, inFlight === 'delete' ? 'deleted' : 'restored', step.reason);
    else settle(step, as, step.reason);
  }
  await sendUndoWrites({
    api: connection.api,
    sender: connection.runner,
    steps,
    signal: deps.signal,
    concurrency: config.concurrency,
    beforeSend: (batch, action) => recorder.beforeSend(batch, action),
    settle,
  });
  return deps.signal.aborted && steps.some((step) => !recorder.settled.has(step.customer.line)) ? 'interrupted' : 'finished';
}
