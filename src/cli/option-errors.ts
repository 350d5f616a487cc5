import type { z } from 'zod';
import { usageError, type HciError } from '../errors.js';

/** For each option whose value can be wrong: what it accepts, in words a user can act on. */
export type AllowedValues = Readonly<Record<string, string>>;

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * zod's issues as one usage error that names the option, what was given and what is allowed, instead of
 * the validator's own text (`expected number, received NaN`), which names none of them.
 */
export function invalidOptions(
  issues: readonly z.core.$ZodIssue[],
  raw: Record<string, unknown>,
  allowed: AllowedValues,
  command: string,
): HciError {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const issue of issues) {
    const name = String(issue.path[0] ?? '');
    if (seen.has(name)) continue;
    seen.add(name);
    const given = raw[name];
    const shown = given === undefined ? '' : ` ${JSON.stringify(given)}`;
    parts.push(`--${kebab(name)}${shown} is not allowed: give ${allowed[name] ?? issue.message}`);
  }
  return usageError(`${parts.join('; ')}.`, `see ${command} --help`);
}
