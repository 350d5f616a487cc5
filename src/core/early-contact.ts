/**
 * Page 0 is asked for while the file is being read: it proves the key and the address, and a wrong one is
 * then reported within a round trip of the start instead of after a million rows (4.6 s). A failure aborts
 * the scan through `failed`; the remote stage later awaits `firstPage` and stops the run as it always did.
 * Only a run with a target makes one: an offline dry run sends nothing.
 */
import type { Page, StoredCustomer } from '../api/customer-api.js';
import { type Connection, fetchFirstPage, openConnection } from './connect.js';
import type { RunConfig, RunDeps, Target } from './run-config.js';

/** The connection of a run, and its page 0 on the way. */
export interface EarlyContact {
  connection: Connection;
  /** Rejects as `fetchFirstPage` does; a rejection is already handled (it aborts `failed`). */
  firstPage: Promise<Page<StoredCustomer>>;
  /** Aborted once page 0 failed: the scan stops reading. */
  failed: AbortSignal;
}

/** Opens the connection and sends page 0 at once. Whoever holds it must close `connection.api`. */
export function startFirstContact(config: RunConfig, deps: RunDeps, target: Target): EarlyContact {
  const connection = openConnection(config, deps, target);
  const failure = new AbortController();
  const firstPage = fetchFirstPage(connection, deps);
  firstPage.catch(() => failure.abort());
  return { connection, firstPage, failed: failure.signal };
}
