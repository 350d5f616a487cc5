/**
 * Runs the whole core, `runImport(config, deps)`, with the real undici client against the sandbox started
 * in-process, and reads back what it left: the report files and the journal. Tests then assert both the
 * sandbox's state and the reports.
 */
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { afterEach, expect } from 'vitest';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import type { RunEvent } from '../../../src/core/events.js';
import type { RunConfig, RunDeps, Target } from '../../../src/core/run-config.js';
import { runImport, type RunResult } from '../../../src/core/run-import.js';
import type { JournalEntry } from '../../../src/journal/journal.js';
import type { Summary } from '../../../src/report/summary.js';
import { seededRandom } from '../../../src/sandbox/faults.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/start-sandbox.js';
import { useTempDirs } from '../../helpers/temp-dir.js';
import { customersPerUserId } from '../../helpers/customers.js';
export { customersPerUserId, plainCustomers, richCustomer } from '../../helpers/customers.js';

/** How one prepared run differs from the defaults (the sandbox's target, apply mode, unpaced, 4 in flight). */
export interface PrepareOptions {
  /** Default: the sandbox's URL and key. `null`: an offline run. */
  target?: Target | null;
  config?: Partial<RunConfig>;
  deps?: Partial<RunDeps>;
  /** Seed of `deps.random` (retry jitter). Default 1. */
  seed?: number;
  /** Also told every event, with the run's abort controller (to interrupt the run from a listener). */
  listen?: (event: RunEvent, controller: AbortController) => void;
  /** Reuse a report directory (a resume, a re-run); default a fresh one. */
  reportDir?: string;
}

/** A run ready to go: its config and ports, and what it collects. */
export interface PreparedRun {
  config: RunConfig;
  deps: RunDeps;
  events: RunEvent[];
  controller: AbortController;
  inputPath: string;
  reportDir: string;
}

/** What the report directory holds after a run. CSV files are read as records keyed by header. */
export interface Reports {
  summary: Summary;
  results: Record<string, string>[];
  failures: Record<string, string>[];
  rejects: Record<string, string>[];
  duplicates: Record<string, string>[];
  /** Undefined when the run left no journal. */
  journal: JournalEntry[] | undefined;
}

export interface ImportOutcome extends RunResult {
  reports: Reports;
  events: RunEvent[];
  reportDir: string;
}

export interface ImportHarness {
  /** A fresh temp folder, removed after the test. */
  tempDir(): Promise<string>;
  /** Starts a sandbox (unlimited rate unless told otherwise), closed after the test. */
  sandbox(options?: SandboxOptions): Promise<Sandbox>;
  /** Writes `csv` into a fresh temp dir and builds the config and ports of a run over it. */
  prepare(sandbox: Sandbox, csv: string, options?: PrepareOptions): Promise<PreparedRun>;
  /** `prepare`, `runImport`, and the reports it left. */
  run(sandbox: Sandbox, csv: string, options?: PrepareOptions): Promise<ImportOutcome>;
}

/** The harness; call once per test file, at the top level (it registers its cleanup). */
export function useImportHarness(): ImportHarness {
  const tempDir = useTempDirs();
  const sandboxes: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
  });

  async function prepare(sandbox: Sandbox, csv: string, options: PrepareOptions = {}): Promise<PreparedRun> {
    const dir = await tempDir();
    const inputPath = join(dir, 'input.csv');
    await writeFile(inputPath, csv, 'utf8');
    const reportDir = options.reportDir ?? join(dir, 'report');
    const target = options.target === undefined ? { baseUrl: sandbox.url, apiKey: sandbox.key } : options.target;
    const config: RunConfig = {
      inputLabel: inputPath,
      map: {},
      onDuplicate: 'first',
      blanks: 'keep',
      failOn: 'any',
      reportDir,
      dryRun: false,
      target,
      ratePerMinute: Infinity,
      concurrency: 4,
      resume: false,
      mapAsGiven: [],
      sandbox: false,
      ...options.config,
    };
    const events: RunEvent[] = [];
    const controller = new AbortController();
    const deps: RunDeps = {
      openInput: () => createReadStream(inputPath),
      connect: (t) => createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey }),
      now: Date.now,
      sleep: (ms, signal) => delay(ms, undefined, { signal }),
      random: seededRandom(options.seed ?? 1),
      onEvent: (event) => {
        events.push(event);
        options.listen?.(event, controller);
      },
      confirm: async () => true,
      signal: controller.signal,
      version: 'test',
      ...options.deps,
    };
    return { config, deps, events, controller, inputPath, reportDir };
  }

  return {
    tempDir,
    async sandbox(options = {}) {
      const sandbox = await startSandbox({ rate: Infinity, ...options });
      sandboxes.push(sandbox);
      return sandbox;
    },
    prepare,
    async run(sandbox, csv, options) {
      const prepared = await prepare(sandbox, csv, options);
      const result = await runImport(prepared.config, prepared.deps);
      return { ...result, reports: await readReports(prepared.reportDir), events: prepared.events, reportDir: prepared.reportDir };
    },
  };
}

