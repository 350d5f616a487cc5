/**
 * `hc-import verify <file>`: reads the file as an import does, looks every valid row up (the same cheapest
 * lookup) and plans it with the same comparison, but writes nothing. HelpCrunch holds the file when the plan
 * changes nothing (exit 0); otherwise changes.csv says what an import would still change (exit 4). `--mode` is
 * not applied: every row is checked against what HelpCrunch holds, whatever writes an import was allowed.
 */
import type { EventEmitter } from 'node:events';
import type { Command } from 'commander';
import { optionsWithConfig } from './config-file.js';
import type { SecretSet } from '../secrets/secret-set.js';
import { VERIFY_HELP_AFTER } from './help-text.js';
import { importCommand, validateFlags } from './import-options.js';
import { runImportCommand } from './import-command.js';
import type { CliIo } from './io.js';

/**
 * The flags `verify --help` shows, by long name: those that read the file and match its rows (so verify
 * reads it as the import did), the target, pacing, report and output; each with verify's wording where the
 * import's would say "import". The import's other flags are still parsed (a script passing
 * `--yes` keeps working) but not shown: `--dry-run` (always), `--mode` (not applied), `--sandbox` (an empty
 * sandbox holds nothing), `--resume` (a verify continues nothing), `--yes` (nothing to confirm).
 */
const VERIFY_FLAGS: Record<string, string | undefined> = {
  '--api-url': undefined,
  '--api-key-file': undefined,
  '--report-dir': undefined,
  '--overwrite': undefined,
  '--no-report': 'write no report folder (the same as --report-dir -)',
  '--config': 'read options from this JSON mapping file, as the import did (default: ./hc-import.config.json if present)',
  '--no-config': undefined,
  '--limit': 'check only the first n valid rows, as an import with --limit wrote them',
  '--adopt-by-email': 'a row not found by user_id matches the one customer without a user id that has its email',
  '--map': undefined,
  '--preset': undefined,
  '--on-duplicate': undefined,
  '--blanks': 'blank optional cells: keep (any stored value matches) or clear (the stored value must be empty)',
  '--tag': 'expect this tag on every row, as an import with --tag adds it (repeatable)',
  '--tags': "expect a row's tags among the stored ones (add) or to be exactly them (replace)",
  '--tag-separator': undefined,
  '--custom': 'compare a column with a custom attribute; type string|number|boolean|date (repeatable)',
  '--custom-rest': 'compare every column nothing else reads with the string custom attribute named by its header',
  '--fail-on': 'which rejected, duplicate or failed rows make it exit 4 (default any)',
  '--date-format': undefined,
  '--timezone': undefined,
  '--encoding': undefined,
  '--delimiter': undefined,
  '--rate': 'requests per minute to stay under (default 120)',
  '--concurrency': undefined,
  '--max-wait': 'stop (exit 5) when 429s refuse every lookup this long (default 30)',
  '--json': undefined,
  '--quiet': undefined,
  '--no-color': undefined,
  '--debug': undefined,
  '--hash-user-id': 'look rows up by the salted hash of user_id, as the import with --hash-user-id wrote it',
  '--hash-prefix': undefined,
  '--hash-secret-file': undefined,
  '--keep-original-id-as': 'expect the original user_id in this custom attribute, as the import kept it',
};

/**
 * The import command's flags under another name: a verify reads the file exactly as the import would.
 * Its help is its own: the flags above, and what it checks and exits with instead of the import's.
 */
export function verifyCommand(): Command {
  const command = importCommand()
    .name('hc-import verify')
    .description(
      'Check that HelpCrunch holds what the CSV file says (read-only): exit 0 if so, 4 if an import would still change something.',
    );
  for (const option of command.options) {
    const name = option.long ?? '';
    if (!(name in VERIFY_FLAGS)) option.hideHelp();
    else option.description = VERIFY_FLAGS[name] ?? option.description;
  }
  const file = command.registeredArguments[0];
  if (file) file.description = 'the CSV file an import read (with the same flags), or - for standard input';
  // The import's text after the options (its examples, exit codes) is an 'afterHelp' listener: replaced.
  (command as unknown as EventEmitter).removeAllListeners('afterHelp');
  return command.addHelpText('after', VERIFY_HELP_AFTER);
}

/** Runs a keyed dry run with the verify verdict; a key is required (there is nothing to compare without one). */
export async function runVerify(command: Command, argv: readonly string[], io: CliIo, secrets: SecretSet): Promise<number> {
  // The same mapping file as an import, so verify checks the file the way the import read it. But never
  // `--mode` (a flag or the file's `mode`): it turns a missing or differing customer into a skip, and a
  // verify under it said "holds every valid row" of customers an update-only import never created.
  const flags = { ...validateFlags(await optionsWithConfig(command, io)), dryRun: true, mode: 'upsert' as const };
  return runImportCommand({ file: command.args[0] ?? '', flags, argv, io, secrets, verify: true });
}
