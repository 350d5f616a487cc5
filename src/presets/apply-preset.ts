/**
 * A run's preset: detected from the headers (or forced with `--preset NAME`, off with `--preset none`),
 * merged under the user's `--map`, and turned into what the mapping and the validator take. `--map` wins
 * over the preset, but naming an identity trap with it earns a warning.
 */
import type { DateOrder } from '../fields/parse-date.js';
import { ErrorCode, inputError } from '../errors.js';
import type { Warning } from '../report/summary.js';
import { findHeader, listHeaders } from '../rows/column-aliases.js';
import type { MapOverrides } from '../rows/map-columns.js';
import type { OpenFieldOptions } from '../rows/open-field-options.js';
import { detectPreset, presetByName, PRESETS } from './detect-preset.js';
import { QUOTED_TAGS_JOIN } from './preset-cells.js';
import { fileNameMatches, presetMapping, userIdCandidates } from './preset-mapping.js';
import type { PresetDefinition, PresetMapping } from './preset-types.js';

/** The header of the column that exists only by a file-name rule (its cells are appended to each row). */
export const FROM_FILE_NAME = '(from the file name)';

/** What {@link applyPreset} works from. */
export interface PresetInput {
  headers: readonly string[];
  fileName?: string;
  /** `--preset`: a name, `none`, or undefined to detect. */
  choice?: string;
  /** The user's `--map`. */
  map: MapOverrides;
  open: OpenFieldOptions;
}

/** A run's preset and everything the mapping needs from it; the identity when there is none. */
export interface AppliedPreset {
  /** The preset's name (summary.json's `input.preset`, the journal), null without one. */
  name: string | null;
  /** Its definition, when the name is one of {@link PRESETS} (a mapping file may name its own). */
  preset: PresetDefinition | null;
  /** The headers that detected it; empty when forced or none. */
  clues: string[];
  result: PresetMapping | null;
  /** The file's headers plus the file-name columns. */
  headers: string[];
  map: MapOverrides;
  /** Column index → why no alias may read it (refused or bookkeeping). */
  excluded: Map<number, string>;
  open: OpenFieldOptions;
  /** A quoted tag list's separator in the file (`--tag-separator`, else the preset's); `open.tagSeparator` is then the join. */
  tagListSeparator?: string;
  dateFormat?: DateOrder;
  warnings: Warning[];
}

/** Choose, apply and merge the preset (see the module comment). Throws when a preset's file has no user id. */
export function applyPreset(input: PresetInput): AppliedPreset {
  const forced = input.choice === undefined ? undefined : presetByName(input.choice);
  const detected = forced === undefined ? detectPreset(input.headers, input.fileName) : null;
  const preset = forced ?? detected?.preset ?? null;
  if (preset === null) {
    const { headers, map, open } = input;
    return { name: null, preset: null, clues: [], result: null, headers: [...headers], map, excluded: new Map(), open, warnings: [] };
  }
  return applyPresetMapping(presetMapping(preset, input.headers, input.fileName), input, detected?.clues ?? []);
}

/**
 * Run a {@link PresetMapping} (a preset's, or one a mapping file holds) under the user's `--map`: the same
 * overrides, exclusions, cell formats and warnings whether it was detected just now or saved earlier.
 */
export function applyPresetMapping(saved: PresetMapping, input: Omit<PresetInput, 'choice'>, clues: string[] = []): AppliedPreset {
  const preset = PRESETS[saved.preset] ?? null;
  const result = { ...saved, constants: fileNameConstants(saved, preset, input.fileName, input.map) };
  const title = preset?.title ?? result.preset;
  const map = mergeMaps(result, input.map, input.headers);
  if (map.user_id === undefined) throw noUserId(title, input.headers, result);
  const headers = [...input.headers];
  for (const [field] of Object.entries(result.constants)) {
    map[field as 'unsubscribed'] = FROM_FILE_NAME;
    headers.push(FROM_FILE_NAME);
  }
  const excluded = new Map<number, string>();
  input.headers.forEach((header, index) => {
    const refused = result.refused.find((entry) => entry.header === header);
    if (refused) excluded.set(index, `refused by the ${title} preset: never ${refused.fields.join(', ')}`);
    else if (result.ignored.includes(header)) excluded.set(index, `not imported by the ${title} preset`);
  });
  const open = { ...input.open };
  if (open.tagSeparator === undefined && result.tagSeparator !== null) open.tagSeparator = result.tagSeparator;
  // A quoted list is split on its separator by the cell rewrite, quote-aware; the validator then splits on the join.
  const tagListSeparator = result.quotedTags ? (open.tagSeparator ?? ',') : undefined;
  if (tagListSeparator !== undefined) open.tagSeparator = QUOTED_TAGS_JOIN;
  return {
    name: result.preset,
    preset,
    clues,
    result,
    headers,
    map,
    excluded,
    open,
    ...(tagListSeparator === undefined ? {} : { tagListSeparator }),
    ...(result.dateFormat === null ? {} : { dateFormat: result.dateFormat }),
    warnings: trapWarnings(title, result, input.map, input.headers),
  };
}

