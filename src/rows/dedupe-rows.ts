/**
 * Resolve rows that share a user_id (compared exactly: user ids are opaque, so `A1` and `a1` differ).
 *
 * `--on-duplicate first` keeps the first row and reports each later one with the kept line; `last` keeps
 * the last and reports each earlier one; `reject` reports every row of a repeated id (keptLine null).
 * Only valid rows take part: a rejected row never claims its user_id.
 *
 * `first` decides online in one pass. `last` and `reject` need the whole file, so the caller runs two
 * passes: the first feeds every valid row to a {@link DuplicateIndex}, the second asks the deduper made
 * from it. Either way each decision depends only on the row and the state built from earlier rows or
 * the index, never on how rows were batched. Memory: one entry per distinct user_id.
 */
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { FingerprintIndex } from './fingerprint-index.js';
import type { DuplicatePolicy, DuplicateRow, ValidRow } from '../model.js';

/** Kept, or reported as a duplicate of the kept line (null under `reject`). */
export type RowDecision = { kept: true } | { kept: false; duplicate: DuplicateRow };

/** Decides, row by row in file order, whether a valid row is kept or reported as a duplicate. */
export type RowDecider = (row: ValidRow) => RowDecision;

// One shared object: most rows are kept, and a fresh object per row would be garbage for nothing.
const KEPT: RowDecision = Object.freeze({ kept: true });

/** True when the policy needs a first pass that fills a {@link DuplicateIndex}. */
export function needsDuplicateIndex(policy: DuplicatePolicy): boolean {
  return policy !== 'first';
}

/** `--on-duplicate first`, online: one index slot (user_id → kept line) per distinct user_id. */
export function createFirstWinsDeduper(expectedIds = 0): RowDecider {
  const keptLines = new FingerprintIndex(expectedIds);
  return (row) => {
    const keptLine = keptLines.claim(row.contact.userId, row.line);
    return keptLine === undefined ? KEPT : duplicateOf(row, keptLine);
  };
}

/** Where one user_id occurs among the valid rows of the file. */
export interface DuplicateStats {
  firstLine: number;
  lastLine: number;
  count: number;
}

/** Whole-file knowledge of user ids, filled by a first pass over the valid rows in file order. */
export interface DuplicateIndex {
  add(row: ValidRow): void;
  get(userId: string): DuplicateStats | undefined;
  /** Distinct user ids seen on more than one valid row. */
  readonly repeatedIds: number;
}

/** An empty index. It stores one slot per distinct user_id, plus a small record per repeated one. */
export function createDuplicateIndex(): DuplicateIndex {
  const lastLines = new FingerprintIndex();
  const repeats = new Map<string, { firstLine: number; count: number }>();
  return {
    add({ line, contact: { userId } }) {
      const previous = lastLines.get(userId);
      lastLines.set(userId, line);
      if (previous === undefined) return;
      const repeat = repeats.get(userId);
      if (repeat === undefined) repeats.set(userId, { firstLine: previous, count: 2 });
      else repeat.count += 1;
    },
    get(userId) {
      const lastLine = lastLines.get(userId);
      if (lastLine === undefined) return undefined;
      const repeat = repeats.get(userId);
      return { firstLine: repeat?.firstLine ?? lastLine, lastLine, count: repeat?.count ?? 1 };
    },
    get repeatedIds() {
      return repeats.size;
    },
  };
}

/** The deduper for a policy; `last` and `reject` need the index from the first pass. */
export function createDeduper(policy: DuplicatePolicy, index?: DuplicateIndex, expectedIds = 0): RowDecider {
  if (policy === 'first') return createFirstWinsDeduper(expectedIds);
  if (index === undefined) throw invariant(`--on-duplicate ${policy} needs a duplicate index from a first pass`);
  const keepLast = policy === 'last';
  return (row) => {
    const stats = index.get(row.contact.userId);
    if (stats === undefined || row.line > stats.lastLine) throw notIndexed(row);
    if (keepLast) return row.line === stats.lastLine ? KEPT : duplicateOf(row, stats.lastLine);
    return stats.count === 1 ? KEPT : duplicateOf(row, null);
  };
}

function duplicateOf({ line, cells, contact }: ValidRow, keptLine: number | null): RowDecision {
  return { kept: false, duplicate: { line, cells, userId: contact.userId, keptLine } };
}

function notIndexed(row: ValidRow): HciError {
  const where = `line ${row.line} (user_id ${JSON.stringify(row.contact.userId)})`;
  return invariant(`${where} was not seen in the first pass; did the file change during the import?`);
}

function invariant(message: string): HciError {
  return new HciError({ code: ErrorCode.invariant, kind: ErrorKind.internal, message });
}
