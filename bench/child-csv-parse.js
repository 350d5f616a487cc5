// Baseline: bare csv-parse (default options) over the file, counting records. Prints {ms, maxRssKb, records}.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const started = performance.now();
let records = 0;
for await (const _ of createReadStream(process.argv[2]).pipe(parse())) records += 1;
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, records }));
