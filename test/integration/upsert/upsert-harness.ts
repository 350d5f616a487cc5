/**
 * Runs the upsert engine with the real undici client and request runner against the sandbox started
 * in-process, and hands back what the sandbox saw, so tests assert the server's state and request counts.
 */
import { afterEach } from 'vitest';
import { createHelpCrunchClient, type HelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import { createPacer } from '../../../src/api/pacer.js';
import { createRequestRunner, type RequestRunner } from '../../../src/api/request-runner.js';
import type { ValidRow } from '../../../src/model.js';
import {
  startSandbox, type Sandbox, type SandboxOptions, type SandboxStats,
} from '../../../src/sandbox/start-sandbox.js';
import { requestBudget } from '../../../src/upsert/plan-upserts.js';
import type { RowOutcome } from '../../../src/upsert/ports.js';
import { upsertRows, type UpsertPlan, type UpsertResult, type UpsertRowsOptions } from '../../../src/upsert/upsert-rows.js';
export { customersPerUserId, plainCustomers, richCustomer } from '../../helpers/customers.js';

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
  plan: UpsertPlan;
  result: UpsertResult;
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
    pacer: createPacer({ ratePerMinute: Infinity, concurrency: 4 }),
    policy: { baseDelayMs: 20, maxDelayMs: 400 },
  });
}

/** One import run as the core drives it: page 0, prepare, execute. Stats are reset first. */
export async function runUpsert(
  { sandbox, client }: Harness,
  rows: ValidRow[],
  extra: Partial<Pick<UpsertRowsOptions, 'searchFilters' | 'signal' | 'hooks'>> & { runner?: RequestRunner } = {},
): Promise<RunReport> {
  sandbox.resetStats();
  const runner = extra.runner ?? testRunner();
  const firstPage = await runner.run('lookup', () => client.listCustomers({ offset: 0, limit: 100 }), { idempotent: true });
  const outcomes: RowOutcome[] = [];
  const upserter = upsertRows({
    api: client,
    sender: runner,
    rows,
    firstPage,
    ...extra,
    hooks: { ...extra.hooks, onOutcome: (outcome) => outcomes.push(outcome) },
  });
  const plan = await upserter.prepare();
  const result = await upserter.execute(plan);
  const stats = sandbox.stats();
  const budget = requestBudget({ total: firstPage.total, valid: rows.length, created: result.created, updated: result.updated });
  return { plan, result, outcomes, stats, served: stats.requests - stats.rateLimited - stats.faults, budget, runner };
}

/** Rows `u-<from>` … `u-<from+count-1>`; `change` alters the contact of each. */
export function makeRows(
  count: number,
  options: { from?: number; change?: (i: number) => Partial<ValidRow['contact']> } = {},
): ValidRow[] {
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
