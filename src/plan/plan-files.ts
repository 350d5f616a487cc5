/**
 * Where a run spills its valid rows and its plan: hidden files beside the reports (or in a temporary
 * folder when the run writes no report). They live only while the run does; a run that crashed leaves
 * them, and its `--resume` (which plans again from the input) or `--overwrite` removes them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The spill files, by role. */
export const PlanFile = {
  rows: '.plan-rows.jsonl',
  stored: '.plan-stored.jsonl',
  raw: '.plan-raw.jsonl',
  settled: '.plan-settled.jsonl',
  creates: '.plan-creates.jsonl',
  updates: '.plan-updates.jsonl',
} as const;
export type PlanFile = (typeof PlanFile)[keyof typeof PlanFile];

/** Every spill file name (report-folder.ts counts them as the run's own, so `--overwrite` clears them). */
export const PLAN_FILES: readonly string[] = Object.values(PlanFile);

/** The folder of one run's spill files. */
export interface PlanFolder {
  path(file: PlanFile): string;
  /** Removes every spill file (and a temporary folder). */
  remove(): void;
}

export function planFolder(reportDir: string | null): PlanFolder {
  const dir = reportDir ?? mkdtempSync(join(tmpdir(), 'hc-import-plan-'));
  return {
    path: (file) => join(dir, file),
    remove: () => {
      if (reportDir === null) rmSync(dir, { recursive: true, force: true });
      else for (const file of PLAN_FILES) rmSync(join(dir, file), { force: true });
    },
  };
}
