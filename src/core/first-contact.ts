/**
 * The first request of a run (page 0 of `GET /customers`) is where a wrong `--api-url` shows. A refused
 * connection or a host that does not resolve there is a setting, not a hiccup: retrying it for a minute
 * only hides the cause. Later requests keep the runner's retries, since by then the address has worked.
 */
import { ApiError, NoAnswerError } from '../api/api-errors.js';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';

const UNREACHABLE: ReadonlySet<string> = new Set(['connection-refused', 'unknown-host']);

const configError = (message: string, hint: string, cause: unknown): HciError =>
  new HciError({ code: ErrorCode.config, kind: ErrorKind.usage, message, hint, cause });

/** The error to throw instead of `error` when it means the base URL is wrong; undefined otherwise. */
export function firstContactError(error: unknown, baseUrl: string): HciError | undefined {
  const url = new URL(baseUrl);
  if (error instanceof NoAnswerError && UNREACHABLE.has(error.reason)) {
    const what = error.reason === 'unknown-host' ? `the host ${url.hostname} is not known` : `${url.host} refused the connection`;
    return configError(
      `Cannot reach HelpCrunch at ${url.origin}: ${what}; nothing was sent.`,
      'Check --api-url (or HELPCRUNCH_API_URL); the default is https://api.helpcrunch.com/v1. For a local sandbox, start it first.',
      error,
    );
  }
  if (error instanceof ApiError && error.status === 404 && !/\/v1\/?$/.test(url.pathname)) {
    return configError(
      `${error.message} at ${baseUrl}: the address answers, but has no customer API there.`,
      `The base URL's path probably lacks /v1: try --api-url ${baseUrl.replace(/\/+$/, '')}/v1`,
      error,
    );
  }
  return undefined;
}
