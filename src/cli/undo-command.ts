/**
 * `hc-import undo REPORT_DIR`: takes back what the import that wrote REPORT_DIR changed (src/undo/). This
 * layer only reads flags and the key, shows the plan, asks, and prints the outcome; the core does the rest.
 */
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Command } from 'commander';
import { z } from 'zod';
import { createHelpCrunchClient } from '../api/helpcrunch-client.js';
import { DEFAULT_RATE_PER_MINUTE } from '../core/plan-summary.js';
import { usageError } from '../errors.js';
import type { SecretSet } from '../secrets/secret-set.js';
import { runUndo } from '../undo/run-undo.js';
import type { UndoPlan } from '../undo/undo-ports.js';
import type { UndoSummary } from '../undo/undo-summary.js';
import { VERSION } from '../version.js';
import { askWhenSomeoneCanAnswer, targetName } from './ask-confirmation.js';
import { interruptedExitCode, type CliIo } from './io.js';
import { formatDuration } from './render-summary.js';
import { lockReportFolder } from './report-lock.js';
import { checkApiUrl, DEFAULT_API_URL, noKeyError, readApiKey } from './resolve-target.js';

const UndoFlags = z.object({
  resume: z.boolean().default(false),
  force: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  yes: z.boolean().default(false),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
  debug: z.boolean().default(false),
  apiUrl: z.string().optional(),
  apiKeyFile: z.string().optional(),
  rate: z.coerce.number().int('must be a whole number').positive('must be above 0').optional(),
  concurrency: z.coerce.number().int('must be a whole number').min(1).max(16).default(4),
  keyRotated: z.boolean().default(false),
});

export function undoCommand(): Command {
  return new Command('undo')
    .name('hc-import undo')
    .description('Take back what an import changed: restore the customers it updated, delete the ones it created.')
    .argument('<report-dir>', 'the report folder of the run to undo (it holds journal.jsonl)')
    .option('--resume', 'continue an undo of this run that did not finish')
    .option('--force', 'also restore customers changed since the run (never forces a delete)')
    .option('--dry-run', 'look up and show the plan; change nothing')
    .option('--api-url <url>', 'HelpCrunch API base URL (env HELPCRUNCH_API_URL)')
    .option('--api-key-file <path>', 'read the API key from this file (else env HELPCRUNCH_API_KEY)')
    .option('--key-rotated', "the API key is not the run's, but it is the same account's (rotated since)")
    .option('--rate <n>', 'requests per minute to stay under (default 120)')
    .option('--concurrency <n>', 'requests in flight at once (default 4)')
    .option('-y, --yes', 'do not ask for confirmation before writing')
    .option('--json', 'print the summary as one JSON document on stdout')
    .option('-q, --quiet', 'no progress output')
    .option('--debug', 'print stacks and causes of errors');
}

const n = (value: number): string => value.toLocaleString('en-US');
const PROGRESS_EVERY_MS = 5000;

/** Runs the undo of `dir` and prints its outcome; returns the exit code. */
export async function runUndoCommand(dir: string, raw: Record<string, unknown>, io: CliIo, secrets: SecretSet): Promise<number> {
  const parsed = UndoFlags.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`);
    throw usageError(`Invalid option: ${issues.join('; ')}.`, 'See hc-import undo --help.');
  }
  const flags = parsed.data;
  const apiKey = await readApiKey({ env: io.env, apiKeyFile: flags.apiKeyFile, cwd: io.cwd });
  if (apiKey === undefined) throw noKeyError();
  secrets.add(apiKey);
  const baseUrl = checkApiUrl(flags.apiUrl ?? io.env.HELPCRUNCH_API_URL ?? DEFAULT_API_URL);
  const runDir = resolve(io.cwd, dir);
  let lastProgress = Date.now();
  const say = (line: string): void => {
    if (!flags.quiet) io.stderr.write(`${line}\n`);
  };
  // The run's folder is locked while an undo writes there: no resumed import and no second undo at once.
  const release = flags.dryRun ? undefined : await lockReportFolder(runDir, io);
  const { summary, exitCode, error } = await runUndo(
    {
      runDir,
      target: { baseUrl, apiKey },
      force: flags.force,
      dryRun: flags.dryRun,
      resume: flags.resume,
      ratePerMinute: flags.rate ?? DEFAULT_RATE_PER_MINUTE,
      concurrency: flags.concurrency,
      keyRotated: flags.keyRotated,
    },
    {
      connect: (t) => createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey }),
      now: Date.now,
      sleep: (ms, signal) => delay(ms, undefined, { signal }),
      random: Math.random,
      onEvent: (event) => {
        if (event.type === 'retry') say(`retrying ${event.kind} (${event.reason}) in ${Math.ceil(event.delayMs / 1000)} s`);
        if (event.type === 'warning') io.stderr.write(`warning: ${event.warning.message}\n`);
      },
      onPlan: (plan) => say(describePlan(plan)),
      onProgress: (settled, touched) => {
        // A line every few seconds (and the last one): at 120 requests a minute a large undo takes a while.
        if (settled < touched && Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = Date.now();
        say(`undo: ${n(settled)} of ${n(touched)} customers settled`);
      },
      confirm: (plan) =>
        askWhenSomeoneCanAnswer(
          { io, yes: flags.yes, stdinIsInput: false, beforeAsk: () => undefined },
          `Undo the run in ${runDir} on ${targetName(baseUrl, false)}: restore ${n(plan.counts.restore)}, ` +
            `delete ${n(plan.counts.delete)} for good? Go ahead?`,
        ),
      signal: io.signal,
      interruptedExitCode: () => interruptedExitCode(io),
      version: VERSION,
    },
  ).finally(() => release?.());
  io.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : renderUndoSummary(summary));
  if (error) io.stderr.write(`hc-import: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
  if (summary.status === 'interrupted' || (summary.status === 'stopped' && summary.reportDir !== null)) {
    io.stderr.write(`To continue: hc-import undo ${runDir} --resume\n`);
  }
  return exitCode;
}

/** The plan line, and the warning every delete deserves. */
export function describePlan({ counts, settledBefore, writeRequests, ratePerMinute }: UndoPlan): string {
  const time = Number.isFinite(ratePerMinute) ? `, about ${formatDuration(writeRequests / ratePerMinute)} at ${n(ratePerMinute)}/min` : '';
  const earlier = settledBefore > 0 ? `; ${n(settledBefore)} settled by the undo being resumed` : '';
  const lines = [
    `undo plan: ${n(counts.restore)} to restore, ${n(counts.delete)} to delete, ${n(counts.keep)} changed since the run (kept), ` +
      `${n(counts.already_undone)} already undone${earlier} — ${n(writeRequests)} write request${writeRequests === 1 ? '' : 's'}${time}`,
  ];
  if (counts.delete > 0) {
    lines.push('warning: deletes are permanent in HelpCrunch: a deleted customer cannot be brought back, and its chats go with it.');
  }
  return lines.join('\n');
}

function renderUndoSummary(summary: UndoSummary): string {
  const { counts } = summary;
  const where = summary.reportDir === null ? '' : `\n  report: ${summary.reportDir}`;
  return (
    `undo ${summary.status}: ${n(counts.restored)} restored, ${n(counts.deleted)} deleted, ${n(counts.kept)} kept, ` +
    `${n(counts.already_undone)} already undone, ${n(counts.failed)} failed (of ${n(summary.touched)} the run touched)` +
    `${where}\n`
  );
}
