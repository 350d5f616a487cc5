// Apply-mode memory (issue 15): the import's peak RSS with every row planned and written, (a) all creates
// into an empty account, (b) the same file again, all unchanged against the account that now holds it (the
// list lookup finds every row). The sandbox runs here, in the parent; the import in a child process, so the
// sandbox's million customers do not count in the import's figure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../dist/index.js';

const here = new URL('.', import.meta.url).pathname;

/**
 * Runs bench/child-apply.js on `file` against `sandbox`; resolves to its figures. Async: the sandbox answers
 * meanwhile. `args`: a report folder to keep, and `--resume`. `onChild` gets the process (to kill it).
 */
function childImport(file, sandbox, node, args = [], onChild = () => {}) {
  return child('child-apply.js', [file, ...args], sandbox, node, onChild);
}

/** Runs bench/`script` with `args` against `sandbox`; resolves to its figures, or null when it was killed. */
function child(script, args, sandbox, node, onChild = () => {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, HELPCRUNCH_API_URL: sandbox.url, HELPCRUNCH_API_KEY: sandbox.key };
    const child = spawn(node, [join(here, script), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    onChild(child);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    // The figures are the last line: the bin's own output comes before them.
    const figures = () => JSON.parse(out.trim().split('\n').at(-1));
    child.on('close', (code, signal) =>
      signal === 'SIGKILL' ? resolve(null) : code === 0 ? resolve(figures()) : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

const mb = (kb) => Math.round(kb / 1024);

/**
 * The runs over `file` of `rows` valid rows, the import on the Node binary `node`: all creates, all
 * unchanged, then `renamed` (every name changed: all updates, each merging a stored record), and the undo
 * of that last run (every customer restored from its before-image). Throws when a run did not do its job.
 */
export async function applyMemory(file, rows, node, renamed) {
  const sandbox = await startSandbox({ rate: Infinity });
  const dir = mkdtempSync(join(tmpdir(), 'hc-import-bench-updates-'));
  try {
    const creates = await childImport(file, sandbox, node);
    if (creates.counts.created !== rows) throw new Error(`the apply created ${creates.counts.created} of ${rows} rows`);
    const unchanged = await childImport(file, sandbox, node);
    if (unchanged.counts.unchanged !== rows) throw new Error(`the re-run found ${unchanged.counts.unchanged} of ${rows} rows unchanged`);
    const updates = await childImport(renamed, sandbox, node, [join(dir, 'r')]);
    if (updates.counts.updated !== rows) throw new Error(`the renamed file updated ${updates.counts.updated} of ${rows} rows`);
    const undo = await child('child-undo.js', [join(dir, 'r')], sandbox, node);
    if (undo.counts.restored !== rows) throw new Error(`the undo restored ${undo.counts.restored} of ${rows} customers`);
    return {
      node: creates.node,
      rows,
      createsPeakRssMb: mb(creates.maxRssKb),
      createsMs: Math.round(creates.ms),
      unchangedPeakRssMb: mb(unchanged.maxRssKb),
      unchangedMs: Math.round(unchanged.ms),
      updatesPeakRssMb: mb(updates.maxRssKb),
      updatesMs: Math.round(updates.ms),
      undoRestoresPeakRssMb: mb(undo.maxRssKb),
      undoRestoresMs: Math.round(undo.ms),
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Crash and resume: the creates run is killed (SIGKILL) once half the rows are in the sandbox, then resumed
 * in the same report folder. Its peak RSS covers reading the journal of the rows already written and
 * replaying them into the new reports. Then `hc-import undo` takes the run back (its own peak RSS: reading
 * both runs' journal, looking every customer up, deleting them). Throws when a step did not do its whole job.
 */
export async function resumeMemory(file, rows, node = process.execPath) {
  const sandbox = await startSandbox({ rate: Infinity });
  const dir = mkdtempSync(join(tmpdir(), 'hc-import-bench-resume-'));
  const report = join(dir, 'r');
  try {
    let timer;
    const killed = await childImport(file, sandbox, node, [report], (child) => {
      timer = setInterval(() => {
        if ((sandbox.stats().byRoute['POST /customers'] ?? 0) >= rows / 2) child.kill('SIGKILL');
      }, 20);
    });
    clearInterval(timer);
    if (killed !== null) throw new Error('the apply to kill finished before half its rows were written');
    const writtenBefore = sandbox.stats().byRoute['POST /customers'] ?? 0;
    const resumed = await childImport(file, sandbox, node, [report, '--resume']);
    if (resumed.counts.created !== rows) throw new Error(`the resumed apply accounts for ${resumed.counts.created} of ${rows} creates`);
    // Then the whole run taken back: its journal holds both runs, and every customer is deleted.
    const undo = await child('child-undo.js', [report], sandbox, node);
    if (undo.counts.deleted !== rows) throw new Error(`the undo deleted ${undo.counts.deleted} of ${rows} customers`);
    return {
      node: resumed.node,
      rows,
      killedAfter: writtenBefore,
      resumedPeakRssMb: mb(resumed.maxRssKb),
      resumedMs: Math.round(resumed.ms),
      undoPeakRssMb: mb(undo.maxRssKb),
      undoMs: Math.round(undo.ms),
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
