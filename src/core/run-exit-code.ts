/** The exit code of a run that reached its summary: what stopped it, else how its rows ended under `--fail-on`. */
import type { HciError } from '../errors.js';
import { ErrorKind, exitCodeFor, RunEnd } from '../exit-codes.js';
import { finishedExitCode, RunStatus, type Summary } from '../report/summary.js';
import type { RunConfig, RunDeps } from './run-config.js';

export function exitCodeOf(
  status: RunStatus,
  error: HciError | null,
  counts: Summary['counts'],
  config: RunConfig,
  deps: RunDeps,
  attributesDropped: boolean,
): number {
  // Declining the plan is the user stopping the run, like Ctrl-C: 130 (143 after SIGTERM at the question).
  if (status === RunStatus.interrupted || status === RunStatus.notConfirmed) {
    return deps.interruptedExitCode?.() ?? exitCodeFor(ErrorKind.cancelled);
  }
  if (error !== null) return exitCodeFor(error.kind);
  // Data that did not arrive although its rows count as written: only `--fail-on any` makes it an exit 4.
  if (attributesDropped && config.failOn === 'any') return exitCodeFor(RunEnd.rowsNotApplied);
  return finishedExitCode(counts, config.failOn);
}
