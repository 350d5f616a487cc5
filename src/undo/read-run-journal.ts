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
import { readJournalEntries } from '../journal/read-journal.js';
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
  /** The full record the run sent last (a create body or a replacing update's record). */
  sent: CustomerFields;
  /** The stored record before the run's first write to it; only for `updated`. */
  before?: CustomerFields;
  /** False when the write was in flight when the run stopped: whether it landed is for the lookup to tell. */
  confirmed: boolean;
}

/** The folded history of one row: its images in order and how it settled. */
interface RowHistory {
  images: WriteImage[];
  outcome?: WrittenRow['action'] | 'failed';
  id?: number;
}

/** Reads `reportDir/journal.jsonl`; a usage error when there is none or it predates undo. */
export async function readRunChanges(reportDir: string): Promise<TouchedCustomer[]> {
  const entries = await readJournalEntries(join(reportDir, ReportFile.journal));
  if (entries === undefined || entries[0]?.type !== 'header') {
    throw usageError(`${reportDir} holds no import journal: there is nothing to undo.`, 'Name the report folder of an applied run.');
  }
  const rows = fold(entries);
  // A write with no image was journaled by an hc-import older than undo (perhaps before a resume by this one).
  const wrote = (action: string): boolean => action === 'created' || action === 'updated';
  const blind = entries.filter((entry) => entry.type === 'outcome' && wrote(entry.action) && !rows.has(entry.line));
  if (blind.length > 0) {
    throw usageError(
      `${blind.length} row(s) of the run in ${reportDir} were written by an hc-import older than undo: ` +
        'its journal holds no before-images for them.',
      'Only runs made by this version or later can be undone.',
    );
  }
  return [...rows].flatMap(([line, history]) => touched(line, history) ?? []);
}

function fold(entries: readonly JournalEntry[]): Map<number, RowHistory> {
  const rows = new Map<number, RowHistory>();
  const historyOf = (line: number): RowHistory => {
    const known = rows.get(line);
    if (known !== undefined) return known;
    const fresh: RowHistory = { images: [] };
    rows.set(line, fresh);
    return fresh;
  };
  for (const entry of entries) {
    if (entry.type === 'image') historyOf(entry.line).images.push(entry);
    else if (entry.type === 'outcome' && rows.has(entry.line))
      Object.assign(historyOf(entry.line), { outcome: entry.action, id: entry.id });
    else if (entry.type === 'failed' && rows.has(entry.line)) historyOf(entry.line).outcome = 'failed';
  }
  return rows;
}

/**
 * The change a row made, or none: unchanged and failed rows changed nothing (a failed write was refused).
 * The first before-image is the one that counts: a resumed run plans from what the first run already wrote.
 * A row in flight whose first write was a create and that holds no before-image was created by the run.
 */
function touched(line: number, { images, outcome, id }: RowHistory): TouchedCustomer | undefined {
  const first = images[0];
  const last = images.at(-1);
  if (first === undefined || last === undefined || outcome === 'unchanged' || outcome === 'failed') return undefined;
  const before = images.find((image) => image.before !== undefined)?.before;
  const created = outcome === 'created' || (outcome === undefined && first.id === undefined && before === undefined);
  const knownId = id ?? images.findLast((image) => image.id !== undefined)?.id;
  if (!created && before === undefined) return undefined;
  return {
    line,
    userId: last.userId,
    change: created ? 'created' : 'updated',
    ...(knownId === undefined ? {} : { id: knownId }),
    sent: last.sent,
    ...(created ? {} : { before }),
    confirmed: outcome !== undefined,
  };
}
