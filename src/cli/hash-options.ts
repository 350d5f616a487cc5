/**
 * The `--hash-user-id` flags, shared by the import and `hc-import hash-id`: declared once, validated once,
 * and turned into the run's {@link UserIdHashing} with its secret (hash-secret.ts).
 */
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { MAX_FIELD_LENGTH } from '../fields/text-cell.js';
import { noControlCharacters } from '../fields/text-checks.js';
import { HASH_SCHEMES, type HashScheme, MAX_HASH_PREFIX_LENGTH, type UserIdHashing } from '../rows/hash-user-id.js';
import { HASH_SECRET_ENV, readHashSecret } from './hash-secret.js';
import type { CliIo } from './io.js';

const noControl = (text: string): boolean => noControlCharacters.accepts(text);

/** The flags' zod shape, spread into each command's schema. */
export const hashFlagShape = {
  hashUserId: z.enum(HASH_SCHEMES).optional(),
  hashPrefix: z
    .string()
    .max(MAX_HASH_PREFIX_LENGTH, `at most ${MAX_HASH_PREFIX_LENGTH} characters, so a hashed id fits in ${MAX_FIELD_LENGTH}`)
    .refine(noControl, 'no control characters')
    .optional(),
  hashSecretFile: z.string().optional(),
  keepOriginalIdAs: z
    .string()
    .trim()
    .min(1, 'needs a property name')
    .max(MAX_FIELD_LENGTH)
    .refine(noControl, 'no control characters')
    .optional(),
};

/** The hashing flags, validated. */
export type HashFlags = { [K in keyof typeof hashFlagShape]?: z.infer<(typeof hashFlagShape)[K]> };

/**
 * Adds the hashing options to a command (and the refused `--hash-secret`, hidden, so it is caught by name);
 * `keepOriginal: false` leaves out `--keep-original-id-as`, which only an import can use.
 */
export function addHashOptions(command: Command, { keepOriginal = true } = {}): Command {
  command
    .addOption(
      new Option('--hash-user-id <scheme>', 'write the salted hash your site sends to the widget as user_id').choices(HASH_SCHEMES),
    )
    .option('--hash-prefix <text>', 'put this in front of every hashed user_id')
    .option('--hash-secret-file <path>', `read the hashing secret from this file (else env ${HASH_SECRET_ENV})`)
    .addOption(new Option('--hash-secret <secret>').hideHelp());
  if (keepOriginal) command.option('--keep-original-id-as <property>', 'also store the original user_id as this custom attribute');
  return command;
}

/** Refuses a secret on the command line, before anything else is read. */
export function refuseSecretOnArgv(raw: Record<string, unknown>): void {
  if (raw.hashSecret === undefined) return;
  throw usageError(
    'The hashing secret is never taken from the command line: it would land in shell history and process lists.',
    `Put it in a file and pass --hash-secret-file <path>, or set ${HASH_SECRET_ENV}.`,
  );
}

/** The run's hashing, secret read; undefined without `--hash-user-id` (its companion flags are then refused). */
export async function userIdHashingFrom(flags: HashFlags, io: Pick<CliIo, 'env' | 'cwd'>): Promise<UserIdHashing | undefined> {
  const { hashUserId: scheme, hashPrefix, hashSecretFile, keepOriginalIdAs } = flags;
  if (scheme === undefined) {
    const orphan = [hashPrefix && '--hash-prefix', hashSecretFile && '--hash-secret-file', keepOriginalIdAs && '--keep-original-id-as'];
    const given = orphan.filter(Boolean);
    if (given.length > 0) throw usageError(`${given.join(', ')} only work${given.length === 1 ? 's' : ''} with --hash-user-id.`);
    return undefined;
  }
  return readHashing(scheme, flags, io);
}

/** The hashing of `scheme` with the flags' prefix and property, and the secret read. */
export async function readHashing(scheme: HashScheme, flags: HashFlags, io: Pick<CliIo, 'env' | 'cwd'>): Promise<UserIdHashing> {
  const { hashPrefix, hashSecretFile, keepOriginalIdAs } = flags;
  const secret = await readHashSecret({ env: io.env, file: hashSecretFile, cwd: io.cwd });
  return { scheme, secret, prefix: hashPrefix ?? '', ...(keepOriginalIdAs === undefined ? {} : { keepOriginalIdAs }) };
}
