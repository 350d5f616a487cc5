/**
 * What the crash/resume tests (spawned in test/e2e, in-process in test/cli) share: a seeded contact file
 * (new customers, customers the sandbox already holds with other values, identical ones, a reject and a
 * duplicate), journal polling, and the checks that must hold after any number of interrupted runs
 * followed by a resume.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { seededRandom } from '../../src/sandbox/faults.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/start-sandbox.js';

/** Sandbox latency and client pace: a full import of `contactFile()` takes about two seconds. */
export const LATENCY_MS = 50;
export const RATE_PER_MINUTE = 3600;

/** The sandbox's seeded PRNG, so every seed reproduces the same file and kill point. */
export { seededRandom };

/** The fields a row sets; `undefined` is a blank cell (the stored value is kept). */
interface RowFields {
  userId: string;
  name: string;
  email: string;
  phone?: string;
  company?: string;
}

/** A generated import: the CSV, the customers to seed, and what the sandbox must hold afterwards. */
export interface ContactFile {
  csv: string;
  /** Pre-seeded customers (write shape), each with a `notes` value the CSV does not carry. */
  seeded: Array<Record<string, unknown>>;
  /** userId → the fields the sandbox must hold after the import (notes included for seeded ones). */
  expected: Map<string, { name: string; email: string; phone: string | null; company: string | null; notes: string | null }>;
  counts: { rows: number; valid: number; rejected: number; duplicates: number; created: number; updated: number; unchanged: number };
}

export interface ContactFileOptions {
  seed: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  /** Customers in the account the CSV does not mention (they make the lookup list more pages). */
  bystanders?: number;
}

const defined = (record: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

const cell = (value: string | undefined): string =>
  value === undefined ? '' : /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/**
 * New rows, rows that change a seeded customer, rows equal to one, one invalid email and one duplicate
 * user_id, shuffled by `seed` so creates and batch updates are in flight together.
 */
export function contactFile(options: ContactFileOptions): ContactFile {
  const random = seededRandom(options.seed);
  const id = (kind: string, i: number): string => `${kind}-${options.seed}-${String(i).padStart(4, '0')}`;
  const seeded: ContactFile['seeded'] = [];
  const expected: ContactFile['expected'] = new Map();
  const rows: RowFields[] = [];
  const person = (userId: string, tag: string): RowFields => ({
    userId,
    name: `Person ${tag} ${userId}`,
    email: `${userId}.${tag}@example.com`,
    phone: random() < 0.7 ? `+1555${Math.floor(random() * 1e7)}` : undefined,
    company: random() < 0.5 ? `Company, ${tag} "${Math.floor(random() * 100)}"` : undefined,
  });
  const want = (row: RowFields, stored?: Record<string, unknown>): void => {
    const kept = (field: 'phone' | 'company'): string | null => row[field] ?? (stored?.[field] as string | undefined) ?? null;
    expected.set(row.userId, {
      name: row.name,
      email: row.email,
      phone: kept('phone'),
      company: kept('company'),
      notes: (stored?.notes as string | undefined) ?? null,
    });
  };
  for (let i = 0; i < (options.created ?? 100); i += 1) {
    const row = person(id('new', i), 'new');
    rows.push(row);
    want(row);
  }
  for (let i = 0; i < (options.updated ?? 50); i += 1) {
    const stored = { ...person(id('upd', i), 'old'), phone: '+4400000', company: 'Old Co', notes: `seeded note ${i}` };
    seeded.push(defined(stored));
    const row = person(stored.userId, 'changed');
    rows.push(row);
    want(row, stored);
  }
  for (let i = 0; i < (options.unchanged ?? 20); i += 1) {
    const stored = { ...person(id('same', i), 'same'), notes: `kept note ${i}` };
    seeded.push(defined(stored));
    const row: RowFields = { userId: stored.userId, name: stored.name, email: stored.email, phone: stored.phone };
    rows.push(row);
    want(row, stored);
  }
  for (let i = 0; i < (options.bystanders ?? 0); i += 1) seeded.push(defined(person(id('other', i), 'other')));
  for (let i = rows.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as RowFields, rows[i] as RowFields];
  }
  const first = rows[0] as RowFields;
  const lines = rows.map((row) => [row.userId, row.name, row.email, row.phone, row.company].map(cell).join(','));
  // A reject and a duplicate of the first row (which `--on-duplicate first` keeps), in the middle.
  lines.splice(
    Math.floor(lines.length / 2),
    0,
    `bad-${options.seed},Broken Row,not-an-email,,`,
    `${first.userId},Someone Else,else@example.com,,`,
  );
  const created = options.created ?? 100;
  const updated = options.updated ?? 50;
  const unchanged = options.unchanged ?? 20;
  const valid = created + updated + unchanged;
  return {
    csv: `user_id,name,email,phone,company\n${lines.join('\n')}\n`,
    seeded,
    expected,
    counts: { rows: valid + 2, valid, rejected: 1, duplicates: 1, created, updated, unchanged },
  };
}

/** Starts sandboxes for the file and closes them after each test. */
export function useSandboxes(): (file: ContactFile, options?: SandboxOptions) => Promise<Sandbox> {
  const started: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
  });
  return async (file, options = {}) => {
    const sandbox = await startSandbox({ rate: Infinity, latencyMs: LATENCY_MS, customers: file.seeded, ...options });
    started.push(sandbox);
    return sandbox;
  };
}

