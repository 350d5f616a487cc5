/**
 * What a run changed, read back from its journal: every customer it created or updated, with the record it
 * sent last and, for an update, the stored record as it was before (the journal's `image` lines). Rows the
 * journal confirms and rows it left in flight (sent, no answer recorded) are both listed: the lookup that
 * follows tells what became of the latter.
 */
import { join } from 'node:path';
import type { CustomerFields } from '../api/customer-api.js';
import { usageError } from '../errors.js';
import type { JournalEntry } from '../journal/journal.js';
import { forEachEntry } from '../journal/read-journal.js';
import { ReportFile } from '../report/report-files.js';
import type { WrittenRow } from '../upsert/ports.js';

/** One customer the run touched. */
export interface TouchedCustomer {
  /** The CSV line of its row: the key of every report. */
  line: number;
  userId: string;
  /** `created`: the run made this customer (undo deletes it); `updated`: it replaced `before` (undo restores it). */
  change: 'created' | 'updated';
  /** HelpCrunch's id; unknown for a create the run never heard back from. */
  id?: number;
  /** The full record the run sent last (a create body or a replacing update's record). */
  sent: CustomerFields;
  /** The stored record before the run's first write to it; only for `updated`. */
  before?: CustomerFields;
  /** False when the write was in flight when the run stopped: whether it landed is for the lookup to tell. */
  confirmed: boolean;
}

/**
 * The folded history of one row: what its images tell (never the images themselves: a million-row run's
 * would all be held until the end) and how it settled.
 */
interface RowHistory {
  /** Whether its first image named a customer (an update), or not (a create). */
  firstHadId: boolean;
  /** The first before-image: the stored record before the run's first write. */
  before?: CustomerFields;
  /** From the last image: the user_id and the record sent. */
  userId: string;
  sent: CustomerFields;
  /** The last id an image named. */
  imageId?: number;
  outcome?: WrittenRow['action'] | 'failed';
  id?: number;
}

/** Reads `reportDir/journal.jsonl`; a usage error when there is none or it predates undo. */
export async function readRunChanges(reportDir: string): Promise<TouchedCustomer[]> {
  // Folded as it streams: a million-row run's journal is never held whole (images are most of it).
  const rows = new Map<number, RowHistory>();
  let first: JournalEntry['type'] | undefined;
  let blind = 0;
  const found = await forEachEntry(join(reportDir, ReportFile.journal), (entry) => {
    first ??= entry.type;
    // A write with no image was journaled by an hc-import older than undo (perhaps before a resume by this
    // one). An image is always journaled before its write's outcome, so the count is right as it streams.
    if (entry.type === 'outcome' && wrote(entry.action) && !rows.has(entry.line)) blind += 1;
    foldEntry(rows, entry);
  });
  if (!found || first !== 'header') {
    throw usageError(`${reportDir} holds no import journal: there is nothing to undo.`, 'Name the report folder of an applied run.');
  }
  if (blind > 0) {
    throw usageError(
      `${blind} row(s) of the run in ${reportDir} were written by an hc-import older than undo: ` +
        'its journal holds no before-images for them.',
      'Only runs made by this version or later can be undone.',
    );
  }
  const changes: TouchedCustomer[] = [];
  // Each history goes as its customer is listed: the two are never all held at once.
  for (const [line, history] of rows) {
    rows.delete(line);
    const customer = touched(line, history);
    if (customer !== undefined) changes.push(customer);
  }
  return changes;
}

const wrote = (action: string): boolean => action === 'created' || action === 'updated';

/** Adds one journal entry to the histories of the rows that have an image. */
function foldEntry(rows: Map<number, RowHistory>, entry: JournalEntry): void {
  const history = rows.get(entry.type === 'image' || entry.type === 'outcome' || entry.type === 'failed' ? entry.line : -1);
  if (entry.type === 'image') {
    const { userId, sent, id, before } = entry;
    if (history === undefined) {
      rows.set(entry.line, {
        firstHadId: id !== undefined,
        userId,
        sent,
        ...(id === undefined ? {} : { imageId: id }),
        ...(before && { before }),
      });
      return;
    }
    Object.assign(history, { userId, sent }, id === undefined ? {} : { imageId: id });
    history.before ??= before;
  } else if (entry.type === 'outcome' && history !== undefined) Object.assign(history, { outcome: entry.action, id: entry.id });
  else if (entry.type === 'failed' && history !== undefined) history.outcome = 'failed';
}

/**
 * The change a row made, or none: unchanged and failed rows changed nothing (a failed write was refused).
 * The first before-image is the one that counts: a resumed run plans from what the first run already wrote.
 * A row in flight whose first write was a create and that holds no before-image was created by the run.
 */
function touched(line: number, { firstHadId, before, userId, sent, imageId, outcome, id }: RowHistory): TouchedCustomer | undefined {
  if (outcome === 'unchanged' || outcome === 'failed') return undefined;
  const created = outcome === 'created' || (outcome === undefined && !firstHadId && before === undefined);
  const knownId = id ?? imageId;
  if (!created && before === undefined) return undefined;
  return {
    line,
    userId,
    change: created ? 'created' : 'updated',
    ...(knownId === undefined ? {} : { id: knownId }),
    sent,
    ...(created ? {} : { before }),
    confirmed: outcome !== undefined,
  };
}
