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
  reportDirBusy: 'HCI_REPORT_DIR_BUSY',
  resumeMismatch: 'HCI_RESUME_MISMATCH',
  nothingToResume: 'HCI_NOTHING_TO_RESUME',
  interrupted: 'HCI_INTERRUPTED',
  invariant: 'HCI_INVARIANT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface HciErrorOptions {
  code: ErrorCode;
  message: string;
  exitCode: ExitCode;
  /** One line telling the user what to do next. */
  hint?: string;
  cause?: unknown;
}

/**
 * A known failure: the CLI prints its message and hint (no stack) and exits with its exit code.
 * Anything that is not an HciError is a bug and is printed with its stack.
 */
export class HciError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(options: HciErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'HciError';
    this.code = options.code;
    this.exitCode = options.exitCode;
    this.hint = options.hint;
  }
}

export const usageError = (message: string, hint?: string): HciError =>
  new HciError({ code: ErrorCode.usage, exitCode: ExitCode.usage, message, hint });

export const inputError = (code: ErrorCode, message: string, hint?: string, cause?: unknown): HciError =>
  new HciError({ code, exitCode: ExitCode.input, message, hint, cause });
