/**
 * changes.csv: one line per field a run changes, from the plan itself (`planRow`'s field changes), so a
 * dry run and the apply that follows it on an unchanged account write the same file. Rows left as they are,
 * skipped by `--mode` or refused while planning have no lines.
 */
import type { ChangeSample } from './summary.js';
import type { Redact } from '../secrets/redact-secrets.js';
import type { PlannedRow } from '../upsert/write-types.js';
import { openCsvReport, ReportFile } from './report-files.js';

/** Field changes in the summary's sample: enough to see what kind of change a run makes. */
const SAMPLE_SIZE = 5;

/** Every change line of the plan, in row order; `user_id` is the id as the CSV gave it (before any hashing). */
export function* changeLines(rows: readonly PlannedRow[]): Generator<ChangeSample> {
  for (const { row, plan } of rows) {
    if (plan.action !== 'create' && plan.action !== 'update') continue;
    const userId = row.originalUserId ?? row.contact.userId;
    for (const change of plan.changes) yield { line: row.line, userId, action: plan.action, ...change };
  }
}

/** How many field changes the plan makes, and the first few, for summary.json and the printed summary. */
export function sampleChanges(rows: readonly PlannedRow[]): { fields: number; sample: ChangeSample[] } {
  const sample: ChangeSample[] = [];
  let fields = 0;
  for (const change of changeLines(rows)) {
    fields += 1;
    if (sample.length < SAMPLE_SIZE) sample.push(change);
  }
  return { fields, sample };
}

/** Writes changes.csv (formula-guarded, redacted, under its partial name until complete). */
export async function writeChangesReport(dir: string, rows: readonly PlannedRow[], redact?: Redact): Promise<void> {
  const file = openCsvReport(dir, ReportFile.changes, ['_line', 'user_id', 'action', 'field', 'before', 'after'], redact);
  for (const change of changeLines(rows)) {
    file.write([String(change.line), change.userId, change.action, change.field, change.before, change.after]);
  }
  await file.close();
}
