import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredSandboxCustomer } from './customer-record.js';
import type { BatchBehaviour } from './customer-handlers.js';
import { CustomerStore, type KeyCase } from './customer-store.js';
import type { SandboxAttributeType, UnknownAttributes } from './custom-attributes.js';
import { FaultPlan } from './faults.js';
import { AutoSaver, loadState, seedState } from './persistence.js';
import { RateWindow } from './rate-window.js';
import { answerClientError } from './http-io.js';
import { createRequestListener } from './request-pipeline.js';
import { StatsCounter, type SandboxStats } from './sandbox-stats.js';

export type { StoredSandboxCustomer, SandboxTag, CustomDataValue } from './customer-record.js';
export type { SandboxStats } from './sandbox-stats.js';
export type { ErrorEntry } from './api-error.js';
export type { KeyCase } from './customer-store.js';
export { SandboxErrorCode } from './api-error.js';
export type { SandboxAttributeType, UnknownAttributes } from './custom-attributes.js';
export { UNKNOWN_ATTRIBUTE_CODE } from './custom-attributes.js';

/** How the sandbox behaves. Every option has a default that mimics a healthy HelpCrunch account. */
export interface SandboxOptions {
  /** Port to listen on; default 0, a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** The API key accepted as `Authorization: Bearer <key>`; default `sandbox-key`. */
  key?: string;
  /** Requests served per sliding window; default 120 (HelpCrunch's default); `Infinity` for no limit. */
  rate?: number;
  /** The sliding window in milliseconds; default 60 000. */
  windowMs?: number;
  /** Whether a 429 carries `Retry-After` (whole seconds, rounded up, at least 1); default true. */
  retryAfter?: boolean;
  /** Delay before every answer, in milliseconds; default 0. */
  latencyMs?: number;
  /** Probability of answering 503 before touching anything; default 0. */
  faultRate?: number;
  /** Probability of applying a write and then closing the connection without an answer; default 0. */
  dropRate?: number;
  /** Seed for the fault and drop decisions, so a run reproduces; default 1. */
  seed?: number;
  /** Most items a list or search page holds, whatever the client asks for; default 100. */
  maxPageSize?: number;
  /** Most filters one search takes; more is a 400 `invalid_filter`; default 10. */
  maxSearchFilters?: number;
  /**
   * How userIds and emails compare, in the userId-uniqueness rule and in search `=`/`!=`: `exact` (default)
   * or `insensitive` (`ABC` is taken once `abc` exists, and a search for `abc` answers `ABC`). HelpCrunch's is unknown.
   */
  keyCase?: KeyCase;
  /** What a successful `PUT /customers/batch` answers: `customers` (`{data: [...]}`, default) or `ok` (the string `"Ok"`). Unknown for HelpCrunch. */
  batchAnswer?: BatchBehaviour['answer'];
  /**
   * A batch with a bad item: `atomic` (default) applies none of it; `partial` applies the items before the bad one.
   * Both answer the same 400. Unknown for HelpCrunch.
   */
  batchFailure?: BatchBehaviour['failure'];
  /** Customers to start with, in the WRITE shape of a create body; they get ids 1..n. */
  customers?: Array<Record<string, unknown>>;
  /**
   * A JSON file holding the customers. Loaded at start when it exists (and then it wins over `customers`);
   * saved atomically every `saveIntervalMs` when something changed, and on `close()`.
   */
  dataFile?: string;
  /** Default 5000. */
  saveIntervalMs?: number;
  /** Registered custom attributes, property → type; others follow `unknownAttributes`. Default none. */
  customAttributes?: Record<string, SandboxAttributeType>;
  /** What a write naming an unregistered custom attribute gets: stored, a 400, or silently dropped. Default `accept`. */
  unknownAttributes?: UnknownAttributes;
  /** The rate window's clock in milliseconds (default `performance.now`), so tests can run it on a fake timeline. */
  now?: () => number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:4010/v1`. */
  url: string;
  key: string;
  /** A snapshot of every customer in the read shape, ordered by id. */
  customers(): StoredSandboxCustomer[];
  stats(): SandboxStats;
  resetStats(): void;
  /** Closes every connection, then saves `dataFile` if one was given. */
  close(): Promise<void>;
}

/**
 * Starts a local HTTP server with the semantics of HelpCrunch's customer API, the awkward parts included
 * (PUT clears what it is not sent, whole batches fail on one bad item, 429s, short pages), so clients are
 * tested against the behaviour they will meet rather than a friendlier one.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const key = options.key ?? 'sandbox-key';
  const saved = options.dataFile === undefined ? undefined : await loadState(options.dataFile);
  const keyCase = options.keyCase ?? 'exact';
  const store = new CustomerStore(saved ?? seedState(options.customers ?? []), Date.now, keyCase);
  const stats = new StatsCounter();
  const closing = new AbortController();
  const listener = createRequestListener({
    key,
    store,
    stats,
    signal: closing.signal,
    attributes: { known: options.customAttributes ?? {}, unknown: options.unknownAttributes ?? 'accept' },
    limits: { maxPageSize: atLeastOne(options.maxPageSize ?? 100), maxFilters: atLeastOne(options.maxSearchFilters ?? 10), keyCase },
    batch: { answer: options.batchAnswer ?? 'customers', failure: options.batchFailure ?? 'atomic' },
    rateWindow: new RateWindow(options.rate ?? 120, options.windowMs ?? 60_000, options.now),
    retryAfter: options.retryAfter ?? true,
    latencyMs: options.latencyMs ?? 0,
    faults: new FaultPlan({ faultRate: options.faultRate ?? 0, dropRate: options.dropRate ?? 0, seed: options.seed ?? 1 }),
  });
  const server = createServer(listener).on('clientError', answerClientError);
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  let closed: Promise<void> | undefined;
  const saver = options.dataFile === undefined ? undefined : new AutoSaver(options.dataFile, store, options.saveIntervalMs ?? 5000);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`,
    key,
    customers: () => store.state().customers,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close: () => {
      closed ??= shutDown(server, closing, saver);
      return closed;
    },
  };
}

// Repeated close() calls share one shutdown, so the data file is saved once and no call sees a half-closed server.
async function shutDown(server: Server, closing: AbortController, saver: AutoSaver | undefined): Promise<void> {
  closing.abort();
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await stopped;
  await saver?.stop();
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function atLeastOne(value: number): number {
  if (!(value >= 1)) throw new RangeError(`page size and filter limits must be at least 1, got ${value}`);
  return Math.floor(value);
}
