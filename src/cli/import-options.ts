import { Command, Option } from 'commander';
import { z } from 'zod';
import { usageError } from '../errors.js';
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
  onDuplicate: z.enum(['first', 'last', 'reject']).default('first'),
  blanks: z.enum(['keep', 'clear']).default('keep'),
  failOn: z.enum(['any', 'failures', 'none']).default('any'),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  rate: z.coerce.number().int('must be a whole number').positive('must be above 0').optional(),
  concurrency: z.coerce.number().int('must be a whole number').min(1).max(16).default(4),
  maxWait: z.coerce.number().positive('must be above 0').default(30),
  limit: z.coerce.number().int().positive().optional(),
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
    .option('--limit <n>', 'import only the first n valid rows and read no further: a first trial')
    .option('--map <field=Header>', 'map a field to a column by its header (repeatable)', collect)
    .addOption(new Option('--on-duplicate <policy>', 'which row wins when rows share a user_id').choices(['first', 'last', 'reject']))
    .addOption(new Option('--blanks <policy>', 'blank optional cells keep or clear the stored value').choices(['keep', 'clear']))
    .addOption(new Option('--fail-on <which>', 'which rows make a finished run exit 4').choices(['any', 'failures', 'none']))
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
