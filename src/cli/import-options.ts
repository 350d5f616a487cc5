import { Command, Option } from 'commander';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { DATE_ORDERS, isKnownTimeZone } from '../fields/parse-date.js';
import { PRESETS } from '../presets/detect-preset.js';
import { PresetMappingSchema } from '../presets/preset-mapping-schema.js';
import { isPresetChoice } from '../presets/presets-command.js';
import { addHashOptions, hashFlagShape, refuseSecretOnArgv } from './hash-options.js';
import { IMPORT_HELP_AFTER } from './help-text.js';
import { invalidOptions, type AllowedValues } from './option-errors.js';

/** The import command's flags, validated. Names match the long flags; README.md documents each. */
export const ImportFlags = z.object({
  dryRun: z.boolean().default(false),
  sandbox: z.boolean().default(false),
  apiUrl: z.string().optional(),
  apiKeyFile: z.string().optional(),
  reportDir: z.string().optional(),
  resume: z.boolean().default(false),
  overwrite: z.boolean().default(false),
  report: z.boolean().default(true),
  map: z.array(z.string()).default([]),
  preset: z.string().refine(isPresetChoice).optional(),
  /** Only from a mapping file (`map --write-config` writes it): a preset's mapping, run as saved. */
  presetMapping: PresetMappingSchema.optional(),
  onDuplicate: z.enum(['first', 'last', 'reject']).default('first'),
  blanks: z.enum(['keep', 'clear']).default('keep'),
  tag: z.array(z.string()).default([]),
  tags: z.enum(['add', 'replace']).default('add'),
  tagSeparator: z.string().min(1, 'must not be empty').optional(),
  custom: z.array(z.string()).default([]),
  customRest: z.boolean().default(false),
  failOn: z.enum(['any', 'failures', 'none']).default('any'),
  dateFormat: z.string().toUpperCase().pipe(z.enum(DATE_ORDERS)).optional(),
  timezone: z.string().default('UTC').refine(isKnownTimeZone),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  rate: z.coerce.number().int('must be a whole number').positive('must be above 0').optional(),
  concurrency: z.coerce.number().int('must be a whole number').min(1).max(16).default(4),
  maxWait: z.coerce.number().positive('must be above 0').default(30),
  limit: z.coerce.number().int().positive().optional(),
  mode: z.enum(['upsert', 'create-only', 'update-only']).default('upsert'),
  adoptByEmail: z.boolean().default(false),
  yes: z.boolean().default(false),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
  color: z.boolean().default(true),
  debug: z.boolean().default(false),
  ...hashFlagShape,
});
export type ImportFlags = z.infer<typeof ImportFlags>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Declares the import command. Parsing only: every rule lives in the zod schema above or in the core. */
export function importCommand(): Command {
  const command = new Command('hc-import')
    .description('Import contacts from a CSV file into HelpCrunch as authenticated customers.')
    .argument('<file>', 'the CSV file to import, or - for standard input')
    .option('--dry-run', 'read and validate every row and write the report, but send no writes')
    .option('--sandbox', 'import into a local in-process HelpCrunch sandbox instead of the real API')
    .option('--api-url <url>', 'HelpCrunch API base URL (env HELPCRUNCH_API_URL)')
    .option('--api-key-file <path>', 'read the API key from this file (else env HELPCRUNCH_API_KEY)')
    .addOption(new Option('--api-key <key>').hideHelp())
    .option('--report-dir <dir>', 'where to write the report (default ./hc-import-report/<UTC time>-<random>/; - for none)')
    .option('--resume', 'continue the unfinished run in --report-dir')
    .option('--overwrite', 'replace the report of an earlier run in --report-dir')
    .option('--no-report', 'write no report folder (--dry-run only; the same as --report-dir -)')
    .option('--config <file>', 'read options from this JSON mapping file (default: ./hc-import.config.json if present)')
    .option('--no-config', 'ignore ./hc-import.config.json')
    .option('--limit <n>', 'import only the first n valid rows and read no further: a first trial')
    .addOption(new Option('--mode <mode>', 'which writes to make (default upsert)').choices(['upsert', 'create-only', 'update-only']))
    .option('--adopt-by-email', 'a row not found by user_id updates the one customer without a user id that has its email')
    .option('--map <field=Header>', 'map a field to a column by its header (repeatable)', collect)
    .option('--preset <name>', "read another tool's export (hubspot, pipedrive, …; see hc-import presets); none: no detection")
    .addOption(new Option('--on-duplicate <policy>', 'which row wins when rows share a user_id').choices(['first', 'last', 'reject']))
    .addOption(new Option('--blanks <policy>', 'blank optional cells keep or clear the stored value').choices(['keep', 'clear']))
    .option('--tag <name>', 'add this tag to every imported row (repeatable)', collect)
    .addOption(new Option('--tags <mode>', "add a row's tags to the stored ones, or replace them").choices(['add', 'replace']))
    .option('--tag-separator <text>', 'what separates tags in a cell (default: sniffed among , ; | and line breaks)')
    .option(
      '--custom <Header[=property[:type]]>',
      'send a column as a custom attribute; type string|number|boolean|date (repeatable)',
      collect,
    )
    .option('--custom-rest', 'send every column nothing else reads as a string custom attribute named by its header')
    .addOption(new Option('--fail-on <which>', 'which rows make a finished run exit 4').choices(['any', 'failures', 'none']))
    .option('--date-format <order>', 'read slashed dates (02/05/2024) day first (DMY) or month first (MDY); else rejected')
    .option('--timezone <zone>', 'IANA zone of dates written without one, e.g. Europe/Berlin (default UTC)')
    .option('--encoding <name>', 'input encoding: utf-8, utf-16le, utf-16be, windows-1252 (default: detected)')
    .option('--delimiter <char>', 'field delimiter: , ; | or tab (default: sniffed)')
    .option('--rate <n>', 'requests per minute to stay under (default 120; --sandbox: unlimited)')
    .option('--concurrency <n>', 'requests in flight at once (default 4)')
    .option('--max-wait <minutes>', 'stop the run (exit 5, resumable) when 429s refuse every request this long (default 30)')
    .option('-y, --yes', 'do not ask for confirmation before writing')
    .option('--json', 'print the summary as one JSON document on stdout')
    .option('-q, --quiet', 'no progress output')
    .option('--no-color', 'no colors (also NO_COLOR=1)')
    .option('--debug', 'print stacks and causes of errors');
  return addHashOptions(command).addHelpText('after', IMPORT_HELP_AFTER);
}

