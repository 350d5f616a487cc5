/** Reading a run's report directory back: the CSVs as records keyed by header, summary.json, every file's text. */
import { parse } from 'csv-parse/sync';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Summary } from '../../src/report/summary.js';

export interface ReportCsv {
  header: string[];
  rows: Array<Record<string, string>>;
  /** The file's text, BOM included. */
  text: string;
}

/**
 * Parses a report CSV. Report CSVs are UTF-8 with a BOM, comma-separated, CRLF: all three are checked here,
 * so every test that reads a report also checks its format.
 */
export async function readReportCsv(dir: string, name: string): Promise<ReportCsv> {
  const text = await readFile(join(dir, name), 'utf8');
  expect(text.startsWith('\uFEFF'), `${name} starts with a BOM`).toBe(true);
  expect(text.indexOf('\n'), `${name}: the header line ends in CRLF`).toBe(text.indexOf('\r\n') + 1);
  const records = parse(text.slice(1), { relax_column_count: false }) as string[][];
  const [header = [], ...body] = records;
  const rows = body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
  return { header, rows, text };
}

export async function readSummary(dir: string): Promise<Summary> {
  return JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as Summary;
}

/** Every file in the report directory with its text, for secret scans. */
export async function readAllReportFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await readdir(dir)) files.set(name, await readFile(join(dir, name), 'utf8'));
  return files;
}

/** The counts add up: `rows = valid + rejected + duplicates`. */
export function expectReconciled(summary: Pick<Summary, 'counts'>): void {
  const { rows, valid, rejected, duplicates } = summary.counts;
  expect(rows).toBe(valid + rejected + duplicates);
}

/** One column of a parsed report, in file order. */
export const column = (csv: ReportCsv, name: string): string[] => csv.rows.map((row) => row[name] ?? '');

/** `secret` appears nowhere a run leaves behind: stdout, stderr, or any file of its report (there must be some). */
/** The API key the secrecy tests hand the CLI; no output or report may ever hold it. */
export const TEST_KEY = 'hc-e2e-Secret-7d41b0f9';

/** `expectSecretNowhere` for {@link TEST_KEY}. */
export const expectKeyNowhere = (result: { stdout: string; stderr: string }, reportDir: string): Promise<void> =>
  expectSecretNowhere(TEST_KEY, result, reportDir);

export async function expectSecretNowhere(secret: string, result: { stdout: string; stderr: string }, reportDir: string): Promise<void> {
  const places: Array<[string, string]> = [['stdout', result.stdout], ['stderr', result.stderr], ...(await readAllReportFiles(reportDir))];
  expect(places.length).toBeGreaterThan(3);
  for (const [name, text] of places) expect(text, name).not.toContain(secret);
}
