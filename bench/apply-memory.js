// Apply-mode memory (issue 15): the import's peak RSS with every row planned and written, (a) all creates
// into an empty account, (b) the same file again, all unchanged against the account that now holds it (the
// list lookup finds every row). The sandbox runs here, in the parent; the import in a child process, so the
// sandbox's million customers do not count in the import's figure.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startSandbox } from '../dist/index.js';

const here = new URL('.', import.meta.url).pathname;

/** Runs bench/child-apply.js on `file` against `sandbox`; resolves to its figures. Async: the sandbox answers meanwhile. */
function childImport(file, sandbox, node) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, HELPCRUNCH_API_URL: sandbox.url, HELPCRUNCH_API_KEY: sandbox.key };
    const child = spawn(node, [join(here, 'child-apply.js'), file], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    // The figures are the last line: the bin's own output comes before them.
    const figures = () => JSON.parse(out.trim().split('\n').at(-1));
    child.on('close', (code) => (code === 0 ? resolve(figures()) : reject(new Error(`the apply child exited ${code}`))));
  });
}

const mb = (kb) => Math.round(kb / 1024);

/** Both runs over `file` of `rows` valid rows, the import on the Node binary `node`; throws when a run did not do its job. */
export async function applyMemory(file, rows, node = process.execPath) {
  const sandbox = await startSandbox({ rate: Infinity });
  try {
    const creates = await childImport(file, sandbox, node);
    if (creates.counts.created !== rows) throw new Error(`the apply created ${creates.counts.created} of ${rows} rows`);
    const unchanged = await childImport(file, sandbox, node);
    if (unchanged.counts.unchanged !== rows) throw new Error(`the re-run found ${unchanged.counts.unchanged} of ${rows} rows unchanged`);
    return {
      node: creates.node,
      rows,
      createsPeakRssMb: mb(creates.maxRssKb),
      createsMs: Math.round(creates.ms),
      unchangedPeakRssMb: mb(unchanged.maxRssKb),
      unchangedMs: Math.round(unchanged.ms),
    };
  } finally {
    await sandbox.close();
  }
}
