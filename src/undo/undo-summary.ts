/** The undo's summary.json and exit code, from how it ended and what became of each customer. */
import type { Connection } from '../core/connect.js';
import type { HciError } from '../errors.js';
import { exitCodeFor, RunEnd } from '../exit-codes.js';
import type { RequestCounts } from '../report/summary.js';
import type { UndoPlanCounts } from './plan-undo.js';
import type { UndoConfig, UndoDeps, UndoPlan } from './undo-ports.js';
import type { UndoCounts } from './settled-steps.js';

/** How an undo ended. */
/** What an undo hands the CLI: its summary, exit code, and the remote failure that stopped it. */
export interface UndoResult {
  summary: UndoSummary;
  exitCode: number;
  error: HciError | null;
}

export type UndoStatus = 'finished' | 'interrupted' | 'stopped' | 'not-confirmed' | 'dry-run';

/** summary.json of an undo. Bump `schemaVersion` on any change that could break a reader. */
export interface UndoSummary {
  schemaVersion: 1;
  tool: { name: 'hc-import'; version: string };
  command: 'undo';
  /** The report folder of the run being undone. */
  run: string;
  /** This undo's own folder (`undo/<UTC time>` inside the run's); null when it wrote none. */
  reportDir: string | null;
  status: UndoStatus;
  force: boolean;
  /** Customers the run created or updated, per the journal. */
  touched: number;
  /** What the lookup found each still needs (customers an earlier, resumed undo settled are not in it). */
  plan: UndoPlanCounts | null;
  counts: UndoCounts;
  /** As an import's, plus its deletes (restores are batch updates). */
  requests: RequestCounts & { byKind: { delete: number } };
  error: { code: string; message: string; hint: string | null } | null;
  exitCode: number;
  timings: { startedAt: string; finishedAt: string; durationMs: number };
}

/**
 * 0 when every customer the run touched is back as it was (restored, deleted or already undone); 4 when some
 * were kept or failed (or, in a dry run, would be kept); an import's codes for a stop or an interruption.
 */
export function undoExitCode(
  status: UndoStatus,
  error: HciError | null,
  counts: UndoCounts,
  plan: UndoPlanCounts | null,
  interrupted: number,
): number {
  if (status === 'interrupted' || status === 'not-confirmed') return interrupted;
  if (error !== null) return exitCodeFor(error.kind);
  const left = status === 'dry-run' ? (plan?.keep ?? 0) : counts.kept + counts.failed;
  return exitCodeFor(left > 0 ? RunEnd.rowsNotApplied : RunEnd.ok);
}

/** What the summary is built from. */
export interface UndoSummaryInput {
  config: UndoConfig;
  deps: Pick<UndoDeps, 'now' | 'version'>;
  startedAt: number;
  touched: number;
  reportDir: string | null;
  status: UndoStatus;
  plan: UndoPlan | null;
  error: HciError | null;
  counts: UndoCounts;
  exitCode: number;
}

export function buildUndoSummary(input: UndoSummaryInput, { runner }: Pick<Connection, 'runner'>): UndoSummary {
  const { config, deps, startedAt, error } = input;
  const stats = runner.stats();
  const finishedAt = deps.now();
  return {
    schemaVersion: 1,
    tool: { name: 'hc-import', version: deps.version },
    command: 'undo',
    run: config.runDir,
    reportDir: input.reportDir,
    status: input.status,
    force: config.force,
    touched: input.touched,
    plan: input.plan?.counts ?? null,
    counts: input.counts,
    requests: { total: stats.requests, byKind: stats.byKind, rateLimited: stats.rateLimited, retries: stats.retries },
    error: error === null ? null : { code: error.code, message: error.message, hint: error.hint ?? null },
    exitCode: input.exitCode,
    timings: {
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      durationMs: finishedAt - startedAt,
    },
  };
}
