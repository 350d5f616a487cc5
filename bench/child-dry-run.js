// The tool: `hc-import FILE --dry-run` through the real CLI entry, in this process so its peak RSS is
// measurable. Prints {ms, maxRssKb, exitCode, rows}.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../dist/cli/main.js';

const reportDir = mkdtempSync(join(tmpdir(), 'hc-import-bench-report-'));
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const io = {
  stdout: sink,
  stderr: sink,
  stdin: process.stdin,
  env: { NO_COLOR: '1' },
  cwd: process.cwd(),
  signal: new AbortController().signal,
};
const started = performance.now();
const exitCode = await main([process.argv[2], '--dry-run', '--quiet', '--report-dir', reportDir], io);
const ms = performance.now() - started;
const summary = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'));
rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, exitCode, rows: summary.counts.rows }));
