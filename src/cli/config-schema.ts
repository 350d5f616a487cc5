/**
 * The mapping file's shape (`hc-import.config.json`): plain JSON, the same names as the import's flags,
 * and nothing else. Every key is checked as strictly as its flag, so a value from the file is never
 * accepted where the flag would refuse it; an unknown key is an error, since a typo must not pass for a
 * setting. The published JSON Schema (schema/hc-import.config.schema.json) is generated from this one.
 */
import { PresetMappingSchema } from '../presets/preset-mapping-schema.js';
import { z } from 'zod';
import { DATE_ORDERS, isKnownTimeZone } from '../fields/parse-date.js';
import { MAP_TARGETS } from '../rows/column-aliases.js';
import { hashFlagShape } from './hash-options.js';

const about = (description: string) => ({ description });
const wholeAbove0 = z.number().int('must be a whole number').positive('must be above 0');

/** The keys a mapping file may hold, each named as its flag (camelCase of the long flag). */
export const ConfigFile = z.strictObject({
  $schema: z.string().optional().meta(about('Where the JSON Schema of this file is, for editors; not read otherwise.')),
  preset: z.string().min(1).optional().meta(about('The preset of a known export (--preset), or "none"; written by map --write-config.')),
  map: z
    .union([z.partialRecord(z.enum(MAP_TARGETS as [string, ...string[]]), z.string().min(1, 'needs a header')), z.array(z.string())])
    .optional()
    .meta(about('field → header (the --map flag as an object), or its list form ["user_id=Customer ID"].')),
  custom: z
    .array(z.string().min(1))
    .optional()
    .meta(about('Columns sent as custom attributes, as --custom takes them: "Header", "Header=property", "Header=property:type".')),
  customRest: z.boolean().optional().meta(about('Send every column nothing else reads as a string custom attribute (--custom-rest).')),
  tag: z.array(z.string()).optional().meta(about('Tags added to every imported row (--tag).')),
  tags: z.enum(['add', 'replace']).optional().meta(about("Add a row's tags to the stored ones, or replace them (--tags).")),
  tagSeparator: z
    .string()
    .min(1, 'must not be empty')
    .nullable()
    .optional()
    .meta(about('What separates tags in a cell (--tag-separator); null or absent: sniffed among , ; | and line breaks.')),
  dateFormat: z
    .enum(DATE_ORDERS as ['DMY', 'MDY'])
    .nullable()
    .optional()
    .meta(about('Read slashed dates day first (DMY) or month first (MDY) (--date-format); null or absent: such dates are rejected.')),
  timezone: z
    .string()
    .refine(isKnownTimeZone, 'must be an IANA time zone name such as UTC or Europe/Berlin')
    .optional()
    .meta(about('IANA zone of dates written without one (--timezone); default UTC.')),
  onDuplicate: z.enum(['first', 'last', 'reject']).optional().meta(about('Which row wins when rows share a user_id (--on-duplicate).')),
  blanks: z.enum(['keep', 'clear']).optional().meta(about('Blank optional cells keep or clear the stored value (--blanks).')),
  failOn: z.enum(['any', 'failures', 'none']).optional().meta(about('Which rows make a finished run exit 4 (--fail-on).')),
  rate: wholeAbove0.optional().meta(about('Requests per minute to stay under (--rate).')),
  concurrency: z.number().int('must be a whole number').min(1).max(16).optional().meta(about('Requests in flight at once, 1 to 16.')),
  encoding: z
    .enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'])
    .optional()
    .meta(about('Input encoding (--encoding); default detected.')),
  delimiter: z.string().min(1).optional().meta(about('Field delimiter: , ; | or tab (--delimiter); default sniffed.')),
  limit: wholeAbove0.optional().meta(about('Import only the first n valid rows (--limit).')),
  hashUserId: hashFlagShape.hashUserId.meta(about('Write the salted hash your site sends to the widget as user_id (--hash-user-id).')),
  hashPrefix: hashFlagShape.hashPrefix.meta(about('Put this in front of every hashed user_id (--hash-prefix).')),
  keepOriginalIdAs: hashFlagShape.keepOriginalIdAs.meta(about('Also store the original user_id as this custom attribute.')),
  presetMapping: PresetMappingSchema.optional().meta(
    about("A preset's mapping as `hc-import map --write-config` saved it: run as saved, whatever is detected."),
  ),
  mode: z
    .enum(['upsert', 'create-only', 'update-only'])
    .optional()
    .meta(about('Which writes to make (--mode): create and update, only create, or only update.')),
  maxWait: z.number().positive('must be above 0').optional().meta(about('Minutes a 429 storm may last before the run stops (--max-wait).')),
  adoptByEmail: z.boolean().optional().meta(about('Match a row whose user_id is not found by email (--adopt-by-email).')),
});
/** A mapping file, validated. */
export type ConfigFile = z.infer<typeof ConfigFile>;

/** The keys a mapping file may hold, in the schema's order. */
export const CONFIG_KEYS: readonly string[] = Object.keys(ConfigFile.shape);

/** The JSON Schema published as schema/hc-import.config.schema.json, generated from {@link ConfigFile}. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigFile, { target: 'draft-07', io: 'input', unrepresentable: 'any' });
  return { ...schema, title: 'hc-import mapping file (hc-import.config.json)' };
}

/** The schema file's exact text: what `npm run schema` writes and a test compares with the committed file. */
export const configSchemaText = (): string => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
