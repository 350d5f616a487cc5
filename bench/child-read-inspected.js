// The dry run's floor: the project's reader after the identity pass the tool makes before it (SHA-256 of the
// bytes for resume, the whole file's evidence for its encoding), with no mapping, validation or dedupe.
// Prints {ms, maxRssKb, records}; the parent times the whole process.
import { createReadStream } from 'node:fs';
import { inspectInput } from '../dist/input/inspect-input.js';
import { readCsv } from '../dist/input/read-csv.js';

const started = performance.now();
const file = process.argv[2];
const { encoding } = await inspectInput(() => createReadStream(file));
const reader = await readCsv(() => createReadStream(file), { encoding });
let records = 0;
for await (const _ of reader.records) records += 1;
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, records }));
