/**
 * `hc-import verify <file>`: reads the file as an import does, looks every valid row up (the same cheapest
 * lookup) and plans it with the same comparison, but writes nothing. HelpCrunch holds the file when the plan
 * changes nothing (exit 0); otherwise changes.csv says what an import would still change (exit 4). `--mode` is
 * not applied: every row is checked against what HelpCrunch holds, whatever writes an import was allowed.
 */
import type { Command } from 'commander';
import { optionsWithConfig } from './config-file.js';
import type { SecretSet } from '../secrets/secret-set.js';
import { importCommand, validateFlags } from './import-options.js';
import { runImportCommand } from './import-command.js';
import type { CliIo } from './io.js';

/** The import command's flags under another name: a verify reads the file exactly as the import would. */
export function verifyCommand(): Command {
  return importCommand()
    .name('hc-import verify')
    .description(
      'Check that HelpCrunch holds what the CSV file says (read-only): exit 0 if so, 4 if an import would still change something.',
    );
}

/** Runs a keyed dry run with the verify verdict; a key is required (there is nothing to compare without one). */
export async function runVerify(command: Command, argv: readonly string[], io: CliIo, secrets: SecretSet): Promise<number> {
  // The same mapping file as an import, so verify checks the file the way the import read it. But never
  // `--mode` (a flag or the file's `mode`): it turns a missing or differing customer into a skip, and a
  // verify under it said "holds every valid row" of customers an update-only import never created.
  const flags = { ...validateFlags(await optionsWithConfig(command, io)), dryRun: true, mode: 'upsert' as const };
  return runImportCommand({ file: command.args[0] ?? '', flags, argv, io, secrets, verify: true });
}
