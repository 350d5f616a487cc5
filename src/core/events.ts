import type { Counts, OutcomeCounts, PlanSummary, Warning } from '../report/summary.js';

/**
 * What the core reports while it runs. The CLI turns these into a progress bar or log lines; the core
 * never prints. Events are cheap: the input stage emits `scan` at most every few thousand rows.
 */
export type RunEvent =
  | { type: 'columns'; mapping: Record<string, string>; unmapped: string[] }
  /** The preset the run reads the file with (null: none), and its mapping as printed before anything is written. */
  | { type: 'preset'; name: string | null; lines: string[] }
  | { type: 'warning'; warning: Warning }
  | { type: 'scan'; rows: number }
  | { type: 'scanned'; counts: Counts }
  | { type: 'connected'; total: number }
  | { type: 'plan'; plan: PlanSummary }
  /** A row settled: rows done of all valid rows, how they went, and the requests sent so far (every kind). */
  | { type: 'write'; done: number; total: number; outcomes: OutcomeCounts; requests: number; retries: number; rateLimited: number }
  /** A request failed and is tried again after `delayMs`; `attempt` (1-based) is the one that failed. */
  | { type: 'retry'; kind: string; reason: string; delayMs: number; attempt: number; maxAttempts: number; status?: number }
  /** The pacer holds every start for `delayMs` (a 429's Retry-After). */
  | { type: 'waiting'; delayMs: number; reason: string }
  | { type: 'stopping'; reason: string };

export type RunListener = (event: RunEvent) => void;
