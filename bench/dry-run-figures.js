// The dry run's figures (issue 15): its time against three baselines and its peak RSS, on Node 20 (this
// process's Node) and Node 24. Every figure is a whole child process, timed from spawn to exit, so
// start-up counts; the children print their own peak RSS. Inputs are generated here, never committed.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContacts } from './generate-contacts.js';

const here = new URL('.', import.meta.url).pathname;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (kb) => Math.round(kb / 1024);
const ratio = (a, b) => Number((a / b).toFixed(2));

/** The contacts file of `rows` rows in the temp folder, generated on first use; `renamed`: every name changed. */
export async function benchInput(rows, { renamed = false } = {}) {
  const file = join(tmpdir(), `hc-import-bench-${rows}${renamed ? '-renamed' : ''}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} rows in ${file} …\n`);
    await generateContacts(file, rows, { nameSuffix: renamed ? ' Jr' : '' });
  }
  return file;
}

/** Runs `script` on `file` under `node`; its printed JSON plus `wallMs`, spawn to exit. */
function child(node, script, file, ...args) {
  const started = performance.now();
  const out = execFileSync(node, [join(here, script), file, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  // The last line: the dry run also prints its own summary.
  return { ...JSON.parse(out.trim().split('\n').at(-1)), wallMs: performance.now() - started };
}

/** Node 24's binary through npx (as .ci/run does), or undefined when npx cannot provide it (offline). */
export function node24() {
  try {
    const path = execFileSync('npx', ['-y', '-p', 'node@24', 'node', '-p', 'process.execPath'], { encoding: 'utf8', stdio: 'pipe' });
    return path.trim();
  } catch {
    return undefined;
  }
}

/** Speed on `rows` rows, `runs` runs each alternating (medians), and peak RSS on `memoryRows` rows (the largest of `runs`). */
export async function dryRunFigures(node, { rows, memoryRows, runs }) {
  const file = await benchInput(rows);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  process.stderr.write(`dry run on ${version}: ${(statSync(file).size / 1e6).toFixed(1)} MB, ${rows.toLocaleString('en-US')} rows\n`);
  const oneRow = await benchInput(1);
  const times = {
    csvParse: [],
    csvParseInfo: [],
    readCsv: [],
    dryRun: [],
    readInspected: [],
    startUpReader: [],
    startUpDryRun: [],
    indexWork: [],
  };
  for (let run = 0; run < runs; run += 1) {
    times.csvParse.push(child(node, 'child-csv-parse.js', file).wallMs);
    times.csvParseInfo.push(child(node, 'child-csv-parse.js', file, '--info').wallMs);
    times.readCsv.push(child(node, 'child-read-csv.js', file).wallMs);
    const dry = child(node, 'child-dry-run.js', file);
    if (dry.rows !== rows) throw new Error(`the dry run counted ${dry.rows} rows of ${rows}`);
    times.dryRun.push(dry.wallMs);
    // The floor: what the dry run must do before any row's own work (see floorOf).
    times.readInspected.push(child(node, 'child-read-inspected.js', file).wallMs);
    times.startUpReader.push(child(node, 'child-read-csv.js', oneRow).wallMs);
    times.startUpDryRun.push(child(node, 'child-dry-run.js', oneRow).wallMs);
    times.indexWork.push(child(node, 'child-index-work.js', file).ms);
  }
  const ms = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, Math.round(median(values))]));
  const memoryFile = await benchInput(memoryRows);
  const peaks = [];
  for (let run = 0; run < runs; run += 1) {
    const dry = child(node, 'child-dry-run.js', memoryFile);
    if (dry.rows !== memoryRows) throw new Error(`the dry run counted ${dry.rows} rows of ${memoryRows}`);
    peaks.push(dry.maxRssKb);
  }
  return {
    node: version,
    rows,
    ms,
    dryRunOverCsvParse: ratio(ms.dryRun, ms.csvParse),
    dryRunOverCsvParseInfo: ratio(ms.dryRun, ms.csvParseInfo),
    dryRunOverReadCsv: ratio(ms.dryRun, ms.readCsv),
    floor: floorOf(ms, rows),
    memoryRows,
    peakRssMb: mb(Math.max(...peaks)),
    peakRssRunsMb: peaks.map(mb),
  };
}

/**
 * What the dry run costs before mapping, validation and dedupe touch a row: the reader after the identity
 * pass that precedes it (SHA-256 for resume, the whole file's evidence for its encoding), plus the tool's
 * start-up beyond the reader's (both on a one-row file). `roomMs`: what a ratio of 1.6 to the reader leaves
 * for every row's own work, and `roomNsPerRow` the same a row; `indexWorkMs`, the two whole-file indexes
 * alone (dedupe, shared emails), is work that room must hold: the figures that say whether the target fits.
 */
function floorOf(ms, rows) {
  const startUpMs = ms.startUpDryRun - ms.startUpReader;
  const floorMs = ms.readInspected + startUpMs;
  const roomMs = Math.round(1.6 * ms.readCsv - floorMs);
  return {
    indexWorkMs: ms.indexWork,
    identityPassMs: ms.readInspected - ms.readCsv,
    startUpMs,
    ms: floorMs,
    overReadCsv: ratio(floorMs, ms.readCsv),
    roomMs,
    roomNsPerRow: Math.round((roomMs * 1e6) / rows),
  };
}

/** The lines `npm run bench` prints for one Node's figures. */
export function dryRunLines(f) {
  const rows = f.rows.toLocaleString('en-US');
  return [
    `${f.node}: dry run of ${rows} rows, whole process: ${f.ms.dryRun} ms ÷ bare csv-parse ${f.ms.csvParse} ms → ` +
      `${f.dryRunOverCsvParse}× (target ≤ 1.5×); ÷ csv-parse with info and relax_column_count ${f.ms.csvParseInfo} ms → ` +
      `${f.dryRunOverCsvParseInfo}×; ÷ its own reader alone ${f.ms.readCsv} ms → ${f.dryRunOverReadCsv}× (target ≤ 1.6×)`,
    `${f.node}: its floor before any row's own work: the reader ${f.ms.readCsv} ms + the identity pass ${f.floor.identityPassMs} ms ` +
      `+ the tool's start-up beyond the reader's ${f.floor.startUpMs} ms = ${f.floor.ms} ms → ${f.floor.overReadCsv}× the reader; ` +
      `1.6× leaves ${f.floor.roomMs} ms for mapping, validation, dedupe and reports (${f.floor.roomNsPerRow} ns a row), ` +
      `and the two whole-file indexes alone (dedupe, shared emails) take ${f.floor.indexWorkMs} ms`,
    `${f.node}: peak RSS of the dry run of ${f.memoryRows.toLocaleString('en-US')} rows: ${f.peakRssMb} MB ` +
      `(runs: ${f.peakRssRunsMb.join(', ')}; target ≤ 250 MB)`,
  ];
}
