/**
 * The types the write flow's steps share (write-rows.ts drives them; create-customers.ts and update-batches.ts
 * are the steps; the plan spill stores PlannedRow). Apart so that none of them imports the driver.
 */
import type { CustomerApi, CustomerFields } from '../api/customer-api.js';
import type { ValidRow } from '../model.js';
import type { UnstoredTally } from './check-attributes.js';
import type { BeforeSend, RequestSender, WrittenRow } from './ports.js';
import type { RefusedPlan } from './plan-upserts.js';
import type { WritePlan } from './write-modes.js';

/** A valid row and what it needs. */
export interface PlannedRow {
  row: ValidRow;
  plan: WritePlan;
}

/** The customer endpoints the writes use (search: to resolve conflicts and lost creates). */
export type WriteApi = Pick<CustomerApi, 'createCustomer' | 'batchUpdate' | 'searchByUserIds'>;

/** A row waiting for a batch update, and the action its outcome will report once the batch lands. */
export interface PendingUpdate {
  row: ValidRow;
  id: number;
  /** The full merged record (batch updates replace). */
  fields: CustomerFields;
  /** `created` when the update completes a create whose answer was lost. */
  reportAs: 'created' | 'updated';
  /** The stored record before this run; absent when the run created the customer (undo deletes it). */
  before?: CustomerFields;
}

/** What the create and batch steps share: the ports, the abort signal, and where outcomes go. */
export interface WriteContext {
  api: WriteApi;
  sender: RequestSender;
  beforeSend: BeforeSend;
  /** Once aborted, no new write is sent; answers already on their way are still yielded. */
  signal: AbortSignal | undefined;
  done(row: ValidRow, action: WrittenRow['action'] | 'skipped_exists', id: number): void;
  fail(row: ValidRow, err: unknown): void;
  /** A row its plan refuses (see RefusedPlan): failed with the plan's code, nothing sent. */
  refuse(row: ValidRow, plan: RefusedPlan): void;
  /** `--mode create-only`: a row whose create finds its userId taken leaves that customer alone (skipped_exists). */
  leaveExisting?: boolean;
  /** Where properties a write's answer did not hold are counted; absent: nobody asks. */
  attributes?: UnstoredTally | undefined;
}
