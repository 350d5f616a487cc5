/**
 * What the write steps share: the ports, the abort signal, and the one place outcomes are recorded, so
 * every row gets at most one outcome and the counts always agree with what the hooks were told.
 */
import type { CustomerApi, CustomerFields } from '../api/customer-api.js';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import type { ValidRow } from '../model.js';
import { describeFailure } from './classify-failure.js';
import type { RequestSender, RowOutcome, UpsertHooks } from './ports.js';

/** The customer endpoints the write steps use (search: to resolve conflicts and lost creates). */
export type WriteApi = Pick<CustomerApi, 'createCustomer' | 'batchUpdate' | 'searchByUserIds'>;

/** A row waiting for a batch update, and the action its outcome will report once the batch lands. */
export interface PendingUpdate {
  row: ValidRow;
  id: number;
  /** The full merged record (batch updates replace). */
  fields: CustomerFields;
  /** `created` when the update completes a create whose answer was lost. */
  reportAs: 'created' | 'updated';
}

/** Rows by final action. */
export interface OutcomeCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** Records outcomes: tells the hook, counts, and refuses a second outcome for the same row. */
export class OutcomeRecorder {
  readonly counts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  private readonly settled = new Set<number>();

  constructor(private readonly hooks: UpsertHooks) {}

  done(row: ValidRow, action: 'created' | 'updated' | 'unchanged', id: number): void {
    this.record({ line: row.line, userId: row.contact.userId, action, id });
  }

  fail(row: ValidRow, err: unknown): void {
    this.record({ line: row.line, userId: row.contact.userId, action: 'failed', ...describeFailure(err) });
  }

  get recorded(): number {
    return this.settled.size;
  }

  private record(outcome: RowOutcome): void {
    // Keyed by line: the dedupe stage guarantees one row per userId, and a line is never upserted twice.
    if (this.settled.has(outcome.line)) {
      throw new HciError({
        code: ErrorCode.invariant,
        kind: ErrorKind.internal,
        message: `Row on line ${outcome.line} got a second outcome`,
      });
    }
    this.settled.add(outcome.line);
    this.counts[outcome.action] += 1;
    this.hooks.onOutcome?.(outcome);
  }
}

/** Everything a write step needs. */
export interface ApplyContext {
  api: WriteApi;
  sender: RequestSender;
  hooks: UpsertHooks;
  recorder: OutcomeRecorder;
  /** Once aborted, no new write is sent; answers already on their way are still recorded. */
  signal: AbortSignal | undefined;
}
