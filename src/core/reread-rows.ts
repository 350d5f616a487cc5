/**
 * A second, targeted pass over the input for reports that need rows the first pass did not keep (the
 * earlier spelling of a case-variant user_id, every user of a shared email). Memory stays flat: only the
 * rows `wanted` picks are handed on.
 */
import type { InputEncoding } from '../input/inspect-input.js';
import { readCsv } from '../input/read-csv.js';
import type { ValidRow } from '../model.js';
import { createDuplicateIndex, type DuplicateIndex } from '../rows/dedupe-rows.js';
import type { RowValidator } from '../rows/validate-row.js';
import type { RunConfig, RunDeps } from './run-config.js';

/** How to read the input again exactly as the first pass did. */
export interface RereadSource {
  deps: RunDeps;
  encoding: InputEncoding;
  config: RunConfig;
  validate: RowValidator;
}

/** The valid rows for which `wanted` is true, in file order; `enough` ends the pass early. */
export async function* rereadValidRows(
  { deps, encoding, config, validate }: RereadSource,
  wanted: (row: ValidRow) => boolean,
  enough: () => boolean = () => false,
): AsyncGenerator<ValidRow> {
  const reader = await readCsv(deps.openInput, { encoding, delimiter: config.delimiter });
  for await (const record of reader.records) {
    if (record.kind !== 'record') continue;
    const verdict = validate(record);
    if (verdict.ok && wanted(verdict.row)) yield verdict.row;
    if (enough()) return;
  }
}

/** The first pass that `--on-duplicate last|reject` needs: which lines hold each user_id. Stops early when `signal` aborts. */
export async function indexDuplicates(
  deps: RunDeps,
  encoding: InputEncoding,
  config: RunConfig,
  validate: RowValidator,
  signal: AbortSignal,
): Promise<DuplicateIndex> {
  const index = createDuplicateIndex();
  const reader = await readCsv(deps.openInput, { encoding, delimiter: config.delimiter });
  let read = 0;
  for await (const record of reader.records) {
    // Checked where the scan checks (before the 10,000th record past each stop is read): a first pass that
    // stopped one record sooner left the scan a row it had never seen.
    if (read % 10_000 === 0 && read > 0 && signal.aborted) break;
    read += 1;
    if (record.kind !== 'record') continue;
    const verdict = validate(record);
    if (verdict.ok) index.add(verdict.row);
  }
  return index;
}

/** The user_ids of the given lines, from a second read of the input (only case variants need it). */
export async function userIdsAt(source: RereadSource, lines: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for await (const row of rereadValidRows(
    source,
    (row) => lines.has(row.line),
    () => found.size === lines.size,
  )) {
    found.set(row.line, row.contact.userId);
  }
  return found;
}
