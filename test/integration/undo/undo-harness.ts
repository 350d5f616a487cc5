/** Runs `runUndo` with the real client against an in-process sandbox, and reads what the undo left. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { createHelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { seededRandom } from '../../../src/sandbox/faults.js';
import { runUndo } from '../../../src/undo/run-undo.js';
import { undoFoldersInOrder } from '../../../src/undo/undo-journal.js';
import type { UndoConfig, UndoDeps } from '../../../src/undo/undo-ports.js';
import type { UndoResult } from '../../../src/undo/undo-summary.js';

/** Options of one undo: config overrides, deps overrides. */
export interface UndoRunOptions {
  config?: Partial<UndoConfig>;
  deps?: Partial<UndoDeps>;
  controller?: AbortController;
}

export function undoDeps(controller = new AbortController(), overrides: Partial<UndoDeps> = {}): UndoDeps {
  return {
    connect: (t) => createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey }),
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, { signal }),
    random: seededRandom(1),
    onEvent: () => undefined,
    confirm: async () => true,
    signal: controller.signal,
    version: 'test',
    ...overrides,
  };
}

/** Undoes the run in `runDir` against `sandbox`. */
export function undo(sandbox: Sandbox, runDir: string, options: UndoRunOptions = {}): Promise<UndoResult> {
  const config: UndoConfig = {
    runDir,
    target: { baseUrl: sandbox.url, apiKey: sandbox.key },
    force: false,
    dryRun: false,
    resume: false,
    ratePerMinute: Infinity,
    concurrency: 4,
    ...options.config,
  };
  return runUndo(config, undoDeps(options.controller, options.deps));
}

/** undone.csv of the undo that wrote `dir`, as records. */
export async function readUndone(dir: string): Promise<Record<string, string>[]> {
  return parse(await readFile(join(dir, 'undone.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** The undo folders of a run, oldest first. */
export async function undoFolders(runDir: string): Promise<string[]> {
  return undoFoldersInOrder(await readdir(join(runDir, 'undo'))).map((name) => join(runDir, 'undo', name));
}