/** A run of `hc-import`, spawned or in-process: its output so far and its end. */
export interface Running {
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null }>;
}

/** The usual arguments: paced so the import takes a few seconds, no prompt, no progress bar. */
export const importArgs = (reportDir: string, extra: readonly string[] = [], rate = RATE_PER_MINUTE): string[] => [
  'contacts.csv',
  '--yes',
  '--rate',
  String(rate),
  '--report-dir',
  reportDir,
  ...extra,
];

export async function writeContacts(dir: string, file: ContactFile): Promise<void> {
  await writeFile(join(dir, 'contacts.csv'), file.csv);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The journal's text, '' while it does not exist. */
export async function journalText(reportDir: string): Promise<string> {
  return readFile(join(reportDir, 'journal.jsonl'), 'utf8').catch(() => '');
}

const outcomeLines = (text: string): number => text.split('\n').filter((line) => line.startsWith('{"type":"outcome"')).length;

/** Polls `check` every 10 ms until it holds; false when the child exited first. */
export async function waitUntil(check: () => boolean | Promise<boolean>, child: Running): Promise<boolean> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (;;) {
    if (await check()) return true;
    if (exited) return false;
    await sleep(10);
  }
}

/** Polls until the journal holds `count` outcome lines; false when the child exited first. */
export async function waitForOutcomes(reportDir: string, count: number, child: Running): Promise<boolean> {
  return waitUntil(async () => outcomeLines(await journalText(reportDir)) >= count, child);
}

/** Outcome lines in the journal now. */
export async function countOutcomes(reportDir: string): Promise<number> {
  return outcomeLines(await journalText(reportDir));
}

/** Every complete line of the journal parses; a torn last line (no newline yet) is allowed. */
export function expectWellFormedJournal(text: string): void {
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  const lines = complete.split('\n').filter((line) => line !== '');
  expect(lines.length).toBeGreaterThan(0);
  for (const [index, line] of lines.entries()) expect(() => JSON.parse(line), `journal line ${index + 1}: ${line}`).not.toThrow();
  expect((JSON.parse(lines[0] ?? '{}') as { type?: string }).type).toBe('header');
}

export async function readSummary(reportDir: string): Promise<Summary> {
  return JSON.parse(await readFile(join(reportDir, 'summary.json'), 'utf8')) as Summary;
}

/** results.csv as rows of `_line, user_id, action, helpcrunch_id` (BOM and header dropped). */
export async function readResults(reportDir: string): Promise<string[][]> {
  const text = (await readFile(join(reportDir, 'results.csv'), 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

/** The arguments of the `To continue: hc-import …` line the binary printed (shell quoting undone). */
export function resumeArgs(stderr: string): string[] {
  const line = /^To continue: hc-import (.*)$/m.exec(stderr)?.[1];
  if (line === undefined) throw new Error(`no resume command in stderr:\n${stderr}`);
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : (m[2] ?? '')));
}

/**
 * What must hold once a resumed run finished: every userId exactly once with the CSV's fields (and the
 * seeded notes kept), counts that reconcile over the whole file with nothing failed, a row created before
 * a crash counted as created, and exactly one results.csv line per valid row.
 */
export async function expectCompleteImport(sandbox: Sandbox, file: ContactFile, reportDir: string): Promise<void> {
  const customers = sandbox.customers();
  const byUserId = new Map<string, number>();
  for (const customer of customers) byUserId.set(customer.userId ?? '', (byUserId.get(customer.userId ?? '') ?? 0) + 1);
  expect(
    [...byUserId].filter(([, n]) => n > 1),
    'userIds held more than once',
  ).toEqual([]);
  for (const [userId, want] of file.expected) {
    const got = customers.find((customer) => customer.userId === userId);
    expect(got, userId).toBeDefined();
    expect({ name: got?.name, email: got?.email, phone: got?.phone, company: got?.company, notes: got?.notes }, userId).toEqual(want);
  }
  expect(customers).toHaveLength(file.seeded.length + file.counts.created);
  // Never sent twice: one create per new userId over every run (a create in flight was looked up instead).
  expect(sandbox.stats().byRoute['POST /customers'] ?? 0, 'creates sent').toBe(file.counts.created);

  const summary = await readSummary(reportDir);
  const { counts } = summary;
  expect(summary.status).toBe('finished');
  expect(counts.rows).toBe(counts.valid + counts.rejected + counts.duplicates);
  expect(counts.valid).toBe(counts.created + counts.updated + counts.unchanged + counts.failed);
  expect(counts).toEqual({ ...file.counts, skipped: 0, failed: 0 });

  const results = await readResults(reportDir);
  expect(results).toHaveLength(file.counts.valid);
  expect(new Set(results.map((row) => row[0])).size).toBe(file.counts.valid);
  expect(new Set(results.map((row) => row[1]))).toEqual(new Set(file.expected.keys()));
  const actions = { created: 0, updated: 0, unchanged: 0 } as Record<string, number>;
  for (const row of results) actions[row[2] ?? ''] = (actions[row[2] ?? ''] ?? 0) + 1;
  expect(actions).toEqual({ created: file.counts.created, updated: file.counts.updated, unchanged: file.counts.unchanged });
}