/** What each option with a checked value accepts, for the message when it gets something else. */
const ALLOWED: AllowedValues = {
  rate: 'a whole number of requests per minute, above 0',
  concurrency: 'a whole number from 1 to 16',
  maxWait: 'a number of minutes, above 0',
  limit: 'a whole number of valid rows, above 0',
  dateFormat: 'DMY (day first) or MDY (month first), in any case',
  preset: `a preset name (${Object.keys(PRESETS).join(', ')}) or none`,
  timezone: 'an IANA time zone name such as UTC, Europe/Berlin or America/New_York',
  tagSeparator: 'a separator of one or more characters, such as ; or \\n',
  keepOriginalIdAs: 'the name of a custom attribute',
};

/** Turns commander's raw option bag into validated flags; zod's issues become one readable usage error. */
export function validateFlags(raw: Record<string, unknown>): ImportFlags {
  refuseSecretOnArgv(raw);
  if (raw.apiKey !== undefined) {
    throw usageError(
      'The API key is never taken from the command line: it would land in shell history and process lists.',
      'Set HELPCRUNCH_API_KEY, or put the key in a file and pass --api-key-file <path>.',
    );
  }
  const parsed = ImportFlags.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalidOptions(parsed.error.issues, raw, ALLOWED, 'hc-import');
}
