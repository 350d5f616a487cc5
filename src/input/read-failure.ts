import { ErrorCode, inputError } from '../errors.js';

/**
 * Turns a system error from reading the file (missing, a directory, no permission) into an input
 * error the CLI prints as one line. Anything else (a bug, an error that is already ours) passes as is.
 */
export function readFailure(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || code.startsWith('HCI_')) return error;
  const detail = error instanceof Error ? error.message : code;
  if (code === 'ENOENT') {
    return inputError(ErrorCode.inputNotFound, `cannot find the input file (${detail})`, 'Check the path.', error);
  }
  return inputError(ErrorCode.inputUnreadable, `cannot read the input file (${detail})`, undefined, error);
}
