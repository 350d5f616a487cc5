/**
 * What a run changed, read back from its journal: every customer it created or updated, with where the
 * journal holds the record it sent last and, for an update, the stored record as it was before (its `image`
 * lines). Rows the journal confirms and rows it left in flight (sent, no answer recorded) are both listed:
 * the lookup that follows tells what became of the latter. The records themselves are read again one
 * customer at a time (`JournalImages`): held for a million-row run, they were most of a GB.
 */
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomerFields } from '../api/customer-api.js';
import { internalError, usageError } from '../errors.js';
import type { JournalEntry } from '../journal/journal.js';
import { type EntrySpan, forEachEntry, readEntryAt } from '../journal/read-journal.js';
import { ReportFile } from '../report/report-files.js';
import type { WriteImage, WrittenRow } from '../upsert/ports.js';

/** One customer the run touched. */
export interface TouchedCustomer {
  /** The CSV line of its row: the key of every report. */
  line: number;
  userId: string;
  /** `created`: the run made this customer (undo deletes it); `updated`: it replaced `before` (undo restores it). */
  change: 'created' | 'updated';
  /** HelpCrunch's id; unknown for a create the run never heard back from. */
  id?: number;
  /** Where the journal holds the image with the full record the run sent last (a create body or a replacing update's record). */
  sentAt: EntrySpan;
  /** Where it holds the stored record before the run's first write to it; only for `updated`. */
  beforeAt?: EntrySpan;
  /** False when the write was in flight when the run stopped: whether it landed is for the lookup to tell. */
  confirmed: boolean;
}

/** A touched customer's records, read back from the journal. */
export interface TouchedRecords {
  sent: CustomerFields;
  /** Only for `updated`. */
  before?: CustomerFields;
}

/**
 * The folded history of one row: what its images tell (never the images themselves: a million-row run's
 * would all be held until the end) and how it settled.
 */
interface RowHistory {
  /** Whether its first image named a customer (an update), or not (a create). */
  firstHadId: boolean;
  /** The first before-image: the stored record before the run's first write. */
  beforeAt?: EntrySpan;
  /** From the last image: the user_id and where it is (the record sent). */
  userId: string;
  sentAt: EntrySpan;
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
  const found = await forEachEntry(join(reportDir, ReportFile.journal), (entry, span) => {
    first ??= entry.type;
    // A write with no image was journaled by an hc-import older than undo (perhaps before a resume by this
    // one). An image is always journaled before its write's outcome, so the count is right as it streams.
    if (entry.type === 'outcome' && wrote(entry.action) && !rows.has(entry.line)) blind += 1;
    foldEntry(rows, entry, span);
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

/** Adds one journal entry (its line at `span`) to the histories of the rows that have an image. */
function foldEntry(rows: Map<number, RowHistory>, entry: JournalEntry, span: EntrySpan): void {
  const history = rows.get(entry.type === 'image' || entry.type === 'outcome' || entry.type === 'failed' ? entry.line : -1);
  if (entry.type === 'image') {
    const { userId, id, before } = entry;
    const beforeAt = before === undefined ? undefined : span;
    if (history === undefined) {
      rows.set(entry.line, {
        firstHadId: id !== undefined,
        userId,
        sentAt: span,
        ...(id === undefined ? {} : { imageId: id }),
        ...(beforeAt && { beforeAt }),
      });
      return;
    }
    Object.assign(history, { userId, sentAt: span }, id === undefined ? {} : { imageId: id });
    history.beforeAt ??= beforeAt;
  } else if (entry.type === 'outcome' && history !== undefined) Object.assign(history, { outcome: entry.action, id: entry.id });
  else if (entry.type === 'failed' && history !== undefined) history.outcome = 'failed';
}

/**
 * The change a row made, or none: unchanged and failed rows changed nothing (a failed write was refused).
 * The first before-image is the one that counts: a resumed run plans from what the first run already wrote.
 * A row in flight whose first write was a create and that holds no before-image was created by the run.
 */
function touched(line: number, { firstHadId, beforeAt, userId, sentAt, imageId, outcome, id }: RowHistory): TouchedCustomer | undefined {
  if (outcome === 'unchanged' || outcome === 'failed') return undefined;
  const created = outcome === 'created' || (outcome === undefined && !firstHadId && beforeAt === undefined);
  const knownId = id ?? imageId;
  if (!created && beforeAt === undefined) return undefined;
  return {
    line,
    userId,
    change: created ? 'created' : 'updated',
    ...(knownId === undefined ? {} : { id: knownId }),
    sentAt,
    ...(created ? {} : { beforeAt }),
    confirmed: outcome !== undefined,
  };
}

/**
 * The run's journal, open to read a touched customer's images again, one positioned read each. Every image
 * read is checked to be the row's: the journal must not have changed since it was folded.
 */
export class JournalImages {
  private constructor(
    private readonly fd: number,
    private readonly path: string,
  ) {}

  static open(reportDir: string): JournalImages {
    const path = join(reportDir, ReportFile.journal);
    return new JournalImages(openSync(path, 'r'), path);
  }

  /** The records `customer` was sent and held before the run. */
  recordsOf(customer: TouchedCustomer): TouchedRecords {
    const sent = this.imageAt(customer.sentAt, customer.line).sent;
    return customer.beforeAt === undefined ? { sent } : { sent, before: this.beforeAt(customer.beforeAt, customer.line) };
  }

  /** The before-image of the row at `line`, from the image at `span`. */
  beforeAt(span: EntrySpan, line: number): CustomerFields {
    const before = this.imageAt(span, line).before;
    if (before === undefined) throw internalError(`${this.path} holds no before-image at byte ${span.offset} for line ${line}`);
    return before;
  }

  close(): void {
    closeSync(this.fd);
  }

  private imageAt(span: EntrySpan, line: number): WriteImage {
    let entry: JournalEntry | undefined;
    try {
      entry = readEntryAt(this.fd, span);
    } catch {
      entry = undefined;
    }
    if (entry?.type !== 'image' || entry.line !== line) {
      throw internalError(`${this.path} changed while it was undone: byte ${span.offset} no longer holds line ${line}'s image`);
    }
    return entry;
  }
}
