// The upsert figures: requests used ÷ budget on a mixed import, and achieved ÷ configured rate against a
// sandbox with latency. Both run the real core and client against the in-process sandbox.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createHelpCrunchClient, requestBudget, runImport, startSandbox } from '../dist/index.js';

const customer = (i, name) => ({ userId: `u${i}`, name, email: `u${i}@example.com`, phone: `+1 555 ${i}`, notes: 'keep me' });
const csvRow = (i, name) => `u${i},${name},u${i}@example.com`;

/**
 * Runs the real core and client against `sandbox` over `csv` (or the file at `options.path`); `options`
 * may set the rate, an event listener, and config or deps overrides. Resolves to the summary and the ms taken.
 */
export async function importInto(sandbox, csv, options = {}) {
  const { ratePerMinute = Infinity, onEvent = () => {} } = options;
  const dir = mkdtempSync(join(tmpdir(), 'hc-import-bench-'));
  const path = options.path ?? join(dir, 'contacts.csv');
  if (options.path === undefined) writeFileSync(path, csv);
  const config = {
    inputLabel: path,
    map: {},
    onDuplicate: 'first',
    blanks: 'keep',
    failOn: 'any',
    reportDir: join(dir, 'report'),
    dryRun: false,
    target: { baseUrl: sandbox.url, apiKey: sandbox.key },
    ratePerMinute,
    concurrency: 4,
    resume: false,
    mapAsGiven: [],
    sandbox: true,
    ...options.config,
  };
  const deps = {
    openInput: () => createReadStream(path),
    connect: (target) => createHelpCrunchClient(target),
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, { signal }),
    random: Math.random,
    onEvent,
    confirm: async () => true,
    signal: new AbortController().signal,
    version: 'bench',
    ...options.deps,
  };
  const started = performance.now();
  const { summary } = await runImport(config, deps);
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return { summary, ms };
}

/** 2,000 customers in the account; a 3,000-row file: 1,000 unchanged, 500 renamed, 1,500 new. */
export async function mixedImportRatio() {
  const existing = Array.from({ length: 2000 }, (_, i) => customer(i, `Name ${i}`));
  const sandbox = await startSandbox({ rate: Infinity, customers: existing });
  try {
    const lines = ['user_id,name,email'];
    for (let i = 0; i < 1000; i += 1) lines.push(csvRow(i, `Name ${i}`));
    for (let i = 1000; i < 1500; i += 1) lines.push(csvRow(i, `Renamed ${i}`));
    for (let i = 2000; i < 3500; i += 1) lines.push(csvRow(i, `New ${i}`));
    const { summary } = await importInto(sandbox, `${lines.join('\n')}\n`);
    const { counts } = summary;
    const budget = requestBudget({ total: existing.length, valid: counts.valid, created: counts.created, updated: counts.updated });
    return { requests: summary.requests.total, budget, served: sandbox.stats().requests, counts };
  } finally {
    await sandbox.close();
  }
}

/** `creates` (240) creates at 1,200/min against a sandbox allowing 60 per 3-second window (the same rate) with 60 ms latency. */
export async function pacingRatio(creates = 240) {
  const sandbox = await startSandbox({ rate: 60, windowMs: 3000, latencyMs: 60 });
  try {
    const lines = ['user_id,name,email'];
    for (let i = 0; i < creates; i += 1) lines.push(csvRow(i, `Paced ${i}`));
    // Timed from the plan (page 0 answered while the CSV was read; no lookup is left) to the last answer: the writes' own span.
    let first = 0;
    let last = 0;
    const onEvent = (event) => {
      if (event.type === 'plan') first = performance.now();
      if (event.type === 'write') last = performance.now();
    };
    const { summary } = await importInto(sandbox, `${lines.join('\n')}\n`, { ratePerMinute: 1200, onEvent });
    const achieved = (summary.requests.total - 1) / ((last - first) / 60_000);
    return { configured: 1200, achieved, rateLimited: summary.requests.rateLimited, requests: summary.requests.total };
  } finally {
    await sandbox.close();
  }
}
