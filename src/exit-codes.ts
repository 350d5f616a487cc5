/**
 * The one table from what happened to the process exit code. Errors say what happened (`ErrorKind`);
 * only the CLI, and summary.json's `exitCode`, turn that into a number, through `exitCodeFor`.
 */

/** What stopped a run or a command. Every `HciError` carries one. */
export const ErrorKind = {
  /** Flags, configuration or report directory the run cannot work with. */
  usage: 'usage',
  /** The input file cannot be read as contacts. */
  input: 'input',
  /** HelpCrunch refused the API key (401/403). */
  unauthorised: 'unauthorised',
  /** HelpCrunch answered with an error the run cannot go past. */
  rejected: 'rejected',
  /** No usable answer came back, after every retry. */
  noAnswer: 'no-answer',
  /** Still 429 after every retry. */
  rateLimited: 'rate-limited',
  /** The user stopped the run (Ctrl-C, SIGTERM, declining the confirmation). */
  cancelled: 'cancelled',
  /** A bug in hc-import: counts that do not reconcile, a broken invariant. */
  internal: 'internal',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** How a run that no error stopped ended. */
export const RunEnd = { ok: 'ok', rowsNotApplied: 'rows-not-applied' } as const;
export type RunEnd = (typeof RunEnd)[keyof typeof RunEnd];

/** Process exit codes; the README documents each one. */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  rowsNotApplied: 4,
  remote: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const EXIT_CODE: Record<ErrorKind | RunEnd, ExitCode> = {
  [RunEnd.ok]: ExitCode.ok,
  [RunEnd.rowsNotApplied]: ExitCode.rowsNotApplied,
  [ErrorKind.usage]: ExitCode.usage,
  [ErrorKind.input]: ExitCode.input,
  [ErrorKind.unauthorised]: ExitCode.remote,
  [ErrorKind.rejected]: ExitCode.remote,
  [ErrorKind.noAnswer]: ExitCode.remote,
  [ErrorKind.rateLimited]: ExitCode.remote,
  [ErrorKind.cancelled]: ExitCode.interrupted,
  [ErrorKind.internal]: ExitCode.internal,
};

/** The exit code of a run that ended this way. */
export const exitCodeFor = (end: ErrorKind | RunEnd): ExitCode => EXIT_CODE[end];
