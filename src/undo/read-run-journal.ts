/**
 * What a run changed, read back from its journal: every customer it created or updated, with where the
 * journal holds the record it sent last and, for an update, the stored record as it was before (its `image`
 * lines). Rows the journal confirms and rows it left in flight (sent, no answer recorded) are both listed:
 * the lookup that follows tells what became of the latter. The records themselves are read again one
 * customer at a time (`JournalImages`): held for a million-row run, they and the lookup's made a GB.
 */
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomerFields } from '../api/customer-api.js';
import { internalError, usageError } from '../errors.js';
import type { JournalEntry } from '../journal/journal.js';
import { type EntrySpan, forEachEntryAt, readEntryAt } from '../journal/read-journal.js';
import { ReportFile } from '../report/report-files.js';
import type { WriteImage } from '../upsert/ports.js';
import { RunChanges, type TouchedCustomer } from './run-changes.js';

export type { TouchedCustomer } from './run-changes.js';

/** A touched customer's records, read back from the journal. */
export interface TouchedRecords {
  sent: CustomerFields;
  /** Only for `updated`. */
  before?: CustomerFields;
}

/** Reads `reportDir/journal.jsonl`; a usage error when there is none or it predates undo. */
export async function readRunChanges(reportDir: string): Promise<RunChanges> {
  // Folded as it streams: a million-row run's journal is never held whole (images are most of it).
  const changes = new RunChanges();
  let first: JournalEntry['type'] | undefined;
  let blind = 0;
  const found = await forEachEntryAt(join(reportDir, ReportFile.journal), (entry, span) => {
    first ??= entry.type;
    // A write with no image was journaled by an hc-import older than undo (perhaps before a resume by this
    // one). An image is always journaled before its write's outcome, so the count is right as it streams.
    if (entry.type === 'outcome' && wrote(entry.action) && !changes.hasImage(entry.line)) blind += 1;
    changes.fold(entry, span);
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
  changes.finish();
  return changes;
}

const wrote = (action: string): boolean => action === 'created' || action === 'updated';

/**
 * The run's journal, open to read a touched customer's images again, one positioned read each. Every image
 * read is checked to be the row's: the journal must not have changed since it was folded.
 */
export class JournalImages {
  /** Reused by every read that fits: image lines are a few hundred bytes, rarely more. */
  private readonly scratch = Buffer.alloc(64 * 1024);

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
      entry = readEntryAt(this.fd, span, this.scratch);
    } catch {
      entry = undefined;
    }
    if (entry?.type !== 'image' || entry.line !== line) {
      throw internalError(`${this.path} changed while it was undone: byte ${span.offset} no longer holds line ${line}'s image`);
    }
    return entry;
  }
}
