import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planFolder, type PlanFolder } from '../../../src/plan/plan-files.js';

/** A plan folder in a fresh temporary folder, and its removal. */
export function spillDir(): { dir: PlanFolder; path: string; done: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'hc-import-spill-test-'));
  return { dir: planFolder(path), path, done: () => rmSync(path, { recursive: true, force: true }) };
}
