/**
 * Runs the upsert engine with the real undici client and request runner against the sandbox started
 * in-process, and hands back what the sandbox saw, so tests assert the server's state and request counts.
 */
import { afterEach } from 'vitest';
import { createHelpCrunchClient, type HelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import { createPacer } from '../../../src/api/pacer.js';
import { createRequestRunner, type RequestRunner } from '../../../src/api/request-runner.js';
import type { ValidRow } from '../../../src/model.js';
import { startSandbox, type Sandbox, type SandboxOptions, type SandboxStats } from '../../../src/sandbox/start-sandbox.js';
import { requestBudget } from '../../../src/upsert/plan-upserts.js';
import type { RowOutcome } from '../../../src/upsert/ports.js';
import { planFolder } from '../../../src/plan/plan-files.js';
import { collectPlan } from '../../../src/plan/plan-spill.js';
import { preparePlan, type PlanOutline, type PrepareOptions } from '../../../src/upsert/prepare-writes.js';
import { writeRows, type PlannedRow, type WriteOptions } from '../../../src/upsert/write-rows.js';
export { customersPerUserId, plainCustomers, richCustomer } from '../../helpers/customers.js';

/** A plan with its rows in memory as well, for tests to read. */
export interface PreparedWrites extends PlanOutline {
  rows: readonly PlannedRow[];
}

/** Plans as a run does (spilled to a temporary folder), then reads the plan back into memory. */
export async function prepareWrites(options: Omit<PrepareOptions, 'folder'>): Promise<PreparedWrites> {
  const folder = planFolder(null);
  try {
    const outline = await preparePlan({ ...options, folder });
    return { ...outline, rows: await collectPlan(outline.plan) };
  } finally {
    folder.remove();
  }
}

/** A started sandbox and a client for it. */
export interface Harness {
  sandbox: Sandbox;
  client: HelpCrunchClient;
}

/** Starts sandboxes (unlimited rate unless told otherwise) and closes them and their clients after each test. */
export function useHarness(): (options?: SandboxOptions, clientKey?: string) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    for (const { sandbox, client } of started.splice(0)) {
      await client.close();
      await sandbox.close();
    }
  });
  return async (options = {}, clientKey) => {
    const sandbox = await startSandbox({ rate: Infinity, ...options });
    const client = createHelpCrunchClient({ baseUrl: sandbox.url, apiKey: clientKey ?? sandbox.key, timeoutMs: 5_000 });
    const harness = { sandbox, client };
    started.push(harness);
    return harness;
  };
}

/** What one run did, as the engine and the sandbox tell it. */
export interface RunReport {
  plan: PreparedWrites;
  /** How the rows beyond page 0 were looked up (read off the sandbox's routes), and the requests that took. */
  lookup: { strategy: 'list' | 'search' | 'none'; requests: number };
  result: WriteTally;
  outcomes: RowOutcome[];
  /** Requests the sandbox received during the run, page 0 included. */
  stats: SandboxStats;
  /** Requests the sandbox served (neither 429 nor injected 503): the figure the budget bounds. */
  served: number;
  budget: number;
  runner: RequestRunner;
}

/** Short backoffs, so storms and faults resolve in test time; as many attempts as the CLI uses. */
export function testRunner(): RequestRunner {
  return createRequestRunner({
    pacer: createPacer({ ratePerMinute: Infinity }),
    policy: { baseDelayMs: 20, maxDelayMs: 400 },
  });
}

/** The counts a caller keeps, the rows left without an outcome, and whether the run was aborted. */
export interface WriteTally {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  notAttempted: number;
  interrupted: boolean;
}

/** Reads the write stream to its end, as the core does; `seen` hears of each outcome as it is yielded. */
export async function drainWrites(
  options: Omit<WriteOptions, 'beforeSend' | 'rows'> & Partial<Pick<WriteOptions, 'beforeSend'>> & { rows: readonly PlannedRow[] },
  seen?: (outcome: RowOutcome) => void,
): Promise<{ outcomes: RowOutcome[]; result: WriteTally }> {
  const outcomes: RowOutcome[] = [];
  for await (const outcome of writeRows({ ...options, beforeSend: options.beforeSend ?? (() => undefined) })) {
    outcomes.push(outcome);
    seen?.(outcome);
  }
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0, skipped_exists: 0, skipped_not_found: 0 };
  for (const outcome of outcomes) counts[outcome.action] += 1;
  const result = { ...counts, notAttempted: options.rows.length - outcomes.length, interrupted: options.signal?.aborted === true };
  return { outcomes, result };
}

/** One import run as the core drives it: page 0, prepare, write. Stats are reset first. */
export async function runUpsert(
  { sandbox, client }: Harness,
  rows: ValidRow[],
  extra: Partial<Pick<PrepareOptions, 'searchFilters'> & Pick<WriteOptions, 'signal' | 'beforeSend'>> & { runner?: RequestRunner } = {},
): Promise<RunReport> {
  sandbox.resetStats();
  const runner = extra.runner ?? testRunner();
  const firstPage = await runner.run('lookup', () => client.listCustomers({ offset: 0, limit: 100 }), { idempotent: true });
  const plan = await prepareWrites({ api: client, sender: runner, rows, firstPage, searchFilters: extra.searchFilters });
  const looked = sandbox.stats();
  const searches = onRoute(looked, 'POST /customers/search');
  const lookup = {
    strategy: searches > 0 ? 'search' : onRoute(looked, 'GET /customers') > 1 ? 'list' : 'none',
    requests: runner.stats().byKind.lookup - 1,
  } as const;
  const { signal, beforeSend } = extra;
  const { outcomes, result } = await drainWrites({ api: client, sender: runner, rows: plan.rows, signal, beforeSend });
  const stats = sandbox.stats();
  const budget = requestBudget({ total: firstPage.total, valid: rows.length, created: result.created, updated: result.updated });
  return { plan, lookup, result, outcomes, stats, served: stats.requests - stats.rateLimited - stats.faults, budget, runner };
}

/** Rows `u-<from>` … `u-<from+count-1>`; `change` alters the contact of each. */
export function makeRows(count: number, options: { from?: number; change?: (i: number) => Partial<ValidRow['contact']> } = {}): ValidRow[] {
  const from = options.from ?? 0;
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      line: k + 2,
      cells: [],
      contact: { userId: `u-${i}`, name: `Name ${i}`, email: `n${i}@example.com`, ...options.change?.(i) },
    };
  });
}

/** Requests the sandbox received on one route, e.g. `POST /customers`. */
export const onRoute = (stats: SandboxStats, key: string): number => stats.byRoute[key] ?? 0;
