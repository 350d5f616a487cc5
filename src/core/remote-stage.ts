import { isRemoteFailure, type HciError } from '../errors.js';
import { isJournalWriteError, type JournalHeader } from '../journal/journal.js';
import type { JournalState } from '../journal/read-journal.js';
import type { ValidRow } from '../model.js';
import { openChangeSink } from '../plan/change-sink.js';
import type { RowSpill } from '../plan/row-spill.js';
import type { RowLayout } from '../report/row-reports.js';
import { RunStatus, type OutcomeCounts, type PlanSummary, type RequestCounts, type Warning } from '../report/summary.js';
import type { Redact } from '../secrets/redact-secrets.js';
import { preparePlan, type PlanOutline } from '../upsert/prepare-writes.js';
import { UnstoredTally } from '../upsert/check-attributes.js';
import { writeRows } from '../upsert/write-rows.js';
import type { Connection } from './connect.js';
import type { EarlyContact } from './early-contact.js';
import { summarisePlan } from './plan-summary.js';
import { noOutcomes, openOutcomeRecorder, type OutcomeRecorder } from './record-outcomes.js';
import type { RunConfig, RunDeps } from './run-config.js';

export interface RemoteStageInput {
  config: RunConfig;
  deps: RunDeps;
  /** Valid rows, one per user_id, in file order, spilled by the scan; the plan spills beside them. */
  rows: RowSpill;
  layout: RowLayout;
  /** The journal header this run writes (or continues). */
  header: JournalHeader;
  /** An unfinished earlier run being resumed. */
  resumed: JournalState | undefined;
  /** Keeps the run's secrets out of the journal and the write reports. */
  redact: Redact;
  /** The connection, with page 0 asked for while the file was read; closed here. */
  contact: EarlyContact;
}

export interface RemoteStageResult {
  outcomes: OutcomeCounts;
  plan: PlanSummary | null;
  requests: RequestCounts;
  status: RunStatus;
  /** A remote failure that stopped the run. */
  error: HciError | null;
  /** Custom attributes HelpCrunch did not store (`custom_attribute_not_stored`), one per property. */
  warnings: Warning[];
}

/**
 * Everything that talks to HelpCrunch: connect, look the rows up, plan, ask, write. Rows a resumed journal
 * already settled are neither looked up nor sent again; rows it left in flight are looked up like the
 * rest, and one found as the CSV wants it counts as the write that was in flight. Whatever stops it (Ctrl-C,
 * a remote failure) is read in one place; nothing written is left out of the report.
 */
