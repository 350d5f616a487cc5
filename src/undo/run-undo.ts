/**
 * `runUndo(config, deps)`: takes a run back. Reads what the run changed from its journal, looks every
 * touched customer up (the cheaper of listing and searching), plans restore / delete / keep / nothing, asks,
 * and sends the writes, journalled and paced like an import. Like `runImport` it never touches `process`.
 */
import { fetchFirstPage, openConnection, type Connection } from '../core/connect.js';
import type { DeleteApi, StoredCustomer } from '../api/customer-api.js';
import type { ClosableApi } from '../core/run-config.js';
import { ErrorCode, HciError, internalError, isRemoteFailure } from '../errors.js';
import { describeTarget } from '../journal/resume-check.js';
import { ErrorKind, exitCodeFor } from '../exit-codes.js';
import { createRedactor, redactDeep } from '../secrets/redact-secrets.js';
import { IdChecklist } from '../plan/id-checklist.js';
import { lookupCustomers } from '../upsert/lookup-customers.js';
import { BATCH_SIZE } from '../upsert/plan-upserts.js';
import { countSteps, planUndoStep, settledAs, undoWriteRequests, type UndoStep } from './plan-undo.js';
import { PlannedSteps } from './planned-steps.js';
import { JournalImages, readRunChanges } from './read-run-journal.js';
import type { RunChanges } from './run-changes.js';
import { checkResume, findUnfinishedUndo, type UndoJournalState } from './undo-journal.js';
import { noUndoCounts, type SettledStep } from './settled-steps.js';
import { createUndoFolder, openUndoRecorder, type UndoRecorder } from './undo-report.js';
import type { UndoConfig, UndoDeps, UndoPlan } from './undo-ports.js';
import { buildUndoSummary, undoExitCode, type UndoResult, type UndoStatus } from './undo-summary.js';
import { sendUndoWrites } from './undo-writes.js';

/** Runs one undo. Throws an HciError for what stops it before it can report (no journal, resume refused). */
export async function runUndo(asked: UndoConfig, deps: UndoDeps): Promise<UndoResult> {
  const startedAt = deps.now();
  const changes = await readRunChanges(asked.runDir);
  assertSameAccount(changes, asked);
  const touchedCount = changes.size;
  const unfinished = await findUnfinishedUndo(asked.runDir, changes.startedAt);
  if (!asked.dryRun) checkResume(unfinished, asked.resume, asked.runDir);
  const resumed = asked.resume ? unfinished : undefined;
  // A resumed undo goes on as it was started and confirmed: its "To continue" line does not repeat --force.
  const config = resumed === undefined ? asked : { ...asked, force: resumed.force };
  // An undo stopped before its first write (Ctrl-C during the lookup) left nothing: its "To continue" starts afresh.
  if (config.resume && resumed === undefined && !config.dryRun) {
    deps.onEvent({
      type: 'warning',
      warning: { code: 'nothing_to_resume', message: 'no unfinished undo of this run: starting a new one.' },
    });
  }
  const redact = createRedactor([config.target.apiKey]);
  const images = JournalImages.open(config.runDir);
  const connection = openConnection(config, deps, config.target);
  const end = { status: 'finished' as UndoStatus, error: null as HciError | null, plan: null as UndoPlan | null };
  let recorder: UndoRecorder | undefined;
  try {
    const steps = await planSteps(connection, config, deps, changes, images, resumed);
    end.plan = planOf(steps, resumed, config);
    deps.onPlan?.(end.plan);
    end.status = config.dryRun ? 'dry-run' : await confirmed(end.plan, resumed, deps);
    if (end.status === 'finished') {
      const dir = resumed?.dir ?? (await createUndoFolder(config.runDir, startedAt));
      const header = {
        type: 'undo-header',
        version: 1,
        run: config.runDir,
        ...(changes.startedAt === undefined ? {} : { runStartedAt: changes.startedAt }),
        startedAt: new Date(startedAt).toISOString(),
        force: config.force,
      } as const;
      recorder = await openUndoRecorder({ dir, resumed, header, redact });
      end.status = await apply(connection, config, deps, steps, recorder, images, resumed);
      if (end.status === 'finished') recorder.finish(new Date(deps.now()).toISOString());
    }
  } catch (failure) {
    if (deps.signal.aborted) end.status = 'interrupted';
    else if (isRemoteFailure(failure)) Object.assign(end, { status: 'stopped', error: failure });
    else throw failure;
  } finally {
    images.close();
    await connection.api.close();
  }
  const counts = recorder?.counts() ?? noUndoCounts();
  if (end.status === 'finished' && Object.values(counts).reduce((a, b) => a + b, 0) !== touchedCount) {
    throw internalError(`The undo settled ${JSON.stringify(counts)} of ${touchedCount} customers the run touched`);
  }
  const interrupted = deps.interruptedExitCode?.() ?? exitCodeFor(ErrorKind.cancelled);
  const exitCode = undoExitCode(end.status, end.error, counts, end.plan?.counts ?? null, interrupted);
  const summary = redactDeep(
    buildUndoSummary(
      { config, deps, startedAt, touched: touchedCount, reportDir: recorder?.dir ?? null, ...end, counts, exitCode },
      connection,
    ),
    redact,
  );
  await recorder?.close(summary);
  return { summary, exitCode, error: end.error };
}

