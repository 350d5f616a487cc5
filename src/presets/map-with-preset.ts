/**
 * The one way a file's columns are mapped, for an import, `verify` and `hc-import map` alike: a preset
 * mapping saved in a mapping file (`presetMapping`) is run as it was saved; otherwise the preset asked for
 * with `--preset` (or the one detected, unless `--preset none`) is applied; then the user's `--map` and
 * open-field options, and the aliases for whatever is left.
 */
import { usageError } from '../errors.js';
import { findHeader, listHeaders } from '../rows/column-aliases.js';
import { type ColumnMapping, type MapOverrides, mapColumns } from '../rows/map-columns.js';
import type { OpenFieldOptions } from '../rows/open-field-options.js';
import { type AppliedPreset, applyPreset, applyPresetMapping } from './apply-preset.js';
import { renameCustomColumns } from './preset-run.js';
import type { PresetMapping } from './preset-types.js';

/** What a file's mapping is decided from. */
export interface MappingInput {
  headers: readonly string[];
  fileName?: string;
  /** `--preset`: a name, `none`, or undefined to detect. */
  choice?: string;
  /** A preset mapping a mapping file holds (written by `map --write-config`); it wins over detection. */
  saved?: PresetMapping;
  map: MapOverrides;
  open: OpenFieldOptions;
}

/** The preset applied (the identity when there is none) and the column mapping it leads to. */
export function mapWithPreset(input: MappingInput): { preset: AppliedPreset; mapping: ColumnMapping } {
  const { headers, fileName, map, open } = input;
  if (input.saved) refuseMissingColumns(input.saved, headers, map);
  const preset = input.saved ? applyPresetMapping(input.saved, { headers, fileName, map, open }) : applyPreset(input);
  const mapping = renameCustomColumns(preset, mapColumns(preset.headers, preset.map, preset.open, preset.excluded), preset.open);
  return { preset, mapping };
}

/**
 * A saved mapping names columns of the export it was written from: one missing here (another tool's export,
 * a column dropped) is said as the mapping file's, not as a `--map` the user never typed.
 */
function refuseMissingColumns(saved: PresetMapping, headers: readonly string[], user: MapOverrides): void {
  for (const [field, header] of Object.entries(saved.map)) {
    const replaced = user[field as keyof MapOverrides] !== undefined || (user.name !== undefined && /^(first|last)_name$/.test(field));
    if (header === undefined || replaced || findHeader(headers, header) >= 0) continue;
    throw usageError(
      `the mapping file's presetMapping (${saved.preset}) reads ${field} from ${JSON.stringify(header)}: no such column; headers found: ${listHeaders(headers)}`,
      'Was the mapping file written from another export? Write it again with hc-import map FILE --write-config, or run with --no-config.',
    );
  }
}
