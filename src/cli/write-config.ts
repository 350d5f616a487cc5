/**
 * `hc-import map --write-config FILE`: the effective mapping as a mapping file to edit and reuse. Every
 * column's role is written out (fields and tags in `map`, custom attributes one by one, `--custom-rest`
 * expanded), so a later run maps the same headers the same way without detection or a preset; a new
 * column in a later export is then ignored rather than imported unasked. The file is checked before it
 * is written: read back, it must map these headers exactly as shown.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { describeColumns } from '../core/build-summary.js';
import { usageError } from '../errors.js';
import { parseEncoding } from '../input/parse-user-options.js';
import type { ColumnMapping } from '../rows/map-columns.js';
import { parseConfigText } from './config-file.js';
import { CONFIG_KEYS } from './config-schema.js';
import { FROM_FILE_NAME } from '../presets/apply-preset.js';
import { mapWithPreset } from '../presets/map-with-preset.js';
import { asPresetMapping } from '../presets/preset-mapping-schema.js';
import type { PresetMapping } from '../presets/preset-types.js';
import { parseCustomOptions } from '../rows/open-field-options.js';
import { parseMapOptions } from '../rows/parse-map-options.js';

/** Where the schema is once hc-import is installed in the project; editors read it for completion and checks. */
const INSTALLED_SCHEMA = 'node_modules/hc-import/schema/hc-import.config.schema.json';

/** The installed schema as `$schema` of a file written to `file`: editors resolve it from the file's own folder. */
export function schemaReference(file: string, cwd: string): string {
  const path = relative(dirname(resolve(cwd, file)), resolve(cwd, INSTALLED_SCHEMA))
    .split(sep)
    .join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Keys written from the mapping itself; every other key the run had is carried over as it was. */
const MAPPING_KEYS = new Set([
  '$schema',
  'preset',
  'presetMapping',
  'map',
  'custom',
  'customRest',
  'tagSeparator',
  'dateFormat',
  'timezone',
]);

/** What the file is written from. */
export interface ConfigParts {
  headers: readonly string[];
  mapping: ColumnMapping;
  /** The preset's name, for reference; `none` when none was used. */
  preset: string;
  /** The preset's mapping of these headers, saved whole so a run with `--preset none` maps them the same way. */
  saved?: PresetMapping;
  /** The input's name (a preset may read it: Mailchimp's unsubscribed export). */
  fileName?: string;
  /** The file's `$schema`. */
  schema: string;
  /** The run's option bag (flags and mapping file merged): cell formats and carried-over keys. */
  options: Readonly<Record<string, unknown>>;
}

/** The mapping file's content, keys in the schema's order. */
export function mappingAsConfig({ mapping, preset, saved, schema, options }: ConfigParts): Record<string, unknown> {
  const map: Record<string, string> = {};
  for (const [field, columns] of Object.entries(mapping.fields)) {
    // A name joined from First + Last Name columns has no single header: detection finds those again. A
    // value from the file's name is the preset's rule (in presetMapping), decided again for each file read.
    const header = columns?.headers.length === 1 ? columns.headers[0] : undefined;
    if (header !== undefined && header !== FROM_FILE_NAME) map[field] = header;
  }
  if (mapping.tags?.headers[0] !== undefined) map['tags'] = mapping.tags.headers[0];
  const config: Record<string, unknown> = {
    $schema: schema,
    preset,
    ...(saved === undefined ? {} : { presetMapping: saved }),
    map,
    custom: mapping.custom.map(({ header, property, type }) => `${header}=${property}:${type}`),
    tagSeparator: options.tagSeparator ?? null,
    dateFormat: typeof options.dateFormat === 'string' ? options.dateFormat.toUpperCase() : null,
    timezone: options.timezone ?? 'UTC',
  };
  for (const key of CONFIG_KEYS) {
    if (MAPPING_KEYS.has(key) || options[key] === undefined) continue;
    // The file takes an encoding's one name; the flag also takes spellings such as latin1.
    config[key] = key === 'encoding' ? parseEncoding(String(options[key])) : options[key];
  }
  return config;
}

/** Writes the file (never over an existing one), after checking it reproduces the mapping shown. */
export async function writeConfigFile(file: string, cwd: string, parts: Omit<ConfigParts, 'schema'>): Promise<void> {
  const text = `${JSON.stringify(mappingAsConfig({ ...parts, schema: schemaReference(file, cwd) }), null, 2)}\n`;
  assertSameMapping(text, file, parts);
  try {
    await writeFile(resolve(cwd, file), text, { flag: 'wx' });
  } catch (cause) {
    const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
    throw usageError(
      exists ? `${file} already exists: --write-config never replaces a file.` : `Cannot write ${file}: ${(cause as Error).message}`,
      exists ? 'Remove it first, or name another file.' : undefined,
    );
  }
}

/** Read back as a run would with `--preset none`, the file must give every column the role shown. */
function assertSameMapping(
  text: string,
  file: string,
  { headers, fileName, mapping }: Pick<ConfigParts, 'headers' | 'fileName' | 'mapping'>,
): void {
  // `Header=property:type` splits at the first "=": such a header (only --custom-rest reaches one) would be
  // read back as another column, and the read-back below would fail on a --custom the user never gave.
  const unsayable = mapping.custom.find(({ header }) => header.includes('='));
  if (unsayable !== undefined) {
    throw usageError(
      `The mapping cannot be written as a mapping file: column ${JSON.stringify(unsayable.header)} is a custom attribute, and a "custom" entry (Header=property:type) cannot name a header holding "=".`,
      'Rename that column in the file, or import it with --custom-rest and no mapping file.',
    );
  }
  const flags = parseConfigText(text, file);
  const saved = flags.presetMapping as Parameters<typeof asPresetMapping>[0] | undefined;
  const { mapping: replay } = mapWithPreset({
    headers,
    fileName,
    choice: 'none',
    saved: saved && asPresetMapping(saved),
    map: parseMapOptions(Object.entries(flags.map as Record<string, string>).map(([field, header]) => `${field}=${header}`)),
    open: { custom: parseCustomOptions(flags.custom as string[]), customRest: false, tags: [], tagsMode: 'add' },
  });
  const want = describeColumns(headers, mapping);
  const got = describeColumns(headers, replay);
  const differs = want.findIndex((use, index) => JSON.stringify(use) !== JSON.stringify(got[index]));
  if (differs < 0) return;
  throw usageError(
    `The mapping cannot be written as a mapping file: column ${JSON.stringify(headers[differs])} would not be read the same way.`,
    'Name that column with --map or --custom explicitly, then write the file again.',
  );
}
