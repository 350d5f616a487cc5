/**
 * Reads a row's open fields: its tags (the tags column plus every `--tag`) and its custom attributes
 * (the `--custom` and `--custom-rest` columns), by the rules of `fields/open-cells.ts`.
 *
 * - Tags, `--tags add` (default): `{add: names}`, added to the stored tags; a blank cell adds only the
 *   `--tag` names. `--tags replace`: a filled cell (plus `--tag`) is the whole list; a blank cell keeps the
 *   stored tags (only `--tag` is added), or under `--blanks clear` leaves only the `--tag` names.
 * - Attributes: a blank cell leaves the property out (keep) or sets it to null (`--blanks clear`).
 */
import type { CustomDataMap, WantedTags } from '../fields/compare-values.js';
import { readAttributeCell, readTagCell, type CellProblem } from '../fields/open-cells.js';
import type { BlanksPolicy } from '../model.js';
import type { ColumnMapping } from './map-columns.js';
import type { OpenFieldOptions } from './open-field-options.js';

/** A row's open fields; a property left out says nothing about the stored value. */
export interface OpenFields {
  tags?: WantedTags | null;
  customData?: CustomDataMap;
}

export type OpenFieldVerdict = { ok: true; fields: OpenFields } | { ok: false; problems: CellProblem[] };

/** Options of {@link createOpenFieldReader}. */
export interface OpenFieldReaderOptions {
  mapping: ColumnMapping;
  open: OpenFieldOptions;
  blanks: BlanksPolicy;
}

/** The per-row reader; undefined when the run has no tags and no custom attributes, so rows skip it. */
export function createOpenFieldReader({
  mapping,
  open,
  blanks,
}: OpenFieldReaderOptions): ((cells: readonly string[]) => OpenFieldVerdict) | undefined {
  const tagsIndex = mapping.tags?.indexes[0];
  if (tagsIndex === undefined && open.tags.length === 0 && mapping.custom.length === 0) return undefined;
  const tagsColumn = `tags (column ${JSON.stringify(mapping.tags?.headers[0] ?? '')})`;
  return (cells) => {
    const problems: CellProblem[] = [];
    const fields: OpenFields = {};
    let cellTags: string[] | undefined;
    const tagCell = tagsIndex === undefined ? '' : (cells[tagsIndex] ?? '').trim();
    if (tagCell !== '') {
      const read = readTagCell(tagsColumn, tagCell, open.tagSeparator);
      if ('tags' in read) cellTags = read.tags;
      else problems.push(read);
    }
    const tags = wantedTags(cellTags, open, tagsIndex !== undefined && blanks === 'clear');
    if (tags !== undefined) fields.tags = tags;
    const customData: CustomDataMap = {};
    for (const column of mapping.custom) {
      const cell = (cells[column.index] ?? '').trim();
      if (cell === '') {
        if (blanks === 'clear') customData[column.property] = null;
        continue;
      }
      const read = readAttributeCell(`column ${JSON.stringify(column.header)}`, column.type, cell);
      if ('value' in read) customData[column.property] = read.value;
      else problems.push(read);
    }
    if (Object.keys(customData).length > 0) fields.customData = customData;
    return problems.length > 0 ? { ok: false, problems } : { ok: true, fields };
  };
}

/** The row's tags by the mode (see the module comment); undefined when the row says nothing about them. */
function wantedTags(cellTags: string[] | undefined, open: OpenFieldOptions, clearBlank: boolean): WantedTags | null | undefined {
  const names = [...new Set([...(cellTags ?? []), ...open.tags])];
  if (open.tagsMode === 'replace' && (cellTags !== undefined || clearBlank)) return names.length > 0 ? names : null;
  return names.length > 0 ? { add: names } : undefined;
}
