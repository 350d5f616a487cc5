// Baseline: the project's own reader alone (decode, tokenize, shape records; no mapping, validation or
// dedupe), counting records. What the dry run adds to it is the cost of mapping, validation and dedupe.
// Prints {ms, maxRssKb, records}; the parent times the whole process.
import { createReadStream } from 'node:fs';
import { readCsv } from '../dist/input/read-csv.js';

const started = performance.now();
const reader = await readCsv(() => createReadStream(process.argv[2]), { encoding: 'utf-8' });
let records = 0;
for await (const _ of reader.records) records += 1;
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, records }));
