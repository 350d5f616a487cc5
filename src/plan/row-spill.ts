/**
 * The valid rows of a run, spilled to disk as the scan keeps them: memory holds only a checklist of their
 * userIds (fingerprints, for the lookup) and their count. The plan and the write flow stream the rows back.
 */
import { internalError } from '../errors.js';
import type { ValidRow } from '../model.js';
import { IdChecklist, type WantedIds } from './id-checklist.js';
import { openJsonlWriter, readJsonl, type JsonlWriter } from './jsonl-file.js';
import { PlanFile, type PlanFolder } from './plan-files.js';

/** Valid rows on disk, one per userId, in file order. */
export interface RowSpill {
  add(row: ValidRow): void;
  readonly count: number;
  /**
   * Every kept userId (the dedupe stage guarantees each once), handed over once: the lookup needs them all,
   * the writes none, so the spill lets go of them (a million ids are ~21 MB through the writes).
   */
  takeUserIds(): WantedIds;
  /** The rows in file order; the file is flushed first. */
  rows(): AsyncIterable<ValidRow>;
  /** Where the rest of the run's spill files go. */
  readonly folder: PlanFolder;
  /** Closes the file and removes every spill file of the run. */
  remove(): void;
}

/** Two rows with one userId would race to create it; the dedupe stage must have removed them. */
const duplicateId = (line: number): Error =>
  internalError(`userId on line ${line} appears on an earlier row too; rows must be deduplicated first`);

/** `expected`: about how many rows will come (the file's lines), so the id checklist need not grow. */
export function openRowSpill(folder: PlanFolder, expected = 0): RowSpill {
  const path = folder.path(PlanFile.rows);
  const writer: JsonlWriter = openJsonlWriter(path);
  let userIds: IdChecklist | undefined = new IdChecklist(expected);
  const idsOf = async function* (): AsyncGenerator<string> {
    writer.flush();
    for await (const row of readJsonl<ValidRow>(path)) yield row.contact.userId;
  };
  return {
    add: (row) => {
      if (userIds === undefined) throw internalError('a row was spilled after its userIds were handed over');
      if (!userIds.add(row.contact.userId)) throw duplicateId(row.line);
      writer.append(row);
    },
    get count() {
      return writer.lines;
    },
    takeUserIds() {
      const checklist = userIds ?? new IdChecklist();
      userIds = undefined;
      return { checklist, list: idsOf };
    },
    rows() {
      writer.flush();
      return readJsonl<ValidRow>(path);
    },
    folder,
    remove() {
      // The rows are not wanted any more: nothing buffered is written (a disk that refused them would refuse
      // again, and throw over the error that stopped the run).
      writer.discard();
      folder.remove();
    },
  };
}

/** Rows kept in memory: what tests and small callers hand over instead of a spill. */
export function memoryRows(rows: readonly ValidRow[]): Pick<RowSpill, 'count' | 'takeUserIds' | 'rows'> {
  const checklistOf = (): IdChecklist => {
    const checklist = new IdChecklist(rows.length);
    for (const { contact, line } of rows) if (!checklist.add(contact.userId)) throw duplicateId(line);
    return checklist;
  };
  return {
    count: rows.length,
    // A fresh checklist each time (a lookup ticks its ids off); a repeated userId is refused here.
    takeUserIds: () => ({
      checklist: checklistOf(),
      list: async function* () {
        for (const row of rows) yield row.contact.userId;
      },
    }),
    rows: async function* () {
      yield* rows;
    },
  };
}
