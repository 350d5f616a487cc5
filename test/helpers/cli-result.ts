/** Paths to the fixtures, and the checks on a finished CLI run shared by the in-process and spawned tests. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A fixture under `fixtures/csv/`, by file name. */
export const fixture = (name: string): string => join(ROOT, 'fixtures', 'csv', name);
/** The 300-row demo sample. */
export const CONTACTS = join(ROOT, 'fixtures', 'contacts.csv');

/** What a finished run of `hc-import` left: its exit code and everything it printed. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Exit code, with the output in the failure message so a wrong code explains itself. */
export function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit code\n--- stdout:\n${result.stdout}\n--- stderr:\n${result.stderr}`).toBe(code);
}

/** A known error prints one line and a hint, never a stack trace. */
export function expectNoStack(result: CliResult): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('internal error');
}
