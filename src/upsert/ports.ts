/**
 * What the upsert engine needs from the outside world and what it gives back, named here so the engine
 * depends on shapes, not on the request runner's implementation (src/api), and tests can pass their own.
 * The row outcome is defined once, here: the journal and the reports store the same shape.
 */
import type { RequestKind } from '../api/api-errors.js';
import type { CustomerFields } from '../api/customer-api.js';
import type { ValidRow } from '../model.js';

export type { RequestKind };

/**
 * Sends one logical request: paces it and retries what is safe to retry (429 always; 5xx and lost
 * answers only when `idempotent`). Throws when the request finally failed.
 */
export interface RequestSender {
  run<T>(kind: RequestKind, send: () => Promise<T>, options: { idempotent: boolean }): Promise<T>;
  /**
   * Waits before the engine sends a write again itself (a create a lookup proved was not applied), as a
   * retry after `attempt` failed attempts would; rejects when the run's wait is cancelled. A sender without
   * it (a test's) sends again at once.
   */
  backoff?(kind: RequestKind, attempt: number, error: unknown): Promise<void>;
}

/** A write the engine is about to send. */
export type WriteIntent = 'create' | 'update';

/** A row HelpCrunch holds as the CSV wants it. */
export interface WrittenRow {
  line: number;
  userId: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The customer's HelpCrunch id. */
  id: number;
}

/** A row the API refused, or gave up on. */
export interface FailedRow {
  line: number;
  userId: string;
  action: 'failed';
  /** HTTP status of the answer that sank the row; `null` when no answer ever came. */
  status: number | null;
  /** The most specific API error code, e.g. `invalid_email_value`. */
  code: string;
  message: string;
}

/** A row `--mode` kept from being written: its customer exists (create-only) or does not (update-only). */
export interface SkippedRow {
  line: number;
  userId: string;
  action: 'skipped_exists' | 'skipped_not_found';
  /** The existing customer's HelpCrunch id; null when none was found. */
  id: number | null;
}

/** A row that settled without an error: written, found as wanted, or skipped by the mode. */
export type SettledRow = WrittenRow | SkippedRow;

/** What became of a row. Exactly one per row that was worked on. */
export type RowOutcome = SettledRow | FailedRow;

/**
 * What one write will change, for `undo`: the record sent (a create body or a full update record) and, for an
 * update of a customer the run did not create, the stored record as it was before (the before-image).
 */
export interface WriteImage {
  line: number;
  userId: string;
  /** Absent for a create: HelpCrunch gives the id in its answer (the outcome). */
  id?: number;
  sent: CustomerFields;
  before?: CustomerFields;
}

/**
 * Called synchronously BEFORE a request that may write `rows` is sent (once per attempt), so a crash
 * journal can record the intent (and what it will change) first. It must not throw.
 */
export type BeforeSend = (rows: readonly ValidRow[], action: WriteIntent, images?: readonly WriteImage[]) => void;
