import { ExitCode } from '../exit-codes.js';
import { FailOn, type Summary } from '../report/summary.js';

const rows = (count: number, what: string): string => `${count.toLocaleString('en-US')} ${what}`;

/**
 * Why a finished run exits 4, and which `--fail-on` would change it: "Import finished" alone reads like
 * success, and a CI job that fails on it should say what to look at. Undefined for any other ending.
 */
export function explainRowsNotApplied(summary: Pick<Summary, 'status' | 'exitCode' | 'counts' | 'options'>): string | undefined {
  if (summary.status !== 'finished' || summary.exitCode !== ExitCode.rowsNotApplied) return undefined;
  const { rejected, duplicates, failed } = summary.counts;
  const failOn = summary.options.failOn === FailOn.failures ? FailOn.failures : FailOn.any;
  const causes: string[] = [];
  const files: string[] = [];
  if (rejected > 0) causes.push(rows(rejected, rejected === 1 ? 'row rejected' : 'rows rejected'));
  if (rejected > 0) files.push('rejects.csv');
  if (duplicates > 0 && failOn === FailOn.any) causes.push(rows(duplicates, duplicates === 1 ? 'duplicate' : 'duplicates'));
  if (duplicates > 0 && failOn === FailOn.any) files.push('duplicates.csv');
  if (failed > 0) causes.push(rows(failed, failed === 1 ? 'row failed' : 'rows failed'));
  if (failed > 0) files.push('failures.csv');
  const instead =
    failOn === FailOn.any && rejected + failed === 0
      ? '--fail-on failures (duplicates do not count) or --fail-on none would exit 0'
      : '--fail-on none would exit 0';
  return `exit 4: ${causes.join(', ')}: see ${files.join(' and ')} (${instead})`;
}