/** Reads summary.json, the row reports (BOM stripped) and the journal of a report directory. */
export async function readReports(reportDir: string): Promise<Reports> {
  const summary = JSON.parse(await readFile(join(reportDir, 'summary.json'), 'utf8')) as Summary;
  return {
    summary,
    results: await readCsvReport(reportDir, 'results.csv'),
    failures: await readCsvReport(reportDir, 'failures.csv'),
    rejects: await readCsvReport(reportDir, 'rejects.csv'),
    duplicates: await readCsvReport(reportDir, 'duplicates.csv'),
    journal: await readJournalEntries(reportDir),
  };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A report CSV as records; `[]` when the file does not exist. */
async function readCsvReport(reportDir: string, name: string): Promise<Record<string, string>[]> {
  const text = await readOptional(join(reportDir, name));
  if (text === undefined) return [];
  expect(text.startsWith('\uFEFF'), `${name} starts with a BOM`).toBe(true);
  return parse(text, { bom: true, columns: true }) as Record<string, string>[];
}

/** journal.jsonl's entries; undefined when the run left no journal. */
export async function readJournalEntries(reportDir: string): Promise<JournalEntry[] | undefined> {
  const text = await readOptional(join(reportDir, 'journal.jsonl'));
  return text
    ?.split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}

/** `2 + min(⌈T/100⌉, ⌈V/10⌉) + C + ⌈U/10⌉`, from the account size before the run and the summary's counts. */
export function requestBudget(accountSize: number, counts: Summary['counts']): number {
  const lookup = Math.min(Math.ceil(accountSize / 100), Math.ceil(counts.valid / 10));
  return 2 + lookup + counts.created + Math.ceil(counts.updated / 10);
}

/** A CSV of `header` and `rows`, LF-terminated; cells are written as given (no quoting needed in tests). */
export function csvOf(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, ...rows].map((cells) => `${cells.join(',')}\n`).join('');
}

/** `user_id,name,email` rows for `u-<from>` … `u-<from+count-1>`, matching the seed customers below. */
export function contactsCsv(count: number, options: { from?: number; name?: (i: number) => string } = {}): string {
  const from = options.from ?? 0;
  const rows = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return [`u-${i}`, options.name?.(i) ?? `Name ${i}`, `n${i}@example.com`];
  });
  return csvOf(['user_id', 'name', 'email'], rows);
}

/** Writes (creates and batch updates) the sandbox received. */
export function writesSeen(sandbox: Sandbox): number {
  const { byRoute } = sandbox.stats();
  return (byRoute['POST /customers'] ?? 0) + (byRoute['PUT /customers/batch'] ?? 0);
}

/**
 * The checks every finished run must pass: the counts reconcile, results.csv holds one line per applied
 * row and failures.csv one per failed row, each valid line exactly once, and the request count the
 * summary gives is the one the sandbox saw (stats reset before the run).
 */
export function expectReconciled(outcome: ImportOutcome, sandbox: Sandbox): void {
  const { summary, results, failures } = outcome.reports;
  const { counts } = summary;
  expect(summary.status).toBe('finished');
  expect(counts.rows).toBe(counts.valid + counts.rejected + counts.duplicates);
  expect(counts.valid).toBe(counts.created + counts.updated + counts.unchanged + counts.failed);
  expect(results).toHaveLength(counts.created + counts.updated + counts.unchanged);
  expect(failures).toHaveLength(counts.failed);
  const lines = [...results, ...failures].map((row) => row['_line']);
  expect(new Set(lines).size).toBe(counts.valid);
  for (const action of ['created', 'updated', 'unchanged'] as const) {
    expect(
      results.filter((row) => row['action'] === action),
      action,
    ).toHaveLength(counts[action]);
  }
  expect(summary.requests.total).toBe(sandbox.stats().requests);
}

/** The 70 userIds of `contactsCsv(70)` over `plainCustomers(30)` once each, with the file's names. */
export function expectWholeFileStored(sandbox: Sandbox): void {
  const customers = sandbox.customers();
  expect(customers).toHaveLength(70);
  expect([...customersPerUserId(customers).values()].every((count) => count === 1)).toBe(true);
  for (const customer of customers) {
    const i = Number(customer.userId?.slice(2));
    expect(customer.name).toBe(i >= 10 && i < 30 ? `Renamed ${i}` : `Name ${i}`);
  }
}
