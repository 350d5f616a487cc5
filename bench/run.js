// `npm run bench`: speed and memory as ratios against baselines measured in the same run. Not a test:
// it prints figures (and writes them to .bench/last.json) and never fails on a threshold, only on a run
// that did not do its job. `npm run bench -- --quick` runs every figure at its smallest size (CI, under a
// minute) so the bench itself cannot rot; its figures go to .bench/quick.json and are not the README's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContacts } from './generate-contacts.js';
import { applyMemory } from './apply-memory.js';
import { lookupRatio, stormRatio, wrongKeyMs } from './rate-figures.js';
import { mixedImportRatio, pacingRatio } from './upsert-figures.js';

const QUICK = process.argv.includes('--quick');
const ROWS = Number(process.env.BENCH_ROWS ?? (QUICK ? 20_000 : 1_000_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const here = new URL('.', import.meta.url).pathname;
const file = join(tmpdir(), `hc-import-bench-${ROWS}.csv`);

const child = (script) => JSON.parse(execFileSync(process.execPath, [join(here, script), file], { encoding: 'utf8', maxBuffer: 1 << 20 }));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (kb) => Math.round(kb / 1024);

if (!existsSync(file)) {
  process.stderr.write(`generating ${ROWS.toLocaleString('en-US')} rows in ${file} …\n`);
  await generateContacts(file, ROWS);
}
process.stderr.write(
  `input: ${(statSync(file).size / 1e6).toFixed(1)} MB, ${ROWS.toLocaleString('en-US')} rows; ${RUNS} runs each, alternating\n`,
);

const parses = [];
const dryRuns = [];
for (let run = 0; run < RUNS; run += 1) {
  parses.push(child('child-csv-parse.js'));
  dryRuns.push(child('child-dry-run.js'));
}
if (dryRuns.some((r) => r.rows !== ROWS)) throw new Error('the dry run did not count every row');

const parseMs = median(parses.map((r) => r.ms));
const dryMs = median(dryRuns.map((r) => r.ms));
const figures = {
  node: process.version,
  rows: ROWS,
  csvParseMs: Math.round(parseMs),
  dryRunMs: Math.round(dryMs),
  dryRunOverCsvParse: Number((dryMs / parseMs).toFixed(2)),
  dryRunPeakRssMb: mb(Math.max(...dryRuns.map((r) => r.maxRssKb))),
  csvParsePeakRssMb: mb(Math.max(...parses.map((r) => r.maxRssKb))),
};
process.stderr.write('measuring the upsert figures against the in-process sandbox …\n');
const mixed = await mixedImportRatio();
figures.mixedImport = { ...mixed, requestsOverBudget: Number((mixed.requests / mixed.budget).toFixed(3)) };
const pacing = await pacingRatio(QUICK ? 60 : 240);
figures.pacing = {
  ...pacing,
  achieved: Math.round(pacing.achieved),
  achievedOverConfigured: Number((pacing.achieved / pacing.configured).toFixed(3)),
};

process.stderr.write('measuring the recovery figures (429 storm, lookups at 300 ms latency, a wrong key) …\n');
figures.storm = await stormRatio(QUICK ? { perWindow: 10, windowMs: 1_000, creates: 30 } : undefined);
figures.lookups = {
  list: await lookupRatio(QUICK ? { account: 1_500, rows: 500, from: 1_000 } : { account: 4_000, rows: 1_000, from: 3_000 }),
  search: await lookupRatio(QUICK ? { account: 3_000, rows: 200, from: 1_000 } : { account: 5_000, rows: 400, from: 1_000 }),
};
figures.wrongKey = await wrongKeyMs(file);

process.stderr.write('measuring apply-mode memory: all creates into an empty sandbox, then the same file all unchanged …\n');
const small = join(tmpdir(), 'hc-import-bench-100000.csv');
if (!QUICK && !existsSync(small)) await generateContacts(small, 100_000);
figures.applyMemory = QUICK ? [await applyMemory(file, ROWS)] : [await applyMemory(small, 100_000), await applyMemory(file, ROWS)];

mkdirSync(join(here, '..', '.bench'), { recursive: true });
writeFileSync(join(here, '..', '.bench', QUICK ? 'quick.json' : 'last.json'), `${JSON.stringify(figures, null, 2)}\n`);
console.log(
  `dry run of ${ROWS.toLocaleString('en-US')} rows: ${figures.dryRunMs} ms vs bare csv-parse ${figures.csvParseMs} ms ` +
    `→ ${figures.dryRunOverCsvParse}× (target ≤ 1.5×)`,
);
console.log(`peak RSS of the dry run: ${figures.dryRunPeakRssMb} MB (target ≤ 250 MB; bare csv-parse: ${figures.csvParsePeakRssMb} MB)`);
console.log(
  'mixed import (T=2,000; 1,000 unchanged, 500 updated, 1,500 new): ' +
    `${mixed.requests} requests for a budget of ${mixed.budget} → ${figures.mixedImport.requestsOverBudget}`,
);
console.log(
  `pacing at ${pacing.configured}/min with 60 ms latency: achieved ${figures.pacing.achieved}/min ` +
    `→ ${figures.pacing.achievedOverConfigured}× configured, ${pacing.rateLimited} of ${pacing.requests} requests rate-limited`,
);
const { storm, lookups, wrongKey } = figures;
// At the quick sizes a 1 s probe, a Retry-After rounded up to whole seconds and a first lookup sent alone weigh far more.
if (QUICK) console.log('(--quick: the smallest sizes, to keep the bench running; its figures are not held to the targets)');
console.log(
  `429 storm (limit ${storm.limit}, --rate ${storm.configured}, ${storm.creates} creates) ÷ the time at the allowed rate ` +
    `(${storm.atAllowedRate.ms} ms): without Retry-After ${storm.withoutRetryAfter.ratio}× (target ≤ 1.3×, ` +
    `${storm.withoutRetryAfter.rateLimited} 429s), with Retry-After ${storm.withRetryAfter.ratio}× (target ≤ 1.1×, ` +
    `${storm.withRetryAfter.rateLimited} 429s)`,
);
console.log(
  `lookups at ${lookups.list.configured}/min with ${lookups.list.latencyMs} ms latency: listing ${lookups.list.ratio}× ` +
    `(${lookups.list.lookups} pages), searching ${lookups.search.ratio}× (${lookups.search.lookups} requests) of configured (target ≥ 0.9×)`,
);
console.log(
  `a wrong key on ${ROWS.toLocaleString('en-US')} rows: exit 5 after ${wrongKey.ms} ms, ` +
    `${wrongKey.rowsRead.toLocaleString('en-US')} rows read (target ≤ 3,000 ms)`,
);
for (const apply of figures.applyMemory) {
  console.log(
    `apply of ${apply.rows.toLocaleString('en-US')} rows, peak RSS of the import (sandbox in another process): ` +
      `all creates ${apply.createsPeakRssMb} MB, all unchanged ${apply.unchangedPeakRssMb} MB (target ≤ 300 MB at 1M)`,
  );
}
