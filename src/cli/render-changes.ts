/**
 * The printed summary's lines about changes.csv: a few changed fields and where the full list is, and
 * `verify`'s verdict. The full file is the truth; a sample only shows what kind of change a run makes.
 */
import type { ChalkInstance } from 'chalk';
import { join } from 'node:path';
import { ReportFile } from '../report/report-files.js';
import { printable } from './printable.js';
import type { ChangeSample, Summary } from '../report/summary.js';

const n = (value: number): string => value.toLocaleString('en-US');
/** A value in the sample: quoted, cut at 40 characters so one long note does not fill the screen. */
// Escaped (a line break too: one change, one line) before it is cut, so an escape is never cut in half.
const shown = (value: string): string => {
  const text = printable(value).replaceAll('\n', '\\n');
  return value === '' ? '(empty)' : `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
};

function describeChange({ line, userId, field, before, after }: ChangeSample): string {
  return `line ${line} ${printable(userId)}: ${printable(field)} ${shown(before)} → ${shown(after)}`;
}

/** The changes' lines: how many fields change, a few of them, and the file that lists them all. */
export function renderChanges(summary: Pick<Summary, 'plan' | 'reportDir'>): string[] {
  const changes = summary.plan?.changes;
  if (!changes || changes.fields === 0) return [];
  const file = summary.reportDir === null ? null : join(summary.reportDir, ReportFile.changes);
  // A resume plans only the rows left; changes.csv is still the first run's whole plan.
  const where =
    file === null
      ? 'write a report to see them all'
      : changes.resumed
        ? `for the rows left (the first run's full plan: ${file})`
        : `all in ${file}`;
  // The plan's changes: an apply may still fail a row, so they are never called done.
  const lines = [`  ${n(changes.fields)} field change${changes.fields === 1 ? '' : 's'} planned (${where}), e.g.:`];
  for (const change of changes.sample.slice(0, 3)) lines.push(`    ${describeChange(change)}`);
  return lines;
}

/** A finished `verify` whose plan would still change something (its exit 4 is the verdict, not row trouble). */
export const verifyDiffers = ({ mode, plan, status }: Pick<Summary, 'mode' | 'plan' | 'status'>): boolean =>
  mode === 'verify' && status === 'finished' && plan !== null && plan.create + plan.update + plan.failed > 0;

/** `verify`: does HelpCrunch hold the file? */
export function renderVerdict(summary: Summary, chalk: ChalkInstance): string[] {
  if (summary.mode !== 'verify' || !summary.plan || summary.status !== 'finished') return [];
  const { create, update, failed } = summary.plan;
  if (!verifyDiffers(summary)) return [chalk.green('  HelpCrunch holds every valid row as the file says.')];
  const parts = [`${n(create)} missing`, `${n(update)} different`];
  if (failed > 0) parts.push(`${n(failed)} that could not be imported`);
  return [chalk.yellow(`  HelpCrunch differs from the file: ${parts.join(', ')}.`)];
}
