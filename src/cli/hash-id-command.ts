/**
 * `hc-import hash-id ID…`: prints what `--hash-user-id` would write for each id, so a user can compare it
 * with what their site sends to the widget before importing a single row. One line per id, in the order
 * given: `id<TAB>hash`. Each id goes through the import's own user_id rules first (trimmed; refused where
 * the import would reject the row), so the hash printed is the hash an import writes.
 */
import { Command } from 'commander';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { DEFAULT_DATE_SETTINGS } from '../fields/cell-reject.js';
import { FIELDS } from '../fields/field-table.js';
import { rejectOfIssue, textSchema } from '../fields/text-cell.js';
import { HASH_SCHEMES, hashUserId } from '../rows/hash-user-id.js';
import type { SecretSet } from '../secrets/secret-set.js';
import { addHashOptions, hashFlagShape, refuseSecretOnArgv, readHashing } from './hash-options.js';
import type { CliIo } from './io.js';

const HashIdFlags = z.object(hashFlagShape);

export function hashIdCommand(): Command {
  const command = new Command('hash-id')
    .name('hc-import hash-id')
    .description('Print the hash --hash-user-id writes for each id (id, a tab, the hash), to compare with what your site sends.')
    .argument('<id...>', 'user ids as the CSV holds them')
    // The import reads hashUserId and hashPrefix from the mapping file too: so must the hash it is compared with.
    .option(
      '--config <file>',
      'read --hash-user-id and --hash-prefix from this JSON mapping file (default: ./hc-import.config.json if present)',
    )
    .option('--no-config', 'ignore ./hc-import.config.json');
  return addHashOptions(command, { keepOriginal: false });
}

/** Validates the flags, reads the secret (added to `secrets` at once) and prints one line per id. */
export async function runHashId(ids: readonly string[], raw: Record<string, unknown>, io: CliIo, secrets: SecretSet): Promise<number> {
  refuseSecretOnArgv(raw);
  const parsed = HashIdFlags.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `--${kebab(String(issue.path[0]))}: ${issue.message}`);
    throw usageError(`Invalid option: ${issues.join('; ')}.`, 'See hc-import hash-id --help.');
  }
  const { hashUserId: scheme } = parsed.data;
  if (scheme === undefined) throw usageError(`hash-id needs --hash-user-id <scheme>: ${HASH_SCHEMES.join(', ')}.`);
  const hashing = await readHashing(scheme, parsed.data, io);
  secrets.add(hashing.secret);
  const lines = ids.map((id) => {
    const userId = asImported(id);
    return `${userId}\t${hashUserId(hashing, userId)}\n`;
  });
  io.stdout.write(lines.join(''));
  return 0;
}

const USER_ID = FIELDS[0];
const userIdText = textSchema(USER_ID.cell, { blank: undefined, dates: DEFAULT_DATE_SETTINGS });

/** The id as an import would read it from a cell; a usage error naming the reject when it would not. */
function asImported(id: string): string {
  const parsed = userIdText.safeParse(id);
  if (parsed.success) return String(parsed.data);
  const reject = parsed.error.issues.map((issue) => rejectOfIssue(USER_ID.cell, issue)).find((found) => found !== undefined);
  const why = reject?.explain?.(USER_ID.name, id.trim()) ?? reject?.code ?? 'not a user_id';
  throw usageError(`The import would reject ${JSON.stringify(id)}: ${why}.`);
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
