/**
 * A second, targeted pass over the input for reports that need rows the first pass did not keep (the
 * earlier spelling of a case-variant user_id, every user of a shared email). Memory stays flat: only the
 * rows `wanted` picks are handed on.
 */
import type { InputEncoding } from '../input/inspect-input.js';
import { readCsv } from '../input/read-csv.js';
import type { ValidRow } from '../model.js';
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