/**
 * Looks up every customer not settled yet and plans its step as its stored record arrives, so the lookup's
 * records are never all held at once; a customer never found is planned as gone. Each customer's records
 * are read again from `images` for its planning only.
 */
async function planSteps(
  connection: Connection<ClosableApi & DeleteApi>,
  config: UndoConfig,
  deps: UndoDeps,
  changes: RunChanges,
  images: JournalImages,
  resumed: UndoJournalState | undefined,
): Promise<PlannedSteps> {
  const firstPage = await fetchFirstPage(connection, deps);
  const steps = new PlannedSteps(changes, openCustomers(changes, resumed));
  // The ids to look up, each with its customer's place in the plan. A run writes a user_id once, its rows
  // being deduplicated; should one hold two rows all the same, the later places wait in `more`.
  const checklist = new IdChecklist(steps.size);
  const more = new Map<string, number[]>();
  for (let at = 0; at < steps.size; at += 1) {
    const userId = changes.userIdOf(steps.customerAt(at));
    if (!checklist.add(userId, at)) more.set(userId, [...(more.get(userId) ?? []), at]);
  }
  const plan = (at: number, current: StoredCustomer | undefined): void => {
    const customer = changes.customer(steps.customerAt(at));
    steps.set(at, planUndoStep(customer, images.recordsOf(customer), current, config.force));
  };
  await lookupCustomers({
    api: connection.api,
    sender: connection.runner,
    userIds: { checklist, list: () => userIdsOf(changes, steps) },
    firstPage,
    ratePerMinute: config.ratePerMinute,
    onFound: (current) => {
      const userId = current.fields.userId as string;
      const first = checklist.placeOf(userId);
      for (const at of first === undefined ? [] : [first, ...(more.get(userId) ?? [])]) if (!steps.isPlanned(at)) plan(at, current);
    },
  });
  for (let at = 0; at < steps.size; at += 1) if (!steps.isPlanned(at)) plan(at, undefined);
  return steps;
}

/** The numbers of the touched customers an undo being resumed has not settled yet. */
function openCustomers(changes: RunChanges, resumed: UndoJournalState | undefined): Int32Array {
  const open = new Int32Array(changes.size);
  let count = 0;
  for (let customer = 0; customer < changes.size; customer += 1)
    if (!resumed?.settled.has(changes.lineOf(customer))) open[count++] = customer;
  return open.subarray(0, count);
}

async function* userIdsOf(changes: RunChanges, steps: PlannedSteps): AsyncGenerator<string> {
  for (let at = 0; at < steps.size; at += 1) yield changes.userIdOf(steps.customerAt(at));
}

function planOf(steps: PlannedSteps, resumed: UndoJournalState | undefined, config: UndoConfig): UndoPlan {
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
  steps: PlannedSteps,
  recorder: UndoRecorder,
  images: JournalImages,
  resumed: UndoJournalState | undefined,
): Promise<UndoStatus> {
  const touched = recorder.settled.size + steps.size;
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
    beforeOf: ({ customer }) => (customer.beforeAt === undefined ? {} : images.beforeAt(customer.beforeAt, customer.line)),
    beforeSend: (batch, action) => recorder.beforeSend(batch, action),
    settle,
  });
  if (!deps.signal.aborted) return 'finished';
  for (const step of steps) if (!recorder.settled.has(step.customer.line)) return 'interrupted';
  return 'finished';
}

/**
 * An undo deletes and overwrites: pointed at another account it would act on customers that merely share a
 * user id and the values the run sent (a staging account seeded from the production file). So it refuses an
 * API URL the run did not write to, and a key the run did not use unless told it is the same account's
 * (`--key-rotated`). Journals from before the run's target was kept cannot say, and are not checked.
 */
function assertSameAccount(changes: RunChanges, config: UndoConfig): void {
  if (changes.targets.length === 0) return;
  const now = describeTarget(config.target);
  const urls = [...new Set(changes.targets.map((target) => target.apiUrl))];
  if (!urls.includes(now.apiUrl)) {
    throw accountError(
      `the run wrote to ${urls.join(' and ')}, and this undo would write to ${now.apiUrl}`,
      'Pass the --api-url the run used.',
    );
  }
  if (config.keyRotated === true || changes.targets.some((target) => target.keyFingerprint === now.keyFingerprint)) return;
  throw accountError(
    'the API key is not one the run used, so it may belong to another HelpCrunch account',
    'Use the key the run used; if it was rotated on the same account since, pass --key-rotated.',
  );
}

function accountError(why: string, hint: string): HciError {
  return new HciError({ code: ErrorCode.otherAccount, kind: ErrorKind.usage, message: `Cannot undo this run: ${why}.`, hint });
}
