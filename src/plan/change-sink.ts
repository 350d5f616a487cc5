/**
 * changes.csv and the summary's sample of field changes, written as the plan is made: the planned rows
 * pass by one at a time (they are spilled, not kept), so the report is written while they do.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { changeLines } from '../report/changes-report.js';
import { openCsvReport, ReportFile } from '../report/report-files.js';
import type { ChangeSample } from '../report/summary.js';
import type { Redact } from '../secrets/redact-secrets.js';
import type { PlannedRow } from '../upsert/write-types.js';

/** Field changes in the summary's sample: enough to see what kind of change a run makes. */
const SAMPLE_SIZE = 5;

/** Takes planned rows in file order; `close` finishes changes.csv and returns the count and the sample. */
export interface ChangeSink {
  add(entry: PlannedRow): void;
  close(): Promise<{ fields: number; sample: ChangeSample[] }>;
  /** A plan that did not finish writes no changes.csv. */
  discard(): Promise<void>;
}

/** Writes changes.csv into `dir` (none when null: only the count and the sample). */
export function openChangeSink(dir: string | null, redact?: Redact): ChangeSink {
  const header = ['_line', 'user_id', 'action', 'field', 'before', 'after'];
  const file = dir === null ? undefined : openCsvReport(dir, ReportFile.changes, header, redact);
  const sample: ChangeSample[] = [];
  let fields = 0;
  return {
    add: (entry) => {
      for (const change of changeLines([entry])) {
        fields += 1;
        if (sample.length < SAMPLE_SIZE) sample.push(change);
        file?.write([String(change.line), change.userId, change.action, change.field, change.before, change.after]);
      }
    },
    close: async () => {
      await file?.close();
      return { fields, sample };
    },
    discard: async () => {
      if (dir === null || file === undefined) return;
      await file.close();
      await rm(join(dir, ReportFile.changes), { force: true });
    },
  };
}
