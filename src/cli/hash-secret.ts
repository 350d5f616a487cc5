/**
 * The hashing secret of `--hash-user-id`: from `--hash-secret-file` or `HC_IMPORT_HASH_SECRET`, never from
 * argv (shell history, process lists) nor a config file. The secret is the site's salt, so it is taken
 * byte for byte: the file loses only the one line break an editor adds at its end, the environment
 * nothing at all.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';

/** The environment variable that may hold the secret. */
export const HASH_SECRET_ENV = 'HC_IMPORT_HASH_SECRET';

/**
 * Shorter secrets are refused: every form of the secret is redacted from all output and reports, so a
 * short one (`abc`) would be cut out of names, emails and ids; and a short salt is guessed anyway.
 */
export const MIN_SECRET_LENGTH = 8;

export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>;
  /** Resolved against `cwd`. */
  file?: string;
  cwd: string;
}

const configError = (message: string, hint?: string): HciError =>
  new HciError({ code: ErrorCode.config, kind: ErrorKind.usage, message, hint });

const HOW = `Put the secret in a file and pass --hash-secret-file <path>, or set ${HASH_SECRET_ENV}.`;

/** The secret, checked; an HciError (exit 2) when it is missing, empty, too short or unreadable. */
export async function readHashSecret({ env, file, cwd }: SecretSources): Promise<string> {
  const secret = file === undefined ? env[HASH_SECRET_ENV] : await readSecretFile(resolve(cwd, file), file);
  const where = file === undefined ? HASH_SECRET_ENV : `The file ${file}`;
  if (secret === undefined) throw configError('--hash-user-id needs the hashing secret your site uses, and none was given.', HOW);
  if (secret === '') throw configError(`${where} holds an empty hashing secret.`, HOW);
  if (secret.length < MIN_SECRET_LENGTH) {
    throw configError(
      `The hashing secret is ${secret.length} characters long; hc-import needs at least ${MIN_SECRET_LENGTH}.`,
      'It is redacted from every report and message, which a short secret would garble; a short salt is also easy to guess.',
    );
  }
  return secret;
}

/** The text without one final `\n` or `\r\n`; anything else, spaces included, is part of the secret. */
export function stripOneLineBreak(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

async function readSecretFile(path: string, shown: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw configError(`Cannot read the hashing secret file ${shown}.`, 'Check the path and its permissions.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw configError(`The hashing secret file ${shown} is not UTF-8 text.`, 'Save the secret as UTF-8, as your site reads it.');
  }
  // An editor's byte order mark would silently become part of the salt, and every hash would differ.
  if (text.startsWith('\uFEFF'))
    throw configError(`The hashing secret file ${shown} starts with a byte order mark.`, 'Save it as UTF-8 without BOM.');
  return stripOneLineBreak(text);
}
