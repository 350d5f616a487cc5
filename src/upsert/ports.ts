/**
 * What the upsert engine needs from the outside world, named here so the engine depends on shapes,
 * not on the request runner's implementation (src/api), and tests can pass their own.
 */
import type { RequestKind } from '../api/api-errors.js';
import type { ValidRow } from '../model.js';

export type { RequestKind };

/**
 * Sends one logical request: paces it and retries what is safe to retry (429 always; 5xx and lost
 * answers only when `idempotent`). Throws when the request finally failed.
 */
export interface RequestSender {
  run<T>(kind: RequestKind, send: () => Promise<T>, options: { idempotent: boolean }): Promise<T>;
}

/** A write the engine is about to send. */
export type WriteIntent = 'create' | 'update';

/** A row the API confirmed, or gave up on. Exactly one per row that was worked on. */
export type RowOutcome =
  | { line: number; userId: string; action: 'created' | 'updated' | 'unchanged'; id: number }
  | {
      line: number;
      userId: string;
      action: 'failed';
      /** HTTP status of the answer that sank the row; `null` when no answer ever came. */
      status: number | null;
      /** The most specific API error code, e.g. `invalid_email_value`. */
      code: string;
      message: string;
    };

/** Callbacks for reports and the crash journal. Both are called synchronously and must not throw. */
export interface UpsertHooks {
  /** Called BEFORE a request that may write these rows is sent (once per attempt). */
  onIntent?(rows: readonly ValidRow[], action: WriteIntent): void;
  /** Called as soon as a row's fate is known. */
  onOutcome?(outcome: RowOutcome): void;
}
