import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { ErrorCode, ErrorKind, HciError, usageError } from '../errors.js';

export const DEFAULT_API_URL = 'https://api.helpcrunch.com/v1';

const configError = (code: ErrorCode, message: string, hint?: string): HciError =>
  new HciError({ code, kind: ErrorKind.usage, message, hint });

/** `localhost`, 127.0.0.0/8 and ::1: the only hosts plain http:// may talk to (the sandbox, a tunnel). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** Validates the base URL: https anywhere, http only on loopback, since the key travels in a header. */
export function checkApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`The API URL "${raw}" is not a URL.`, `The default is ${DEFAULT_API_URL}.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw configError(
      ErrorCode.insecureUrl,
      `Refusing plain http:// to ${url.hostname}: the API key would cross the network unencrypted.`,
      'Use https://, or http:// only for localhost / 127.0.0.1 / ::1.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`The API URL must start with https:// (got ${url.protocol}//).`);
  }
  return url.href.replace(/\/+$/, '');
}

export interface KeySources {
  env: Readonly<Record<string, string | undefined>>;
  apiKeyFile?: string;
  /** What a relative `apiKeyFile` is relative to: the working directory main was given, not process.cwd(). */
  cwd?: string;
}

/**
 * Shorter keys are refused: every form of the key is redacted from all output and reports, so a short one
 * (`abc`) would be cut out of every message, name and id that happens to contain it.
 */
export const MIN_API_KEY_LENGTH = 8;

/** The key as `main` may redact it from the start: long enough, or nothing (a short one is refused when read). */
export function redactableKey(key: string | undefined): string | undefined {
  return key !== undefined && key.length >= MIN_API_KEY_LENGTH ? key : undefined;
}

/** Refuses a key too short to redact without garbling the output; `where` says where it came from. */
export function checkApiKeyLength(key: string, where: string): string {
  if (key.length >= MIN_API_KEY_LENGTH) return key;
  throw configError(
    ErrorCode.config,
    `The API key from ${where} is ${key.length} character${key.length === 1 ? '' : 's'} long; hc-import needs at least ${MIN_API_KEY_LENGTH}.`,
    'Copy the whole key from Settings → Developers → Public API in HelpCrunch. hc-import redacts the key from every message and report, which a short key would garble.',
  );
}

/**
 * The key from `--api-key-file` (first) or `HELPCRUNCH_API_KEY`; undefined when neither is set. A key shorter
 * than MIN_API_KEY_LENGTH is refused (exit 2) before any secret set learns it.
 */
export async function readApiKey({ env, apiKeyFile, cwd }: KeySources): Promise<string | undefined> {
  if (apiKeyFile !== undefined) {
    let text: string;
    try {
      text = await readFile(cwd === undefined ? apiKeyFile : resolve(cwd, apiKeyFile), 'utf8');
    } catch {
      throw configError(ErrorCode.config, `Cannot read the API key file ${apiKeyFile}.`, 'Check the path and its permissions.');
    }
    const key = text.trim();
    if (key === '') throw configError(ErrorCode.config, `The API key file ${apiKeyFile} is empty.`);
    return checkApiKeyLength(key, `the file ${apiKeyFile}`);
  }
  const key = env.HELPCRUNCH_API_KEY?.trim();
  return key === undefined || key === '' ? undefined : checkApiKeyLength(key, 'HELPCRUNCH_API_KEY');
}

export const noKeyError = (
  hint = 'Set HELPCRUNCH_API_KEY, or pass --api-key-file <path>; or rehearse with --dry-run (no requests) or --sandbox (a local HelpCrunch).',
): HciError => configError(ErrorCode.noApiKey, 'No HelpCrunch API key: nothing can be sent.', hint);
