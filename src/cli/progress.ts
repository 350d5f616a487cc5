import cliProgress from 'cli-progress';
import type { Writable } from 'node:stream';
import type { RunEvent } from '../core/events.js';
import { formatDuration, renderPlan } from './render-summary.js';

export interface ProgressOptions {
  stream: Writable & { isTTY?: boolean };
  /** A live bar (stderr is a TTY, no --quiet/--json) or a line every `intervalMs`. */
  live: boolean;
  quiet: boolean;
  now: () => number;
  intervalMs?: number;
}

export interface ProgressReporter {
  (event: RunEvent): void;
  stop(): void;
}

const n = (value: number): string => Math.round(value).toLocaleString('en-US');

/**
 * Progress on stderr. ETA comes from the requests the plan still needs at the rate achieved so far,
 * since the rate limit, not the row count, sets the pace.
 */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const { stream, now } = options;
  const intervalMs = options.intervalMs ?? 10_000;
  let plannedRequests = 0;
  let writeStart = 0;
  let lastLine = 0;
  let bar: cliProgress.SingleBar | undefined;

  const say = (text: string): void => {
    bar?.stop();
    bar = undefined;
    stream.write(`${text}\n`);
  };
  const status = (done: number, total: number, requests: number): { rate: string; eta: string } => {
    const minutes = (now() - writeStart) / 60_000;
    const perMinute = minutes > 0 ? requests / minutes : 0;
    const left = Math.max(0, plannedRequests - requests);
    const eta = perMinute > 0 && done < total ? formatDuration(left / perMinute) : '-';
    return { rate: n(perMinute), eta };
  };

  const report = ((event: RunEvent) => {
    if (event.type === 'warning') return say(`warning: ${event.warning.message}`);
    if (event.type === 'stopping') return say(`stopping: ${event.reason}`);
    if (options.quiet) return;
    switch (event.type) {
      case 'columns':
        if (event.unmapped.length > 0) say(`Columns not imported: ${event.unmapped.join(', ')}`);
        return;
      case 'retry':
        if (!options.live) say(`retry: ${event.kind} ${event.reason}, waiting ${Math.ceil(event.delayMs / 1000)} s`);
        return;
      case 'plan':
        // Shown before the first write, so a CI log tells what a run was about to do.
        say(`plan: ${renderPlan(event.plan)}`);
        plannedRequests = event.plan.totalRequests;
        writeStart = now();
        lastLine = writeStart;
        return;
      case 'write':
        if (options.live) {
          const { rate, eta } = status(event.done, event.total, event.requests);
          if (!bar) {
            bar = new cliProgress.SingleBar(
              { stream, format: 'rows {value}/{total} | requests {requests} | {rate}/min | ETA {remaining}', hideCursor: true },
              cliProgress.Presets.shades_classic,
            );
            bar.start(event.total, event.done, { requests: event.requests, rate, remaining: eta });
          }
          bar.update(event.done, { requests: event.requests, rate, remaining: eta });
        } else if (now() - lastLine >= intervalMs || event.done === event.total) {
          lastLine = now();
          const { rate, eta } = status(event.done, event.total, event.requests);
          say(`hc-import: ${n(event.done)} of ${n(event.total)} rows written, ${n(event.requests)} requests, ${rate}/min, ETA ${eta}`);
        }
        return;
      case 'scan':
        if (!options.live && now() - lastLine >= intervalMs) {
          lastLine = now();
          say(`hc-import: ${n(event.rows)} rows read`);
        }
        return;
      default:
        return;
    }
  }) as ProgressReporter;
  report.stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return report;
}
