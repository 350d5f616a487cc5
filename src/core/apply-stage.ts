import { join } from 'node:path';
import { isRemoteFailure, type HciError } from '../errors.js';
import { openJournalWriter, type JournalHeader } from '../journal/journal.js';
import type { JournalState } from '../journal/read-journal.js';
import type { ValidRow } from '../model.js';
import type { Page, StoredCustomer } from '../api/customer-api.js';
import { ReportFile } from '../report/report-files.js';
import { openApplyReports, type RowLayout } from '../report/row-reports.js';
import { RunStatus, type PlanSummary, type RequestCounts } from '../report/summary.js';
import type { UpsertHooks } from '../upsert/ports.js';
import { upsertRows, type UpsertPlan } from '../upsert/upsert-rows.js';
import { fetchFirstPage, openConnection, type Connection } from './connect.js';
import { summarisePlan } from './plan-summary.js';
import { reclassify, replaySettled, settle, type AppliedCounts, type Sinks } from './settle-outcomes.js';
import type { RunConfig, RunDeps, Target } from './run-config.js';

export interface ApplyStageInput {
  config: RunConfig;
  deps: RunDeps;
  target: Target;
  /** Valid rows, one per user_id, in file order. */
  rows: ValidRow[];
  layout: RowLayout;
  /** The journal header this run writes (or continues). */
  header: JournalHeader;
  /** An unfinished earlier run being resumed. */
  resumed: JournalState | undefined;
}

export interface ApplyStageResult {
  applied: AppliedCounts;
  plan: PlanSummary | null;
  requests: RequestCounts;
  status: RunStatus;
  /** A remote failure that stopped the run (exit 5). */
  error: HciError | null;
}

/**
 * The apply phase: connect, look the rows up, plan, ask, write. Rows a resumed journal already settled
 * are neither looked up nor sent again; rows it left in flight are looked up like the rest, and one
 * found as the CSV wants it counts as the write that was in flight.
 */
export async function applyStage(input: ApplyStageInput): Promise<ApplyStageResult> {
  const { config, deps, rows, resumed } = input;
  const connection = openConnection(config, deps, input.target);
  let firstPage: Page<StoredCustomer>;
  try {
    firstPage = await fetchFirstPage(connection, deps);
  } catch (failure) {
    await connection.api.close();
    // Ctrl-C while the first request waits to be retried (an API that is down): nothing was written.
    if (deps.signal.aborted) return unconnected(connection, RunStatus.interrupted, null);
    if (isRemoteFailure(failure)) return unconnected(connection, RunStatus.stopped, failure);
    throw failure;
  }
  const byLine = new Map(rows.map((row) => [row.line, row]));
  const applied: AppliedCounts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  let sinks: Sinks | undefined;
  const hooks: UpsertHooks = {
    onIntent: (intentRows, action) => sinks?.journal.append({ type: 'intent', action, lines: intentRows.map((row) => row.line) }),
    onOutcome: (outcome) => {
      if (sinks) settle(sinks, reclassify(outcome, resumed), byLine, applied);
      deps.onEvent({ type: 'write', done: total(applied), total: rows.length, requests: connection.runner.stats().requests });
    },
  };
  const upserter = upsertRows({
    api: connection.api,
    sender: connection.runner,
    rows: rows.filter((row) => !isSettled(resumed, row.line)),
    firstPage,
    signal: deps.signal,
    dryRun: config.dryRun,
    concurrency: config.concurrency,
    hooks,
  });
  let status: RunStatus = RunStatus.finished;
  let error: HciError | null = null;
  let plan: PlanSummary | null = null;
  try {
    // Ctrl-C during the lookup, or before the first write: nothing was written, so no journal is left.
    const prepared = await upserter.prepare().catch((failure: unknown) => {
      if (deps.signal.aborted) return undefined;
      throw failure;
    });
    if (prepared === undefined) return interrupted();
    plan = summarisePlan(prepared, connection, config.ratePerMinute);
    deps.onEvent({ type: 'plan', plan });
    if (config.dryRun) return result();
    if (needsConfirmation(prepared, resumed) && !(await deps.confirm(plan))) {
      deps.onEvent({ type: 'stopping', reason: 'not confirmed: nothing was written' });
      status = RunStatus.interrupted;
      return result();
    }
    if (deps.signal.aborted && resumed === undefined) return interrupted();
    sinks = openSinks(input);
    if (resumed) replaySettled(sinks, resumed, byLine, applied);
    try {
      const done = await upserter.execute(prepared);
      status = done.interrupted ? RunStatus.interrupted : RunStatus.finished;
    } catch (failure) {
      if (deps.signal.aborted) status = RunStatus.interrupted;
      else if (isRemoteFailure(failure)) {
        error = failure;
        status = RunStatus.stopped;
      } else throw failure;
    }
    if (status === RunStatus.finished) sinks.journal.append({ type: 'finished', at: new Date(deps.now()).toISOString() });
    return result();
  } finally {
    sinks?.journal.close();
    await sinks?.reports.close();
    await connection.api.close();
  }

  function interrupted(): ApplyStageResult {
    status = RunStatus.interrupted;
    return result();
  }

  function result(): ApplyStageResult {
    return { applied, plan, requests: requestCounts(connection), status, error };
  }
}

/** A run that ended before page 0 answered (a wrong key, Ctrl-C): nothing looked up, planned or written. */
function unconnected(connection: Connection, status: RunStatus, error: HciError | null): ApplyStageResult {
  return { applied: { created: 0, updated: 0, unchanged: 0, failed: 0 }, plan: null, requests: requestCounts(connection), status, error };
}

function requestCounts({ runner }: Connection): RequestCounts {
  const stats = runner.stats();
  return { total: stats.requests, byKind: stats.byKind, rateLimited: stats.rateLimited, retries: stats.retries };
}

const total = (counts: AppliedCounts): number => counts.created + counts.updated + counts.unchanged + counts.failed;
export type { AppliedCounts };

const isSettled = (state: JournalState | undefined, line: number): boolean =>
  state !== undefined && (state.outcomes.has(line) || state.failures.has(line));

/** A resumed run confirms its own writes; a fresh one asks when it is about to write anything. */
const needsConfirmation = (plan: UpsertPlan, resumed: JournalState | undefined): boolean =>
  resumed === undefined && plan.counts.create + plan.counts.update > 0;

/** Opened just before the first write: a run that stops earlier leaves no journal and blocks nothing. */
function openSinks(input: ApplyStageInput): Sinks {
  const { config, header, resumed } = input;
  const journal = openJournalWriter(join(config.reportDir, ReportFile.journal));
  if (resumed === undefined) journal.append(header);
  return { journal, reports: openApplyReports(config.reportDir, input.layout) };
}
