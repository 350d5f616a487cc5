// The tool: `hc-import FILE --dry-run` through the real bin (its V8 settings included), in this process
// so its peak RSS is measurable. Prints {ms, maxRssKb, exitCode, rows} as the last line of stdout.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reportDir = mkdtempSync(join(tmpdir(), 'hc-import-bench-report-'));
const started = performance.now();
process.argv = [process.argv[0], 'hc-import', process.argv[2], '--dry-run', '--quiet', '--report-dir', reportDir];
process.env.NO_COLOR = '1';
process.on('exit', () => {
  const ms = performance.now() - started;
  const summary = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'));
  rmSync(reportDir, { recursive: true, force: true });
  const figures = { ms, maxRssKb: process.resourceUsage().maxRSS, exitCode: process.exitCode, rows: summary.counts.rows };
  process.stdout.write(`\n${JSON.stringify(figures)}\n`);
});
await import('../bin/hc-import.js');
