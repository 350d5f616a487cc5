import type { Writable } from 'node:stream';
import type { RunEvent } from '../core/events.js';
import { createLiveLine } from './live-line.js';
import { describeOutcomes, describePace, drawBar, type PaceBasis, type WriteProgress } from './progress-status.js';
import { printable } from './printable.js';
import { renderPlan } from './render-summary.js';

export interface ProgressOptions {
  stream: Writable & { isTTY?: boolean; columns?: number };
  /** A live bar (stderr is a TTY, no --quiet) or a line every `intervalMs`. */
  live: boolean;
  quiet: boolean;
  now: () => number;
  /** Requests per minute the run keeps (Infinity when unpaced): the rate shown is measured against it. */
  ratePerMinute: number;
  intervalMs?: number;
}

export interface ProgressReporter {
  (event: RunEvent): void;
  /** Ends the bar for something else to be printed (the question); it comes back with the next event. */
  pause(): void;
  /** Ends the bar for good (Ctrl-C, the end of the run): whatever is printed next is never drawn over. */
  stop(): void;
}

const n = (value: number): string => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number): string => `${Math.max(1, Math.ceil(ms / 1000))} s`;

/** Progress on stderr: a bar on a terminal, else a line every `intervalMs`; warnings always. */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const { stream, now } = options;
  const intervalMs = options.intervalMs ?? 10_000;
  const line = createLiveLine({ stream, now });
  let basis: PaceBasis | undefined;
  let progress: WriteProgress | undefined;
  let state: { text: string; until: number } | undefined;
  let lastLine = 0;
  let stopped = false;

  // Warnings, headers and server messages come from the file or from HelpCrunch: no control character reaches the terminal.
  const say = (text: string): void => {
    line.end();
    stream.write(`${printable(text)}\n`);
  };
  const render = (force: boolean): void => {
    if (!basis || !progress || stopped) return;
    if (state && now() >= state.until) state = undefined;
    const { done, total } = progress;
    const rows = `${drawBar(done, total)} ${n(done)}/${n(total)} rows: ${describeOutcomes(progress.outcomes)}`;
    const text = `${rows} | ${describePace(progress, basis, now())}`;
    line.draw(state ? `${text} | ${state.text}` : text, force);
  };
  // The bar shows a wait as its state; a log line tells it once (also on a terminal during the lookups, before any bar).
  const trouble = (given: string, delayMs: number): void => {
    const text = printable(given);
    if (!options.live || !basis || stopped) {
      say(`hc-import: ${text}`);
      return;
    }
    state = { text, until: now() + delayMs };
    render(true);
  };

  const report = ((event: RunEvent) => {
    if (event.type === 'warning') return say(`warning: ${event.warning.message}`);
    if (event.type === 'stopping') return say(`stopping: ${event.reason}`);
    if (options.quiet) return;
    switch (event.type) {
      case 'preset':
        for (const line of event.lines) say(line);
        return;
      case 'columns':
        if (event.unmapped.length > 0) say(`Columns not imported: ${event.unmapped.join(', ')}`);
        return;
      case 'plan': {
        const { plan } = event;
        // Shown before the first write, so a CI log tells what a run was about to do; the time is the writes' still to come.
        say(`plan: ${renderPlan(plan, plan.writeRequests / plan.ratePerMinute)}`);
        const requestsAtStart = plan.totalRequests - plan.writeRequests;
        basis = { limit: options.ratePerMinute, plannedRequests: plan.totalRequests, requestsAtStart, startedAt: now() };
        const total = plan.create + plan.update + plan.unchanged + plan.skipped + plan.failed;
        const outcomes = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
        progress = { done: 0, total, outcomes, requests: requestsAtStart, retries: 0, rateLimited: 0 };
        lastLine = now();
        return;
      }
      case 'retry':
        if (progress) {
          progress.retries += 1;
          if (event.status === 429) progress.rateLimited += 1;
        }
        return trouble(
          `retrying ${event.kind} (${event.attempt + 1}/${event.maxAttempts}) in ${seconds(event.delayMs)}: ${event.reason}`,
          event.delayMs,
        );
      case 'waiting':
        return trouble(`waiting ${seconds(event.delayMs)}: ${event.reason}`, event.delayMs);
      case 'write':
        if (stopped) return;
        progress = { ...event };
        if (options.live) return render(event.done === event.total);
        if (basis && (now() - lastLine >= intervalMs || event.done === event.total)) {
          lastLine = now();
          say(
            `hc-import: ${n(event.done)} of ${n(event.total)} rows: ${describeOutcomes(event.outcomes)}; ` +
              describePace(event, basis, now()),
          );
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
  report.pause = () => line.end();
  report.stop = () => {
    line.end();
    stopped = true;
  };
  return report;
}
