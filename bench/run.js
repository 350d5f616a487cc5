// `npm run bench`: speed and memory as ratios against baselines measured in the same run. Not a test:
// it prints figures (and writes them to .bench/last.json) and never fails on a threshold, only on a run
// that did not do its job. `npm run bench -- --quick` runs every figure at its smallest size (CI, under a
// minute) so the bench itself cannot rot; its figures go to .bench/quick.json and are not the README's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchInput, dryRunFigures, dryRunLines, node24 } from './dry-run-figures.js';
import { applyMemory, resumeMemory } from './apply-memory.js';
import { lookupRatio, stormRatio, wrongKeyMs } from './rate-figures.js';
import { mixedImportRatio, pacingRatio } from './upsert-figures.js';

const QUICK = process.argv.includes('--quick');
const ROWS = Number(process.env.BENCH_ROWS ?? (QUICK ? 20_000 : 1_000_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
// Peak RSS at the size: 3M rows (180 MB) in the full bench only.
const MEMORY_ROWS = Number(process.env.BENCH_MEMORY_ROWS ?? (QUICK ? ROWS : 3_000_000));
// The quick bench runs the apply-mode figures (seven runs per Node version) on fewer rows, to stay under a minute.
const APPLY_ROWS = QUICK ? 10_000 : ROWS;
const here = new URL('.', import.meta.url).pathname;
const file = await benchInput(ROWS);

const figures = { node: process.version, rows: ROWS };
// The dry run on this Node and on Node 24 (skipped, with a note, when npx cannot fetch it).
figures.dryRun = [await dryRunFigures(process.execPath, { rows: ROWS, memoryRows: MEMORY_ROWS, runs: RUNS })];
const newer = node24();
if (newer === undefined) process.stderr.write('node@24 not available through npx: its dry-run figures are skipped\n');
else figures.dryRun.push(await dryRunFigures(newer, { rows: ROWS, memoryRows: MEMORY_ROWS, runs: RUNS }));
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

process.stderr.write(
  'measuring apply-mode memory: all creates into an empty sandbox, the same file all unchanged, renamed all updates, then their undo …\n',
);
// On this Node and on Node 24: the target holds on both.
const nodes = newer === undefined ? [process.execPath] : [process.execPath, newer];
figures.applyMemory = [];
for (const node of nodes) {
  if (!QUICK)
    figures.applyMemory.push(await applyMemory(await benchInput(100_000), 100_000, node, await benchInput(100_000, { renamed: true })));
  figures.applyMemory.push(
    await applyMemory(await benchInput(APPLY_ROWS), APPLY_ROWS, node, await benchInput(APPLY_ROWS, { renamed: true })),
  );
}
process.stderr.write('measuring a resume: the apply killed half-way, then --resume in the same folder, then undo …\n');
figures.resumeMemory = [];
for (const node of nodes) figures.resumeMemory.push(await resumeMemory(await benchInput(APPLY_ROWS), APPLY_ROWS, node));

mkdirSync(join(here, '..', '.bench'), { recursive: true });
writeFileSync(join(here, '..', '.bench', QUICK ? 'quick.json' : 'last.json'), `${JSON.stringify(figures, null, 2)}\n`);
for (const line of figures.dryRun.flatMap(dryRunLines)) console.log(line);
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
    `apply of ${apply.rows.toLocaleString('en-US')} rows on ${apply.node}, peak RSS of the import (sandbox in another process): ` +
      `all creates ${apply.createsPeakRssMb} MB, all unchanged ${apply.unchangedPeakRssMb} MB, all updates ${apply.updatesPeakRssMb} MB ` +
      `(target ≤ 300 MB at 1M); undo of the updates (all restored): ${apply.undoRestoresPeakRssMb} MB`,
  );
}
for (const resume of figures.resumeMemory) {
  console.log(
    `--resume of ${resume.rows.toLocaleString('en-US')} rows on ${resume.node} after a kill -9 at ` +
      `${resume.killedAfter.toLocaleString('en-US')} written: peak RSS ${resume.resumedPeakRssMb} MB; ` +
      `then undo of all of it: peak RSS ${resume.undoPeakRssMb} MB`,
  );
}
