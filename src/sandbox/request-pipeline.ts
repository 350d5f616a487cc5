import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, SandboxErrorCode } from './api-error.js';
import type { AttributePolicy } from './custom-attributes.js';
import type { BatchBehaviour } from './customer-handlers.js';
import type { CustomerStore } from './customer-store.js';
import type { FaultPlan } from './faults.js';
import { parseJsonBody, readBody, sendError, sendJson, type RawBody } from './http-io.js';
import { retryAfterSeconds, type RateWindow } from './rate-window.js';
import { matchRoute, type RouteMatch } from './routes.js';
import type { StatsCounter } from './sandbox-stats.js';
import type { SearchLimits } from './search-query.js';

/** Everything one request may touch; `start-sandbox.ts` builds it once per server. */
export interface PipelineParts {
  key: string;
  store: CustomerStore;
  limits: SearchLimits;
  attributes: AttributePolicy;
  batch: BatchBehaviour;
  rateWindow: RateWindow;
  retryAfter: boolean;
  latencyMs: number;
  faults: FaultPlan;
  stats: StatsCounter;
  /** Aborted on close, so requests sleeping through the latency give up instead of waking to a dead server. */
  signal: AbortSignal;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The `request` listener: latency → auth → rate limit → fault → route → drop, in that order. */
export function createRequestListener(parts: PipelineParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(parts, req, res).catch((error: unknown) => {
      if (parts.signal.aborted || req.destroyed) return;
      sendError(res, new ApiError(500, [{ code: SandboxErrorCode.internalError, message: String(error) }]));
    });
  };
}

async function handle(parts: PipelineParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = parseUrl(req.url);
  const route = matchRoute(method, url.pathname);
  parts.stats.received(route.key);
  const body = await readBody(req);
  if (parts.latencyMs > 0) await delay(parts.latencyMs, undefined, { signal: parts.signal });

  const refusal = admit(parts, req);
  if (refusal !== undefined) return sendError(res, refusal);
  const { status, payload, headers } = answer(parts, route, url, body);
  if (WRITE_METHODS.has(method) && !('error' in route) && parts.faults.nextIsDrop()) {
    parts.stats.count('drops');
    req.socket.destroy();
    return;
  }
  sendJson(res, status, payload, headers);
}

/** The checks before a request is served: auth, then the rate budget, then fault injection. */
function admit(parts: PipelineParts, req: IncomingMessage): ApiError | undefined {
  if (req.headers.authorization !== `Bearer ${parts.key}`) {
    return new ApiError(401, [{ code: SandboxErrorCode.unauthorized, message: 'Missing or wrong API key.' }]);
  }
  const decision = parts.rateWindow.take();
  if (!decision.allowed) {
    parts.stats.count('rateLimited');
    const headers: Record<string, string> = {};
    if (parts.retryAfter) headers['retry-after'] = String(retryAfterSeconds(decision.retryAfterMs));
    return new ApiError(429, [{ code: SandboxErrorCode.tooManyRequests, message: 'Rate limit exceeded.' }], headers);
  }
  if (parts.faults.nextIsFault()) {
    parts.stats.count('faults');
    return new ApiError(503, [{ code: SandboxErrorCode.serviceUnavailable, message: 'Injected fault: try again.' }]);
  }
  return undefined;
}

interface Answer {
  status: number;
  payload: unknown;
  headers?: Record<string, string>;
}

function answer(parts: PipelineParts, route: RouteMatch, url: URL, body: RawBody): Answer {
  try {
    if ('error' in route) throw route.error;
    const reply = route.handler({
      store: parts.store,
      limits: parts.limits,
      attributes: parts.attributes,
      batch: parts.batch,
      query: url.searchParams,
      id: route.id,
      body: () => parseJsonBody(body),
    });
    return { status: reply.status, payload: reply.body };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, payload: { errors: error.errors }, headers: error.headers };
  }
}

// Node's parser lets odd request targets through (`//x`, absolute forms); any that URL refuses is a 404.
function parseUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://sandbox.invalid');
  } catch {
    return new URL('http://sandbox.invalid/');
  }
}
