// `hc-import undo DIR --yes` through the real bin (its V8 settings included) against the sandbox named by
// HELPCRUNCH_API_URL, unpaced. Prints {ms, maxRssKb, exitCode, counts} as the last line of stdout: this
// process's peak RSS is the undo's alone.
const started = performance.now();
let summary = '';
const write = process.stdout.write.bind(process.stdout);
// --json prints the summary on stdout: kept here, for the counts.
process.stdout.write = (chunk, ...rest) => {
  summary += chunk;
  const done = rest.at(-1);
  if (typeof done === 'function') done();
  return true;
};
process.argv = [process.argv[0], 'hc-import', 'undo', process.argv[2], '--yes', '--json', '--quiet', '--rate', '1000000000'];
process.env.NO_COLOR = '1';
process.on('exit', () => {
  const figures = {
    node: process.version,
    ms: performance.now() - started,
    maxRssKb: process.resourceUsage().maxRSS,
    exitCode: process.exitCode,
    counts: JSON.parse(summary).counts,
  };
  write(`\n${JSON.stringify(figures)}\n`);
});
await import('../bin/hc-import.js');
