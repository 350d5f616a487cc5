/**
 * The mapping file for repeatable runs: `--config FILE`, else `hc-import.config.json` in the current
 * directory when there is one (`--no-config` skips it). It is plain JSON, read and never run; it holds
 * the same names as the flags (config-schema.ts) and never a secret. Its values become flag values before
 * the flags are validated, so they reach the run (and the resume check) exactly as typed flags would:
 * a flag given on the command line wins, the file beats the defaults, and `map` is merged field by field.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { z } from 'zod';
import { usageError } from '../errors.js';
import type { MapOverrides } from '../rows/map-columns.js';
import { parseMapOptions } from '../rows/parse-map-options.js';
import { HASH_SECRET_ENV } from './hash-secret.js';
import { CONFIG_KEYS, ConfigFile } from './config-schema.js';
import type { CliIo } from './io.js';

/** The file looked for in the current directory when `--config` is not given. */
export const CONFIG_FILE_NAME = 'hc-import.config.json';

/** A mapping file read and checked: its values named and shaped as the flags are (`map` as field → header). */
export interface LoadedConfig {
  /** As the user named it (or {@link CONFIG_FILE_NAME}), for messages. */
  shown: string;
  /** True when it was found in the current directory rather than named with `--config`. */
  implicit: boolean;
  /** Flag name → value; keys the file left out or set to null are absent. */
  flags: Record<string, unknown>;
}

/** A key that looks like it holds a secret: refused whatever its value, before anything else is read. */
const SECRET_KEY = /api.?key|secret|token|passw|credential|bearer|authori[sz]ation/i;

/** `option` is commander's `config` value: a path, `false` for `--no-config`, undefined when neither was given. */
export async function loadConfigFile(option: unknown, cwd: string): Promise<LoadedConfig | undefined> {
  if (option === false) return undefined;
  const implicit = typeof option !== 'string';
  const shown = implicit ? CONFIG_FILE_NAME : option;
  let text: string;
  try {
    text = await readFile(resolve(cwd, shown), 'utf8');
  } catch (cause) {
    if (implicit && (cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(`Cannot read the config file ${shown}: ${(cause as Error).message}`, 'Check the path given to --config.');
  }
  return { shown, implicit, flags: parseConfigText(text, shown) };
}

/** Parses and checks a mapping file's text; every problem is a usage error (exit 2) naming the file and key. */
export function parseConfigText(text: string, shown: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw usageError(`${shown} is not valid JSON: ${(cause as Error).message}`, 'A config file is plain JSON (no comments, no code).');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw usageError(`${shown} must hold one JSON object, such as {"map": {"user_id": "Customer ID"}}.`);
  }
  refuseSecrets(Object.keys(json), shown);
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) throw usageError(`${shown}: ${describeIssues(parsed.error.issues, json as Record<string, unknown>)}.`);
  return asFlags(parsed.data, shown);
}

function refuseSecrets(keys: readonly string[], shown: string): void {
  const secret = keys.find((key) => SECRET_KEY.test(key));
  if (secret === undefined) return;
  throw usageError(
    `${shown}: ${JSON.stringify(secret)} is refused: secrets are never read from a config file, which gets committed and copied.`,
    `Secrets come from the environment or a file flag: HELPCRUNCH_API_KEY or --api-key-file for the API key, ` +
      `${HASH_SECRET_ENV} or --hash-secret-file for the hashing secret.`,
  );
}

function describeIssues(issues: readonly z.core.$ZodIssue[], json: Record<string, unknown>): string {
  return issues
    .map((issue) => {
      const key = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
        const keys = issue.keys.map((name) => JSON.stringify(name)).join(', ');
        return `unknown key ${keys}; the keys are ${CONFIG_KEYS.join(', ')}`;
      }
      if (issue.code === 'unrecognized_keys') return `"${key}": unknown field ${issue.keys.map((name) => JSON.stringify(name)).join(', ')}`;
      const given = issue.path.length === 1 ? json[String(issue.path[0])] : undefined;
      return `"${key}"${given === undefined ? '' : ` ${JSON.stringify(given)}`} is not allowed: ${issue.message}`;
    })
    .join('; ');
}

/** The file's values as commander would give them: no `$schema`, no nulls, `map` as field → header. */
function asFlags(config: ConfigFile, shown: string): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === '$schema' || value === null || value === undefined) continue;
    flags[key] = key === 'map' ? mapOf(value as ConfigFile['map'], shown) : value;
  }
  return flags;
}

function mapOf(map: ConfigFile['map'], shown: string): MapOverrides {
  if (!Array.isArray(map)) return { ...map } as MapOverrides;
  try {
    return parseMapOptions(map);
  } catch (error) {
    throw usageError(`${shown}: "map": ${(error as Error).message.replace(/^--map /, '')}`);
  }
}

/**
 * The option bag the flags are validated from: the command line's values, and the file's for every
 * option not given there. `--map` entries replace the file's entry for the same field only, so one
 * column can be re-pointed without repeating the rest of the mapping.
 */
export function mergeConfig(
  raw: Readonly<Record<string, unknown>>,
  config: LoadedConfig | undefined,
  givenOnCommandLine: (name: string) => boolean,
): Record<string, unknown> {
  if (config === undefined) return { ...raw };
  const merged: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(config.flags)) {
    if (key === 'map') merged.map = mapList(value as MapOverrides, (raw.map as string[] | undefined) ?? []);
    else if (!givenOnCommandLine(key)) merged[key] = value;
  }
  return merged;
}

function mapList(fromFile: MapOverrides, fromCommandLine: readonly string[]): string[] {
  const merged: MapOverrides = { ...fromFile, ...parseMapOptions(fromCommandLine) };
  return Object.entries(merged).flatMap(([field, header]) => (header === undefined ? [] : [`${field}=${header}`]));
}

/**
 * A parsed command's option bag with the mapping file applied (commander tells which options the command
 * line gave). A file found without `--config` is named on stderr, since it changes the run unasked.
 */
export async function optionsWithConfig(command: Command, io: Pick<CliIo, 'cwd' | 'stderr'>): Promise<Record<string, unknown>> {
  const raw = command.opts();
  const config = await loadConfigFile(raw.config, io.cwd);
  if (config?.implicit && raw.quiet !== true) io.stderr.write(`hc-import: reading options from ${config.shown}\n`);
  return mergeConfig(raw, config, (name) => command.getOptionValueSource(name) === 'cli');
}
