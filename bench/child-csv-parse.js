// Baseline: bare csv-parse over the file, counting records. `--info` asks for what the dry run also
// keeps track of: each record's line numbers (`info`) and rows of any width (`relax_column_count`).
// Prints {ms, maxRssKb, records}; the parent times the whole process.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const options = process.argv.includes('--info') ? { info: true, relax_column_count: true } : {};
const started = performance.now();
let records = 0;
for await (const _ of createReadStream(process.argv[2]).pipe(parse(options))) records += 1;
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, records }));
