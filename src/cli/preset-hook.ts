/**
 * Where `hc-import map` takes a preset (a known export's layout: HubSpot, Zendesk, Intercom, …). The
 * presets live in src/presets/; until they are plugged in here, no preset is ever detected and `map`
 * says so. Plugging in is this one function: `detectPreset(headers, fileName)` when none is asked for,
 * `presetMapping(preset, headers)` for its map and custom columns.
 */
import { type ColumnMapping, type MapOverrides, mapColumns } from '../rows/map-columns.js';
import { type CustomColumnSpec, parseCustomOptions } from '../rows/open-field-options.js';
import { parseMapOptions } from '../rows/parse-map-options.js';

/** A preset's contribution to the mapping; the flags and the mapping file override it field by field. */
export interface PresetChoice {
  name: string;
  map: MapOverrides;
  custom: readonly CustomColumnSpec[];
}

/**
 * The preset for this file: the one asked for (`preset` from `--preset` or the mapping file; `none`
 * turns detection off), else the one its headers are recognised as; undefined when there is none.
 */
export function choosePreset(_asked: string | undefined, _headers: readonly string[], _fileName: string): PresetChoice | undefined {
  return undefined;
}

/** The mapping-shaping flags, as validated. */
export interface MappingFlags {
  map: readonly string[];
  custom: readonly string[];
  customRest: boolean;
}

/**
 * The mapping `map` shows and writes: the preset's, then the flags (and the mapping file), which win
 * field by field and column by column.
 */
export function effectiveMapping(headers: readonly string[], flags: MappingFlags, preset?: PresetChoice): ColumnMapping {
  const given = parseCustomOptions(flags.custom);
  const taken = (spec: CustomColumnSpec): boolean => given.some((own) => own.header === spec.header || own.property === spec.property);
  const custom = [...(preset?.custom ?? []).filter((spec) => !taken(spec)), ...given];
  return mapColumns(headers, { ...preset?.map, ...parseMapOptions(flags.map) }, { custom, customRest: flags.customRest });
}
