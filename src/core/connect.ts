import type { Page, StoredCustomer } from '../api/customer-api.js';
import { isAuthError } from '../api/api-errors.js';
import { createPacer } from '../api/pacer.js';
import { DEFAULT_MAX_WAIT_MS } from '../api/rate-episode.js';
import { createRequestRunner, type RequestRunner } from '../api/request-runner.js';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { firstContactError } from './first-contact.js';
import { LIST_PAGE_SIZE } from '../upsert/plan-upserts.js';
import type { ClosableApi, RunConfig, RunDeps, Target } from './run-config.js';

export interface Connection<A extends ClosableApi = ClosableApi> {
  api: A;
  runner: RequestRunner;
  /** The base URL requests go to, for messages about it. */
  baseUrl: string;
}

/** The ports a connection uses; `undo` connects with a client that can also delete. */
export type ConnectDeps<A extends ClosableApi> = Pick<RunDeps, 'now' | 'sleep' | 'random' | 'onEvent' | 'signal'> & {
  connect: (target: Target) => A;
};

/** Opens the client, the pacer and the runner; sends nothing yet. */
export function openConnection<A extends ClosableApi = ClosableApi>(
  config: Pick<RunConfig, 'ratePerMinute' | 'maxWaitMs'>,
  deps: ConnectDeps<A>,
  target: Target,
): Connection<A> {
  const api = deps.connect(target);
  // One sleep for pacing and backoff, cancelled by Ctrl-C: no wait outlives the run or keeps the process up.
  const sleep = (ms: number): Promise<void> => deps.sleep(ms, deps.signal);
  const maxWaitMs = config.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const onHold = (delayMs: number, stormMs: number): void =>
    deps.onEvent({ type: 'waiting', delayMs, reason: stormReason(stormMs, maxWaitMs) });
  const pacer = createPacer({ ratePerMinute: config.ratePerMinute, now: deps.now, sleep, onHold, maxWaitMs });
  const runner = createRequestRunner({
    pacer,
    sleep,
    now: deps.now,
    random: deps.random,
    onEvent: (event) => {
      const reason = event.status === undefined ? event.reason : `${event.reason} (${event.status})`;
      const { kind, delayMs, attempt, maxAttempts, status } = event;
      deps.onEvent({ type: 'retry', kind, reason, delayMs, attempt, maxAttempts, ...(status === undefined ? {} : { status }) });
    },
  });
  return { api, runner, baseUrl: target.baseUrl };
}

/** What the progress line says while 429s hold every start: how long so far, and when the run gives up. */
function stormReason(stormMs: number, maxWaitMs: number): string {
  const minutes = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);
  const sofar = stormMs >= 1000 ? ` for ${minutes(stormMs)}` : '';
  return `rate limited${sofar} (the run stops after ${minutes(maxWaitMs)}, --max-wait)`;
}

/** `GET /customers?offset=0&limit=100`: proves the key works and tells the account's size. 401/403 stops here. */
export async function fetchFirstPage({ api, runner, baseUrl }: Connection, deps: Pick<RunDeps, 'onEvent'>): Promise<Page<StoredCustomer>> {
  // A wrong address fails at once, unretried (the policy retries no HciError that is not an API answer).
  const send = () =>
    api.listCustomers({ offset: 0, limit: LIST_PAGE_SIZE }).catch((error: unknown) => {
      throw firstContactError(error, baseUrl) ?? error;
    });
  try {
    const firstPage = await runner.run('lookup', send, { idempotent: true });
    deps.onEvent({ type: 'connected', total: firstPage.total });
    return firstPage;
  } catch (error) {
    if (isAuthError(error)) {
      throw new HciError({
        code: ErrorCode.authRejected,
        kind: ErrorKind.unauthorised,
        message: `HelpCrunch rejected the API key (${error.status}); nothing was sent.`,
        hint:
          'Copy the key from HelpCrunch: Settings → Developers → Public API (not the Legacy API key), ' +
          'then set HELPCRUNCH_API_KEY or use --api-key-file.',
        cause: error,
      });
    }
    throw error;
  }
}
