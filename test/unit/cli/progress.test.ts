import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../../src/cli/import-command.js';
import { createProgressReporter } from '../../../src/cli/progress.js';
import { formatDuration, renderPlan } from '../../../src/cli/render-summary.js';

const plan = {
  create: 1204,
  update: 310,
  unchanged: 8012,
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

describe('progress without a TTY', () => {
  it('prints one line per interval, with an ETA from the requests still planned at the rate achieved', () => {
    let now = 0;
    const out = capture();
    const report = createProgressReporter({ stream: out.stream, live: false, quiet: false, now: () => now, intervalMs: 10_000 });
    report({ type: 'plan', plan: { ...plan, totalRequests: 120 } });
    now = 5_000;
    report({ type: 'write', done: 5, total: 100, requests: 10 });
    now = 30_000;
    // 60 requests in half a minute: 120/min; 60 requests left: half a minute.
    report({ type: 'write', done: 50, total: 100, requests: 60 });
    report({ type: 'write', done: 51, total: 100, requests: 61 });
    expect(out.text().split('\n')).toEqual([
      'plan: 1,204 to create, 310 to update (31 requests), 8,012 unchanged — 1,235 write requests, about 10 min at 120/min',
      'hc-import: 50 of 100 rows written, 60 requests, 120/min, ETA 30 s',
      '',
    ]);
  });

  it('shows warnings even when quiet, and nothing else', () => {
    const out = capture();
    const report = createProgressReporter({ stream: out.stream, live: false, quiet: true, now: () => 0 });
    report({ type: 'columns', mapping: {}, unmapped: ['Notes'] });
    report({ type: 'warning', warning: { code: 'x', message: 'careful' } });
    expect(out.text()).toBe('warning: careful\n');
  });

  it('lists the columns it will not import', () => {
    const out = capture();
    createProgressReporter({ stream: out.stream, live: false, quiet: false, now: () => 0 })({
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
