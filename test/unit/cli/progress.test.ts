import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../../src/cli/import-command.js';
import { createProgressReporter } from '../../../src/cli/progress.js';
import { formatDuration, renderPlan } from '../../../src/cli/render-summary.js';

const plan = {
  create: 1204,
  update: 310,
  unchanged: 8012,
  skipped: 0,
  failed: 0,
  adoptable: 0,
  changes: { fields: 0, sample: [] },
  writeRequests: 1235,
  totalRequests: 1236,
  ratePerMinute: 120,
  minutesAtRate: 10.3,
};

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

const outcomes = (created: number, unchanged: number, failed = 0) => ({ created, updated: 0, unchanged, skipped: 0, failed });
const write = (done: number, total: number, requests: number, counts = outcomes(done, 0)) =>
  ({ type: 'write', done, total, outcomes: counts, requests, retries: 0, rateLimited: 0 }) as const;

/** A log-line reporter on a clock the test moves. */
function lineReporter(ratePerMinute: number, intervalMs = 10_000) {
  const clock = { now: 0 };
  const out = capture();
  const report = createProgressReporter({ stream: out.stream, live: false, quiet: false, now: () => clock.now, intervalMs, ratePerMinute });
  return { clock, out, report };
}

describe('progress without a TTY', () => {
  it('prints one line per interval: outcomes apart, requests of every kind against the limit, ETA from the requests left', () => {
    const { clock, out, report } = lineReporter(120, 10_000);
    // 20 lookups already made before the plan; 100 writes to go.
    report({ type: 'plan', plan: { ...plan, writeRequests: 100, totalRequests: 120 } });
    clock.now = 5_000;
    report(write(5, 100, 30));
    clock.now = 30_000;
    // 40 requests since the writes began, in half a minute: 80/min, slower than the limit; 60 left take 45 s.
    report(write(40, 100, 60, outcomes(30, 10)));
    report(write(41, 100, 61, outcomes(31, 10)));
    expect(out.text().split('\n')).toEqual([
      'plan: 1,204 to create, 310 to update (31 requests), 8,012 unchanged — 100 write requests, about 50 s at 120/min',
      'hc-import: 40 of 100 rows: 30 written, 10 unchanged, 0 failed; 60 of 120 requests, 80/min of 120, ETA 45 s',
      '',
    ]);
  });

  it('gives the plan time as the first ETA, not the burst of the first few requests', () => {
    const { clock, out, report } = lineReporter(110, 1_000);
    report({ type: 'plan', plan: { ...plan, writeRequests: 220, totalRequests: 250, ratePerMinute: 110 } });
    clock.now = 2_000;
    // Four requests in flight at once look like 120/min over two seconds; the limit is what paces the rest.
    report(write(4, 250, 34));
    expect(out.text()).toContain('about 2 min at 110/min');
    expect(out.text()).toContain('34 of 250 requests, …/min of 110, ETA 2 min');
  });

  it('says a run that changed nothing wrote nothing', () => {
    const { out, report } = lineReporter(120);
    report({ type: 'plan', plan: { ...plan, create: 0, update: 0, unchanged: 293, writeRequests: 0, totalRequests: 3 } });
    report(write(293, 293, 3, outcomes(0, 293)));
    expect(out.text()).toContain('hc-import: 293 of 293 rows: 0 written, 293 unchanged, 0 failed; 3 of 3 requests');
    expect(out.text()).not.toContain('rows written');
  });

  it('tells each retry and each rate-limit wait', () => {
    const { out, report } = lineReporter(120);
    report({ type: 'retry', kind: 'create', reason: 'rate-limited (429)', delayMs: 12_000, attempt: 1, maxAttempts: 8, status: 429 });
    report({ type: 'waiting', delayMs: 11_500, reason: 'rate limited' });
    expect(out.text()).toBe('hc-import: retrying create (2/8) in 12 s: rate-limited (429)\nhc-import: waiting 12 s: rate limited\n');
  });

  it('shows warnings even when quiet, and nothing else', () => {
    const out = capture();
    const report = createProgressReporter({ stream: out.stream, live: false, quiet: true, now: () => 0, ratePerMinute: 120 });
    report({ type: 'columns', mapping: {}, unmapped: ['Notes'] });
    report({ type: 'warning', warning: { code: 'x', message: 'careful' } });
    expect(out.text()).toBe('warning: careful\n');
  });

  it('lists the columns it will not import', () => {
    const out = capture();
    createProgressReporter({ stream: out.stream, live: false, quiet: false, now: () => 0, ratePerMinute: 120 })({
      type: 'columns',
      mapping: {},
      unmapped: ['Notes', 'Tier'],
    });
    expect(out.text()).toBe('Columns not imported: Notes, Tier\n');
  });
});

describe('the plan and durations', () => {
  it('reads as the issue describes it', () => {
    expect(renderPlan(plan)).toBe(
      '1,204 to create, 310 to update (31 requests), 8,012 unchanged — 1,235 write requests, about 10 min at 120/min',
    );
  });

  it.each([
    [0.2, '12 s'],
    [12.4, '12 min'],
    [200, '3 h 20 min'],
    [120, '2 h'],
  ])('formats %d minutes as %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('colorLevel', () => {
  const tty = { isTTY: true } as never;
  const pipe = { isTTY: false } as never;
  it.each([
    [true, {}, tty, 1],
    [true, {}, pipe, 0],
    [false, {}, tty, 0],
    [true, { NO_COLOR: '1' }, tty, 0],
    [true, { FORCE_COLOR: '1' }, pipe, 1],
    [true, { FORCE_COLOR: '0' }, tty, 0],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, tty, 0],
  ])('flag %s, env %j → %s', (flag, env, stdout, level) => {
    expect(colorLevel(flag, { env, stdout })).toBe(level);
  });
});
