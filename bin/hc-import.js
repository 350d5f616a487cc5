#!/usr/bin/env node
// The only place that touches the process: signals, streams, exit code. Everything else is in dist/.
import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { setFlagsFromString } from 'node:v8';
import { main, removeStdinCopiesSync } from '../dist/cli/main.js';

// The young generation keeps its first size. Node 24 grows it to 128 MB on a long scan although little
// survives a collection: that was most of its 340 MB peak on a 3M-row dry run (280 MB without; see bench/).
setFlagsFromString('--semi-space-growth-factor=1');
// The old generation grows 20% past what the last full collection kept. By default V8 lets it reach several
// times the live data on a long apply: 295 MB peak for 60-100 MB live at a million unchanged rows, 224 MB with this.
// A dry run's time does not change (it keeps little alive, so a full collection is cheap).
setFlagsFromString('--heap-growing-percent=20');

// The copy of stdin (the customers' CSV) goes on every exit a process can act on, process.exit() included.
process.on('exit', removeStdinCopiesSync);

const controller = new AbortController();
let reason;
// What the first signal does, said by the command that does it: the import's (verify's too) unless the
// command sets its own through io.setInterruptNotice (the sandbox stops serving; it has no report).
let interruptNotice = (signal) => `${signal}: finishing the requests in flight and writing the report (Ctrl-C again to quit now)`;
const onSignal = (signal) => {
  // A second Ctrl-C: now. The journal is written synchronously, so it stays consistent. A closed terminal can
  // send SIGHUP twice (the kernel, then the terminal program or the shell): that is no one asking to quit now.
  if (controller.signal.aborted) {
    if (signal !== 'SIGHUP') process.exit(exitCodes[signal]);
    return;
  }
  reason = signal;
  // Abort first: its listeners stop the progress bar, so this line is not drawn over.
  controller.abort(new Error(`interrupted by ${signal}`));
  process.stderr.write(`\n${interruptNotice(signal)}\n`);
  setTimeout(() => process.exit(exitCodes[signal]), 15_000).unref();
};
const exitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// The terminal closed (its window, an ssh session dropped): stop as after SIGTERM, so the report and summary are
// written and the lock released; what would be printed on the gone terminal is dropped (EIO, below).
process.on('SIGHUP', onSignal);

// A reader gone (`hc-import … | head -1`, a pipe closed early) or a terminal closed is no reason to die half-way
// with an unhandled EPIPE: the run goes on to its end (journal, report, the lock released, the copy of stdin
// removed) and what it would have printed there is dropped. Any other stream error is still a crash.
const dropOutputWhenGone = (stream) =>
  stream.on('error', (error) => {
    if (!['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED'].includes(error.code)) throw error;
  });
dropOutputWhenGone(process.stdout);
dropOutputWhenGone(process.stderr);

// Signal 0 only checks: ESRCH means no such process; EPERM means it exists but is not ours.
function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The controlling terminal, for the confirmation when stdin carries the CSV; none under CI or cron. */
const openTerminal = () => {
  try {
    const input = new ReadStream(openSync('/dev/tty', 'r'));
    return { input, close: () => input.destroy() };
  } catch {
    return undefined;
  }
};

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  abortReason: () => reason,
  pid: process.pid,
  isProcessAlive,
  openTerminal,
  setInterruptNotice: (notice) => {
    interruptNotice = notice;
  },
};
process.exitCode = await main(process.argv.slice(2), io);
