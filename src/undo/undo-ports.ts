/** The shapes `runUndo` is called with and answers: its config, its ports, the plan it shows, its result. */
import type { DeleteApi } from '../api/customer-api.js';
import type { ClosableApi, RunDeps, Target } from '../core/run-config.js';
import type { UndoPlanCounts } from './plan-undo.js';

/** What `hc-import undo` was asked to do. */
export interface UndoConfig {
  /** The report folder of the run to undo. */
  runDir: string;
  target: Target;
  /** Restore customers changed since the run too (never forces a delete). */
  force: boolean;
  /** Look up and plan; write nothing, not even a report folder. */
  dryRun: boolean;
  /** Continue the unfinished undo of this run. */
  resume: boolean;
  ratePerMinute: number;
  concurrency: number;
  /** `--key-rotated`: the API key is not one the run used, but the same account's (checked otherwise). */
  keyRotated?: boolean;
}

/** The plan as shown before asking. */
export interface UndoPlan {
  counts: UndoPlanCounts;
  /** Customers an earlier (resumed) undo already settled. */
  settledBefore: number;
  writeRequests: number;
  ratePerMinute: number;
}

/** The ports of an undo: an import's, with a client that can delete. */
export interface UndoDeps extends Pick<RunDeps, 'now' | 'sleep' | 'random' | 'onEvent' | 'signal' | 'interruptedExitCode' | 'version'> {
  connect: (target: Target) => ClosableApi & DeleteApi;
  /** Told the plan once it is known (before asking, and in a dry run). */
  onPlan?: (plan: UndoPlan) => void;
  /** Told each time a customer settles: how many of those the run touched are settled so far. */
  onProgress?: (settled: number, touched: number) => void;
  /** Asked before the first write of a fresh undo; false stops without writing. */
  confirm: (plan: UndoPlan) => Promise<boolean>;
}
