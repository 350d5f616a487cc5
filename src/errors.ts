import { ErrorKind, exitCodeFor, type ExitCode } from './exit-codes.js';

export { ErrorKind, ExitCode } from './exit-codes.js';

/** Stable error codes. Users and scripts may match on these; never rename one. */
export const ErrorCode = {
  usage: 'HCI_USAGE',
  config: 'HCI_CONFIG',
  noApiKey: 'HCI_NO_API_KEY',
  insecureUrl: 'HCI_INSECURE_URL',
  inputNotFound: 'HCI_INPUT_NOT_FOUND',
  inputUnreadable: 'HCI_INPUT_UNREADABLE',
  inputEmpty: 'HCI_INPUT_EMPTY',
  missingColumn: 'HCI_MISSING_COLUMN',
  authRejected: 'HCI_AUTH_REJECTED',
  remoteFailed: 'HCI_REMOTE_FAILED',
  remoteInconsistent: 'HCI_REMOTE_INCONSISTENT',
  reportDirBusy: 'HCI_REPORT_DIR_BUSY',
  reportDirInvalid: 'HCI_REPORT_DIR_INVALID',
  resumeMismatch: 'HCI_RESUME_MISMATCH',
  otherAccount: 'HCI_OTHER_ACCOUNT',
  nothingToResume: 'HCI_NOTHING_TO_RESUME',
  interrupted: 'HCI_INTERRUPTED',
  invariant: 'HCI_INVARIANT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface HciErrorOptions {
  code: ErrorCode;
  message: string;
  /** What happened; the exit code follows from it (src/exit-codes.ts). */
  kind: ErrorKind;
  /** One line telling the user what to do next. */
  hint?: string;
  cause?: unknown;
}

/**
 * A known failure: the CLI prints its message and hint (no stack) and exits with its kind's exit code.
 * Anything that is not an HciError is a bug and is printed with its stack.
 */
export class HciError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly hint: string | undefined;

  constructor(options: HciErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'HciError';
    this.code = options.code;
    this.kind = options.kind;
    this.hint = options.hint;
  }

  /** Read from the one table, for callers that want the number. */
  get exitCode(): ExitCode {
    return exitCodeFor(this.kind);
  }
}

/** The kinds that mean HelpCrunch, or the way to it, failed: the run stops and reports what it did. */
const REMOTE_KINDS: ReadonlySet<ErrorKind> = new Set([
  ErrorKind.unauthorised,
  ErrorKind.rejected,
  ErrorKind.noAnswer,
  ErrorKind.rateLimited,
]);

/** True for an error that stops a run with a report rather than before one. */
export const isRemoteFailure = (error: unknown): error is HciError => error instanceof HciError && REMOTE_KINDS.has(error.kind);

export const usageError = (message: string, hint?: string): HciError =>
  new HciError({ code: ErrorCode.usage, kind: ErrorKind.usage, message, hint });

export const inputError = (code: ErrorCode, message: string, hint?: string, cause?: unknown): HciError =>
  new HciError({ code, kind: ErrorKind.input, message, hint, cause });

/** A broken invariant: a bug in hc-import, never the user's doing. */
export const internalError = (message: string): HciError => new HciError({ code: ErrorCode.invariant, kind: ErrorKind.internal, message });