export async function remoteStage(input: RemoteStageInput): Promise<RemoteStageResult> {
  const { config, deps } = input;
  const { connection } = input.contact;
  const run: RemoteStageResult = {
    outcomes: noOutcomes(),
    plan: null,
    requests: requestCounts(connection),
    status: RunStatus.finished,
    error: null,
    warnings: [],
  };
  const attributes = new UnstoredTally();
  let recorder: OutcomeRecorder | undefined;
  try {
    const firstPage = await input.contact.firstPage;
    // A resume keeps the first run's changes.csv: the plan of the rows left is a part of it.
    const changes = openChangeSink(input.resumed === undefined ? config.reportDir : null, input.redact);
    const prepared = await preparePlan({
      api: connection.api,
      sender: connection.runner,
      rows: input.rows,
      folder: input.rows.folder,
      ...(input.resumed === undefined ? {} : { settled: (line: number) => isSettled(input.resumed, line) }),
      onPlanned: changes.add,
      firstPage,
      ratePerMinute: config.ratePerMinute,
      mode: config.mode,
      adoptByEmail: config.adoptByEmail,
      countAdoptable: config.dryRun && !config.verify && !config.adoptByEmail,
      concurrency: config.concurrency,
    }).catch(async (failure: unknown) => {
      await changes.discard();
      throw failure;
    });
    const planned = await changes.close();
    run.plan = summarisePlan(
      prepared,
      connection,
      config.ratePerMinute,
      input.resumed === undefined ? planned : { ...planned, resumed: true },
    );
    deps.onEvent({ type: 'plan', plan: run.plan });
    if (config.dryRun) return run;
    const declined = await confirmed(prepared, input, firstPage.total);
    if (declined !== null) return stop(declined);
    const { layout, header, resumed, redact } = input;
    const hashedIds = config.hashUserId !== undefined;
    // Rows settle one at a time: the recorder takes each one's cells (and original id) from here, then drops them.
    const settling = new Map<number, ValidRow>();
    const resumedRows = resumed === undefined ? undefined : await rowsAt(input.rows, resumed, hashedIds);
    const rowOf = (line: number): ValidRow | undefined => {
      const row = settling.get(line) ?? resumedRows?.get(line);
      settling.delete(line);
      return row;
    };
    recorder = await openOutcomeRecorder({ reportDir: config.reportDir, layout, rowOf, header, resumed, redact, hashedIds });
    run.outcomes = recorder.counts;
    const { api, runner } = connection;
    // A journal the disk will not take stops the writes at once: no request may leave without its line.
    const stopWrites = new AbortController();
    const writes = writeRows({
      api,
      sender: runner,
      rows: prepared.plan,
      settling: (row) => settling.set(row.line, row),
      beforeSend: recorder.beforeSend,
      signal: AbortSignal.any([deps.signal, stopWrites.signal]),
      concurrency: config.concurrency,
      attributes,
      mode: config.mode,
    });
    let journalFailure: HciError | undefined;
    for await (const outcome of writes) {
      // Rows settled after the journal failed stay in flight there: a resume looks them up.
      if (journalFailure) continue;
      try {
        recorder.record(outcome);
      } catch (error) {
        if (!isJournalWriteError(error)) throw error;
        journalFailure = error;
        stopWrites.abort();
        continue;
      }
      const { requests, retries, rateLimited } = connection.runner.stats();
      const outcomes = { ...recorder.counts };
      deps.onEvent({ type: 'write', done: total(outcomes), total: input.rows.count, outcomes, requests, retries, rateLimited });
    }
    if (journalFailure) return stop(RunStatus.stopped, journalFailure);
    // A Ctrl-C that came while the last rows were in flight stopped nothing: the run finished.
    if (deps.signal.aborted && total(recorder.counts) < input.rows.count) return stop(RunStatus.interrupted);
    recorder.finish(new Date(deps.now()).toISOString());
    return run;
  } catch (failure) {
    // An intent the journal did not take: its request never left, and the run stops resumable.
    if (isJournalWriteError(failure)) return stop(RunStatus.stopped, failure);
    // Ctrl-C while waiting (a lookup, a retry, the pacer): what was sent is recorded, the rest is for --resume.
    if (deps.signal.aborted) return stop(RunStatus.interrupted);
    if (isRemoteFailure(failure)) return stop(RunStatus.stopped, failure);
    throw failure;
  } finally {
    await recorder?.close();
    await connection.api.close();
    run.requests = requestCounts(connection);
    run.warnings = attributes.warnings();
  }

  function stop(status: RunStatus, error: HciError | null = null): RemoteStageResult {
    run.status = status;
    run.error = error;
    return run;
  }

  /**
   * Asks before the first write of a fresh run (a resumed run confirms its own writes). Null goes on; a no
   * is `not-confirmed`; a Ctrl-C before or at the question is `interrupted`. Either way the journal is never opened.
   */
  async function confirmed(prepared: PlanOutline, { resumed }: RemoteStageInput, accountSize: number): Promise<RunStatus | null> {
    if (resumed !== undefined) return null;
    const writes = prepared.counts.create + prepared.counts.update > 0;
    if (writes && !deps.signal.aborted && !(await deps.confirm(run.plan as PlanSummary, { accountSize }))) {
      if (deps.signal.aborted) return RunStatus.interrupted;
      deps.onEvent({ type: 'stopping', reason: 'not confirmed: nothing was written' });
      return RunStatus.notConfirmed;
    }
    return deps.signal.aborted ? RunStatus.interrupted : null;
  }
}

function requestCounts({ runner }: Connection): RequestCounts {
  const stats = runner.stats();
  // An import never deletes: its summary keeps the three kinds it sends.
  const { lookup, create, update } = stats.byKind;
  return { total: stats.requests, byKind: { lookup, create, update }, rateLimited: stats.rateLimited, retries: stats.retries };
}

const total = (counts: OutcomeCounts): number => counts.created + counts.updated + counts.unchanged + counts.skipped + counts.failed;

const isSettled = (state: JournalState | undefined, line: number): boolean =>
  state !== undefined && (state.settled.has(line) || state.failures.has(line));

/**
 * The rows a resumed journal settled, read back from the spill: their outcomes go into this run's reports
 * again, failures with their cells and, under `--hash-user-id`, results with their original ids.
 */
async function rowsAt(rows: RowSpill, state: JournalState, hashedIds: boolean): Promise<Map<number, ValidRow>> {
  const found = new Map<number, ValidRow>();
  for await (const row of rows.rows()) {
    if (state.failures.has(row.line) || (hashedIds && state.settled.has(row.line))) found.set(row.line, row);
  }
  return found;
}
