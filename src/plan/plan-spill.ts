/**
 * The plan of a run on disk, split by what the write flow does with each row: rows that settle without a
 * request, creates, updates. Each file is in file order, so streaming them in that order (settled, creates,
 * updates) is the order the write flow always took, with nothing but a batch window in memory.
 */
import type { PlannedRow } from '../upsert/write-types.js';
import { openJsonlWriter, readJsonl, type JsonlWriter } from './jsonl-file.js';
import { PlanFile, type PlanFolder } from './plan-files.js';

/** The planned rows, by the write flow's three passes; each may be streamed more than once. */
export interface PlanSource {
  settled(): AsyncIterable<PlannedRow>;
  creates(): AsyncIterable<PlannedRow>;
  updates(): AsyncIterable<PlannedRow>;
}

/** Appends planned rows to the three files; `source` reads them back once written. */
export interface PlanSpill {
  add(entry: PlannedRow): void;
  /** Closes the files and returns their reader. */
  finish(): PlanSource;
  /** Closes the files without writing what is buffered or reading them (a planning that failed); safe after `finish`. */
  close(): void;
}

type Pass = 'settled' | 'creates' | 'updates';

const passOf = ({ plan }: PlannedRow): Pass => (plan.action === 'create' ? 'creates' : plan.action === 'update' ? 'updates' : 'settled');

export function openPlanSpill(folder: PlanFolder): PlanSpill {
  const paths: Record<Pass, string> = {
    settled: folder.path(PlanFile.settled),
    creates: folder.path(PlanFile.creates),
    updates: folder.path(PlanFile.updates),
  };
  const opened: JsonlWriter[] = [];
  const open = (path: string): JsonlWriter => {
    try {
      const writer = openJsonlWriter(path);
      opened.push(writer);
      return writer;
    } catch (error) {
      for (const writer of opened) writer.discard();
      throw error;
    }
  };
  const writers: Record<Pass, JsonlWriter> = {
    settled: open(paths.settled),
    creates: open(paths.creates),
    updates: open(paths.updates),
  };
  // A planning that failed (a spill the disk refused among them) drops what is buffered: nothing reads it.
  const close = (): void => {
    for (const writer of opened) writer.discard();
  };
  return {
    add: (entry) => void writers[passOf(entry)].append(entry),
    close,
    finish() {
      try {
        for (const writer of opened) writer.close();
      } catch (error) {
        close();
        throw error;
      }
      return {
        settled: () => readJsonl<PlannedRow>(paths.settled),
        creates: () => readJsonl<PlannedRow>(paths.creates),
        updates: () => readJsonl<PlannedRow>(paths.updates),
      };
    },
  };
}

/** A plan held in memory (tests, small callers), read as the spilled one is. */
export function memoryPlan(rows: readonly PlannedRow[]): PlanSource {
  const of = (pass: Pass) =>
    async function* (): AsyncGenerator<PlannedRow> {
      for (const entry of rows) if (passOf(entry) === pass) yield entry;
    };
  return { settled: of('settled'), creates: of('creates'), updates: of('updates') };
}

/** Every planned row in file order (tests). */
export async function collectPlan(source: PlanSource): Promise<PlannedRow[]> {
  const rows: PlannedRow[] = [];
  for (const pass of [source.settled(), source.creates(), source.updates()]) for await (const entry of pass) rows.push(entry);
  return rows.sort((a, b) => a.row.line - b.row.line);
}
