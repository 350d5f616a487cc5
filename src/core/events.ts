import type { Counts, PlanSummary, Warning } from '../report/summary.js';

/**
 * What the core reports while it runs. The CLI turns these into a progress bar or log lines; the core
 * never prints. Events are cheap: the input stage emits `scan` at most every few thousand rows.
 */
export type RunEvent =
  | { type: 'columns'; mapping: Record<string, string>; unmapped: string[] }
  | { type: 'warning'; warning: Warning }
  | { type: 'scan'; rows: number }
  | { type: 'scanned'; counts: Counts }
  | { type: 'connected'; total: number }
  | { type: 'plan'; plan: PlanSummary }
  | { type: 'write'; done: number; total: number; requests: number }
  | { type: 'retry'; kind: string; reason: string; delayMs: number }
  | { type: 'stopping'; reason: string };

export type RunListener = (event: RunEvent) => void;