/**
 * A known preset's file-name rule is decided by the file being read: a saved mapping may have been written
 * from another file of the same export (Mailchimp's unsubscribed file, then its subscribed one). A field
 * the user maps with --map is read from that column, as for every other preset mapping.
 */
function fileNameConstants(
  saved: PresetMapping,
  preset: PresetDefinition | null,
  fileName: string | undefined,
  user: MapOverrides,
): PresetMapping['constants'] {
  const constants = { ...saved.constants };
  const rule = preset?.fileName;
  if (rule !== undefined) {
    delete constants[rule.field];
    if (fileNameMatches(rule, fileName) && saved.map[rule.field] === undefined) constants[rule.field] = rule.value;
  }
  for (const [field, header] of Object.entries(user)) if (header !== undefined) delete constants[field as keyof typeof constants];
  return constants;
}

/** The preset's map under the user's: a field the user maps drops the preset's, `name` drops First + Last. */
function mergeMaps(result: PresetMapping, user: MapOverrides, headers: readonly string[]): MapOverrides {
  const merged: MapOverrides = { ...result.map };
  if (user.name !== undefined) {
    delete merged.first_name;
    delete merged.last_name;
  }
  const userColumns = new Set(Object.values(user).map((header) => header !== undefined && findHeader(headers, header)));
  for (const [field, header] of Object.entries(merged)) {
    // A column the user moved to another field no longer feeds the preset's.
    if (header !== undefined && userColumns.has(findHeader(headers, header))) delete merged[field as keyof MapOverrides];
  }
  return { ...merged, ...user };
}

function trapWarnings(title: string, result: PresetMapping, user: MapOverrides, headers: readonly string[]): Warning[] {
  const warnings: Warning[] = [];
  for (const [field, wanted] of Object.entries(user)) {
    if (wanted === undefined) continue;
    const header = headers[findHeader(headers, wanted)];
    const trap = result.refused.find((entry) => entry.header === header && entry.fields.some((target) => target === field));
    if (trap === undefined) continue;
    warnings.push({
      code: 'preset_identity_trap',
      message: `--map ${field}=${JSON.stringify(header)}: in a ${title} export this is ${trap.why}; imported as you asked.`,
    });
  }
  return warnings;
}

function noUserId(title: string, headers: readonly string[], result: PresetMapping) {
  const refused = new Set(result.refused.map((entry) => entry.header));
  const candidates = userIdCandidates(headers, refused);
  // The tool's own ids: the refused columns kept from user_id alone (owners are refused for more).
  const ids = result.refused.filter((entry) => entry.fields.length === 1 && entry.fields[0] === 'user_id').map((entry) => entry.header);
  const likely = candidates.length > 0 ? `; likely candidates: ${listHeaders(candidates)}` : '';
  const are = ids.length === 1 ? `is ${title}'s own id` : `are ${title}'s own ids`;
  const never = ids.length > 0 ? ` (${listHeaders(ids)} ${are}, never the user id)` : '';
  return inputError(
    ErrorCode.missingColumn,
    `no column for user_id in this ${title} export${never}${likely}; headers found: ${listHeaders(headers)}`,
    `name the column holding the id your site sends to the chat widget: --map user_id=${JSON.stringify(candidates[0] ?? '<header>')}`,
  );
}
