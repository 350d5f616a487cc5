// The work no design can leave out of a dry run after the reader: the two whole-file indexes, dedupe by
// user_id and the shared-email check, fed every row in file order as it is read. Measured in this process
// as the difference of two reads of the file, without and then with the indexes (the second read finds
// the reader warm, so the difference errs low). Prints {ms, rows}.
import { createReadStream } from 'node:fs';
import { readCsv } from '../dist/input/read-csv.js';
import { createSharedEmailCounter } from '../dist/rows/count-shared-emails.js';
import { createFirstWinsDeduper } from '../dist/rows/dedupe-rows.js';

const file = process.argv[2];

/** One read of the file, each record shaped as a valid row (the bench's input: user_id, name, email, …). */
async function read(onRow) {
  const reader = await readCsv(() => createReadStream(file), { encoding: 'utf-8' });
  const started = performance.now();
  let rows = 0;
  for await (const { line, cells } of reader.records) {
    rows += 1;
    onRow({ line, cells, contact: { userId: cells[0], name: cells[1], email: cells[2] } });
  }
  return { ms: performance.now() - started, rows };
}

let sink = 0;
const without = await read((row) => {
  sink += row.contact.userId.length;
});
const decide = createFirstWinsDeduper(without.rows);
const shared = createSharedEmailCounter(without.rows);
let kept = 0;
const withIndexes = await read((row) => {
  sink += row.contact.userId.length;
  if (!decide(row).kept) return;
  kept += 1;
  shared.check(row);
});
if (kept !== withIndexes.rows || shared.sharedRows !== 0 || sink === 0)
  throw new Error(`expected ${withIndexes.rows} distinct rows, kept ${kept}`);
process.stdout.write(JSON.stringify({ ms: withIndexes.ms - without.ms, rows: withIndexes.rows }));
