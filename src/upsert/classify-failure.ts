/**
 * How the engine reads a failed request: a rejection of the rows it carried (they become `failed` rows and
 * the run goes on), a write that may have been applied (look before sending again), or the end of the run.
 */
import { ApiError, NoAnswerError } from '../api/api-errors.js';
import { GENERIC_CODES } from '../api/read-error-answer.js';

/** The create answer that means "this userId already exists". */
export const USER_ID_TAKEN = 'invalid_userId_value';

/**
 * The server refused what the request carried (400, 404, 409, 422, …): sending it again unchanged would
 * fail again, but the other rows are fine. 401/403 (the key) and 429 (retries exhausted) end the run.
 */
export function isRowRejection(err: unknown): err is ApiError {
  if (!(err instanceof ApiError)) return false;
  return err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403 && err.status !== 429;
}

/** No answer, or a 5xx: the server may have applied the write before failing. */
export function mayHaveApplied(err: unknown): boolean {
  return err instanceof NoAnswerError || (err instanceof ApiError && err.status >= 500);
}

/** True when the API answered that the userId is taken: the customer exists. */
export function isUserIdTaken(err: unknown): boolean {
  return err instanceof ApiError && err.status === 400 && err.codes.includes(USER_ID_TAKEN);
}

/** A failed row's code when the API refused its custom attributes (unknown, or of the wrong type). */
export const CUSTOM_ATTRIBUTE_REJECTED = 'custom_attribute_rejected';
/** API codes that name custom data: `invalid_customData_value`, `unknown_custom_attribute`, … */
const CUSTOM_DATA_CODE = /custom_?(data|attribute)/i;

/** Status, most specific code and message of a failure, for a `failed` row in the reports. */
export function describeFailure(err: unknown): { status: number | null; code: string; message: string } {
  if (err instanceof ApiError) {
    if (err.status < 500 && err.codes.some((c) => CUSTOM_DATA_CODE.test(c))) {
      return { status: err.status, code: CUSTOM_ATTRIBUTE_REJECTED, message: err.apiMessage ?? err.message };
    }
    const code = err.codes.find((c) => !GENERIC_CODES.has(c)) ?? err.codes[0] ?? `http_${err.status}`;
    return { status: err.status, code, message: err.apiMessage ?? err.message };
  }
  if (err instanceof NoAnswerError) return { status: null, code: 'no_answer', message: err.message };
  return { status: null, code: 'unknown', message: err instanceof Error ? err.message : String(err) };
}
