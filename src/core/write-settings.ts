/**
 * The run options of issue 14 as the rest of the core reads them: `--mode` and `--adopt-by-email` in the
 * journal settings (a resume refuses a change), the dry run's hint about contacts it could adopt, and
 * `hc-import verify`'s verdict.
 */
import { exitCodeFor, RunEnd } from '../exit-codes.js';
import type { OutcomeSettings } from '../journal/journal.js';
import { RunStatus, type PlanSummary, type Warning } from '../report/summary.js';
import { WriteMode } from '../upsert/write-modes.js';
import type { RunConfig } from './run-config.js';

/**
 * Written as resolved, defaults too, so a later version whose default differs refuses the resume; a journal
 * written before these options existed reads as their defaults then (resume-check.ts, `LEGACY_DEFAULTS`).
 */
export function writeSettings(config: Pick<RunConfig, 'mode' | 'adoptByEmail'>): Pick<OutcomeSettings, 'mode' | 'adoptByEmail'> {
  return { mode: config.mode ?? WriteMode.upsert, adoptByEmail: config.adoptByEmail === true };
}

/** A keyed dry run found rows it would create for contacts the account already has without a user id. */
export function adoptableWarning(plan: PlanSummary | null | undefined): Warning | undefined {
  if (!plan || plan.adoptable === 0) return undefined;
  const rows = plan.adoptable === 1 ? '1 row matches' : `${plan.adoptable.toLocaleString('en-US')} rows match`;
  return { code: 'adoptable_contacts', message: `${rows} a contact without a user id: see --adopt-by-email.` };
}

/**
 * `verify`: 0 when the plan changes nothing (every row found as the file says), 4 when an import would still
 * create, update or fail a row; undefined (the usual exit code) for anything else, or a run that did not finish.
 */
export function verifyExitCode(
  config: Pick<RunConfig, 'verify'>,
  status: RunStatus,
  plan: PlanSummary | null | undefined,
): number | undefined {
  if (!config.verify || status !== RunStatus.finished || !plan) return undefined;
  return plan.create + plan.update + plan.failed > 0 ? exitCodeFor(RunEnd.rowsNotApplied) : undefined;
}
