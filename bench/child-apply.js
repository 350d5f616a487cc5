// The tool: `hc-import FILE --yes` through the real bin (its V8 settings included) against the sandbox named
// by HELPCRUNCH_API_URL (run by the parent, so its customers are not in this process's memory), unpaced.
// Prints {ms, maxRssKb, exitCode, counts} as the last line of stdout: this process's peak RSS is the import's alone.
// `child-apply.js FILE [REPORT_DIR [--resume]]`: a given report folder is kept (a killed run is resumed there).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [, , file, givenReport, ...extra] = process.argv;
const reportDir = givenReport === undefined ? mkdtempSync(join(tmpdir(), 'hc-import-bench-apply-')) : undefined;
const report = givenReport ?? join(reportDir, 'r');
const started = performance.now();
const args = [file, '--yes', '--quiet', '--fail-on', 'none', '--rate', '1000000000', '--report-dir', report, ...extra];
process.argv = [process.argv[0], 'hc-import', ...args];
process.env.NO_COLOR = '1';
process.on('exit', () => {
  const ms = performance.now() - started;
  const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8'));
  if (reportDir !== undefined) rmSync(reportDir, { recursive: true, force: true });
  const figures = {
    node: process.version,
    ms,
    maxRssKb: process.resourceUsage().maxRSS,
    exitCode: process.exitCode,
    counts: summary.counts,
  };
  process.stdout.write(`\n${JSON.stringify(figures)}\n`);
});
await import('../bin/hc-import.js');
