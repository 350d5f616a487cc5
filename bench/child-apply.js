// The tool: `hc-import FILE --yes` through the real CLI entry against the sandbox named by HELPCRUNCH_API_URL
// (run by the parent, so its customers are not in this process's memory), unpaced. Prints
// {ms, maxRssKb, exitCode, counts}: this process's peak RSS is the import's alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../dist/cli/main.js';

const reportDir = mkdtempSync(join(tmpdir(), 'hc-import-bench-apply-'));
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const io = {
  stdout: sink,
  stderr: sink,
  stdin: process.stdin,
  env: { NO_COLOR: '1', HELPCRUNCH_API_URL: process.env.HELPCRUNCH_API_URL, HELPCRUNCH_API_KEY: process.env.HELPCRUNCH_API_KEY },
  cwd: process.cwd(),
  signal: new AbortController().signal,
};
const started = performance.now();
const args = [process.argv[2], '--yes', '--quiet', '--fail-on', 'none', '--rate', '1000000000', '--report-dir', join(reportDir, 'r')];
const exitCode = await main(args, io);
const ms = performance.now() - started;
const summary = JSON.parse(readFileSync(join(reportDir, 'r', 'summary.json'), 'utf8'));
rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, exitCode, counts: summary.counts }));
