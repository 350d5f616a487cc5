import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../../src/cli/progress.js';

const plan = {
  create: 200,
  update: 0,
  unchanged: 93,
  skipped: 0,
  failed: 0,
  adoptable: 0,
  changes: { fields: 0, sample: [] },
  writeRequests: 200,
  totalRequests: 230,
  ratePerMinute: 110,
  minutesAtRate: 2.1,
};
const outcomes = (created: number, unchanged: number) => ({ created, updated: 0, unchanged, skipped: 0, failed: 0 });

/** A terminal-like stream: what was written, and the screen line by line as a terminal would show it. */
function terminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  // Each line keeps what was drawn after its last carriage return, so a redraw replaces it.
  const screen = (): string[] =>
    text
      .replaceAll('\x1b[K', '')
      .split('\n')
      .map((line) => line.split('\r').at(-1) ?? '');
  return { stream, text: () => text, screen };
}

function liveReporter(now: () => number) {
  const term = terminal();
  const report = createProgressReporter({ stream: term.stream, live: true, quiet: false, now, ratePerMinute: 110 });
  report({ type: 'plan', plan });
  return { term, report };
}

describe('the progress bar', () => {
  it('shows a rate-limit wait and a retry as its state, with the count of retries and 429s', () => {
    let now = 0;
    const { term, report } = liveReporter(() => now);
    now = 30_000;
    report({ type: 'write', done: 58, total: 293, outcomes: outcomes(0, 58), requests: 35, retries: 0, rateLimited: 0 });
    report({ type: 'retry', kind: 'create', reason: 'rate-limited (429)', delayMs: 12_000, attempt: 1, maxAttempts: 8, status: 429 });
    expect(term.screen().at(-1)).toMatch(
      /58\/293 rows: 0 written, 58 unchanged, 0 failed \| .*retries 1, rate-limited 1 \| retrying create \(2\/8\) in 12 s/,
    );
    report({ type: 'waiting', delayMs: 11_000, reason: 'rate limited' });
    expect(term.screen().at(-1)).toMatch(/\| waiting 11 s: rate limited$/);
    // Once the wait is over the state goes with the next row.
    now = 45_000;
    report({ type: 'write', done: 59, total: 293, outcomes: outcomes(1, 58), requests: 37, retries: 1, rateLimited: 1 });
    expect(term.screen().at(-1)).not.toMatch(/waiting|retrying/);
  });

  it('tells a wait during the lookups, before there is a bar, as a line', () => {
    const term = terminal();
    const report = createProgressReporter({ stream: term.stream, live: true, quiet: false, now: () => 0, ratePerMinute: 110 });
    report({ type: 'retry', kind: 'lookup', reason: 'rate-limited (429)', delayMs: 60_000, attempt: 1, maxAttempts: 8, status: 429 });
    expect(term.text()).toBe('hc-import: retrying lookup (2/8) in 60 s: rate-limited (429)\n');
  });

  it('is ended for good by stop(): later rows draw nothing, and the next line starts on a line of its own', () => {
    let now = 0;
    const { term, report } = liveReporter(() => now);
    now = 1_000;
    report({ type: 'write', done: 10, total: 293, outcomes: outcomes(10, 0), requests: 40, retries: 0, rateLimited: 0 });
    report.stop();
    now = 2_000;
    report({ type: 'write', done: 11, total: 293, outcomes: outcomes(11, 0), requests: 41, retries: 0, rateLimited: 0 });
    term.stream.write('SIGINT: finishing the requests in flight\n');
    expect(term.text()).not.toContain('\x1b7');
    expect(term.text()).not.toContain('\x1b8');
    expect(term.screen().slice(-3)).toEqual([expect.stringMatching(/10\/293 rows/), 'SIGINT: finishing the requests in flight', '']);
  });
});
