/**
 * The valid rows of a run, spilled to disk as the scan keeps them: memory holds only their userIds (the
 * lookup needs them all at once) and their count. The plan and the write flow stream the rows back.
 */
import { internalError } from '../errors.js';
import type { ValidRow } from '../model.js';
import { openJsonlWriter, readJsonl, type JsonlWriter } from './jsonl-file.js';
import { PlanFile, type PlanFolder } from './plan-files.js';

/** Valid rows on disk, one per userId, in file order. */
export interface RowSpill {
  add(row: ValidRow): void;
  readonly count: number;
  /**
   * Every kept userId (the dedupe stage guarantees each once), handed over once: the lookup needs them all,
   * the writes none, so the spill lets go of them (a million ids are tens of MB through the writes).
   */
  takeUserIds(): ReadonlySet<string>;
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

export function openRowSpill(folder: PlanFolder): RowSpill {
  const path = folder.path(PlanFile.rows);
  const writer: JsonlWriter = openJsonlWriter(path);
  let userIds = new Set<string>();
  return {
    add: (row) => {
      if (userIds.has(row.contact.userId)) {
        throw duplicateId(row.line);
      }
      userIds.add(row.contact.userId);
      writer.append(row);
    },
    get count() {
      return writer.lines;
    },
    takeUserIds() {
      const taken = userIds;
      userIds = new Set();
      return taken;
    },
    rows() {
      writer.flush();
      return readJsonl<ValidRow>(path);
    },
    folder,
    remove() {
      writer.close();
      folder.remove();
    },
  };
}

/** Rows kept in memory: what tests and small callers hand over instead of a spill. */
export function memoryRows(rows: readonly ValidRow[]): Pick<RowSpill, 'count' | 'takeUserIds' | 'rows'> {
  const userIds = new Set<string>();
  for (const { contact, line } of rows) {
    if (userIds.has(contact.userId)) {
      throw duplicateId(line);
    }
    userIds.add(contact.userId);
  }
  return {
    count: rows.length,
    takeUserIds: () => userIds,
    rows: async function* () {
      yield* rows;
    },
  };
}
