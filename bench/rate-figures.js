// The recovery figures (issue 15): a 429 storm's time against the time at the allowed rate, the lookups'
// pace at 300 ms latency, and how soon a wrong key ends a run over a big file. The real core, client and
// sandbox on the real clock, like the upsert figures.
import { createHelpCrunchClient, startSandbox } from '../dist/index.js';
import { importInto } from './upsert-figures.js';

const contactsCsv = (count, from = 0) => {
  const lines = ['user_id,name,email'];
  for (let i = from; i < from + count; i += 1) lines.push(`u-${i},Name ${i},n${i}@example.com`);
  return `${lines.join('\n')}\n`;
};

/** The client, recording when each call starts (performance.now) into `starts`. */
const tracked = (client, starts) =>
  new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args) => {
        starts.push(performance.now());
        return value.apply(target, args);
      };
    },
  });

/**
 * The storm: a limit of `perWindow` per `windowMs`, `--rate` twice that, `creates` new rows; the
 * time with and without Retry-After against the time at the allowed rate (no 429 at all).
 */
export async function stormRatio({ perWindow = 30, windowMs = 15_000, creates = 120 } = {}) {
  const allowed = (perWindow * 60_000) / windowMs;
  const timed = async (ratePerMinute, retryAfter) => {
    const sandbox = await startSandbox({ rate: perWindow, windowMs, retryAfter });
    try {
      const { summary, ms } = await importInto(sandbox, contactsCsv(creates), { ratePerMinute });
      const { created, failed } = summary.counts;
      if (created !== creates || failed !== 0) throw new Error(`storm run: ${created} created, ${failed} failed`);
      return { ms: Math.round(ms), requests: summary.requests.total, rateLimited: summary.requests.rateLimited };
    } finally {
      await sandbox.close();
    }
  };
  const atAllowedRate = await timed(allowed, true);
  const withoutRetryAfter = await timed(allowed * 2, false);
  const withRetryAfter = await timed(allowed * 2, true);
  const ratio = (run) => Number((run.ms / atAllowedRate.ms).toFixed(3));
  return {
    limit: `${perWindow} per ${windowMs / 1000} s`,
    configured: allowed * 2,
    creates,
    atAllowedRate,
    withoutRetryAfter: { ...withoutRetryAfter, ratio: ratio(withoutRetryAfter) },
    withRetryAfter: { ...withRetryAfter, ratio: ratio(withRetryAfter) },
  };
}

/** A keyed dry run (lookups only) listing or searching an account with `latencyMs`: achieved ÷ configured, start to start. */
export async function lookupRatio({ account, rows, from, ratePerMinute = 600, latencyMs = 300 }) {
  const customers = Array.from({ length: account }, (_, i) => ({ userId: `u-${i}`, name: `Name ${i}`, email: `n${i}@example.com` }));
  const sandbox = await startSandbox({ rate: Infinity, latencyMs, customers });
  const starts = [];
  try {
    const connect = (target) => tracked(createHelpCrunchClient(target), starts);
    await importInto(sandbox, contactsCsv(rows, from), { ratePerMinute, config: { dryRun: true }, deps: { connect } });
    // After page 0 (the key check): the lookups' own pace.
    const lookups = starts.slice(1);
    const achieved = ((lookups.length - 1) / ((lookups.at(-1) ?? 0) - (lookups[0] ?? 0))) * 60_000;
    return { configured: ratePerMinute, latencyMs, lookups: lookups.length, ratio: Number((achieved / ratePerMinute).toFixed(3)) };
  } finally {
    await sandbox.close();
  }
}

/** An apply over the file at `path` with a wrong key: ms from the start of the run to its end (exit 5). */
export async function wrongKeyMs(path) {
  const sandbox = await startSandbox({ rate: Infinity });
  try {
    const target = { baseUrl: sandbox.url, apiKey: 'not-the-key' };
    const { summary, ms } = await importInto(sandbox, '', { path, config: { target } });
    if (summary.exitCode !== 5) throw new Error(`a wrong key ended with exit ${summary.exitCode}`);
    return { ms: Math.round(ms), rowsRead: summary.counts.rows };
  } finally {
    await sandbox.close();
  }
}
