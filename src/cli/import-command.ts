import { Chalk } from 'chalk';
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_RATE_PER_MINUTE } from '../core/plan-summary.js';
import { runSecrets, type RunConfig, type RunDeps, type Target } from '../core/run-config.js';
import { runImport } from '../core/run-import.js';
import { parseDelimiter, parseEncoding } from '../input/parse-user-options.js';
import { parseMapOptions } from '../rows/parse-map-options.js';
import type { Sandbox } from '../sandbox/start-sandbox.js';
import { createConfirmation, targetName } from './ask-confirmation.js';
import { userIdHashingFrom } from './hash-options.js';
import type { ImportFlags } from './import-options.js';
import { openInputSource } from './input-source.js';
import { commandName, PIPE_AGAIN } from './invocation.js';
import { interruptedExitCode, type CliIo } from './io.js';
import { printable } from './printable.js';
import { createProgressReporter } from './progress.js';
import { renderSummary, formatDuration } from './render-summary.js';
import { chooseReportFolder, claimReportFolder, type ClaimedFolder } from './choose-report-folder.js';
import { checkApiUrl, DEFAULT_API_URL, noKeyError, readApiKey } from './resolve-target.js';
import type { SecretSet } from '../secrets/secret-set.js';
import { VERSION } from '../version.js';
import { usageError } from '../errors.js';
import { asPresetMapping } from '../presets/preset-mapping-schema.js';
import { openFieldsFrom } from './open-fields-flags.js';

/** What `runImportCommand` works from. */
export interface ImportCommandInput {
  file: string;
  flags: ImportFlags;
  argv: readonly string[];
  /** Streams that already redact `secrets`. */
  io: CliIo;
  /** The run's secrets are added here as soon as they are known, so the streams redact them. */
  secrets: SecretSet;
  /** `hc-import verify`: a keyed dry run (a key is required) whose verdict is the exit code. */
  verify?: boolean;
}

/** `hc-import <file>`: builds the config from flags and environment, runs the core, prints the outcome. */
export async function runImportCommand({ file, flags, argv, io, secrets, verify = false }: ImportCommandInput): Promise<number> {
  // A verify checks an account; --sandbox would start an empty one, which holds nothing to check.
  if (verify && flags.sandbox)
    throw usageError('verify checks what an account holds: --sandbox would start an empty one.', VERIFY_KEY_HINT);
  const chalk = new Chalk({ level: colorLevel(flags.color, io) });
  const reportChoice = chooseReportFolder(flags, io.cwd);
  // Read (and redacted) before anything starts, so a missing secret costs nothing.
  const hashUserId = await userIdHashingFrom(flags, io);
  secrets.add(hashUserId?.secret);
  // Loaded only when used: the sandbox and the HTTP client (undici) are most of start-up, and an offline dry run needs neither.
  const sandbox = flags.sandbox
    ? await (await import('../sandbox/start-sandbox.js')).startSandbox({ rate: flags.rate ?? Infinity })
    : undefined;
  const input = await openInputSource(file, io).catch(async (error: unknown) => {
    await sandbox?.close();
    throw error;
  });
  // --json changes only stdout: stderr shows progress (and the question) as without it.
  const live = io.stderr.isTTY === true && !flags.quiet;
  const rate = ratePerMinute(flags, sandbox !== undefined);
  const progress = createProgressReporter({ stream: io.stderr, live, quiet: flags.quiet, now: Date.now, ratePerMinute: rate });
  // Ctrl-C ends the bar at once, before the bin prints its line: nothing is drawn over it afterwards.
  const stopBar = (): void => progress.stop();
  io.signal.addEventListener('abort', stopBar, { once: true });
  let folder: ClaimedFolder | undefined;
  try {
    const target = sandbox ? { baseUrl: sandbox.url, apiKey: sandbox.key } : await resolveTarget(flags, io, verify);
    folder = await claimReportFolder(reportChoice, { inputPath: input.path, owner: io, now: Date.now });
    const reportDir = folder.dir;
    const config = { ...buildConfig({ flags, target, reportDir, label: input.label, sandbox: sandbox !== undefined }), hashUserId, verify };
    secrets.add(...runSecrets(config));
    const client = target === null ? undefined : await import('../api/helpcrunch-client.js');
    const deps: RunDeps = {
      openInput: input.open,
      connect: (t) => {
        if (client === undefined) throw new Error('an offline run has no HTTP client to connect with');
        return client.createHelpCrunchClient({ baseUrl: t.baseUrl, apiKey: t.apiKey });
      },
      now: Date.now,
      sleep: (ms, signal) => delay(ms, undefined, { signal }),
      random: Math.random,
      onEvent: progress,
      confirm: createConfirmation({
        io,
        yes: flags.yes,
        stdinIsInput: file === '-',
        targetName: targetName(target?.baseUrl ?? '', sandbox !== undefined),
        beforeAsk: progress.pause,
      }),
      signal: io.signal,
      interruptedExitCode: () => interruptedExitCode(io),
      version: VERSION,
    };
    const { summary, exitCode, error, resumable } = await runImport(config, deps);
    progress.stop();
    if (flags.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout.write(renderSummary(summary, chalk) + sandboxNote(sandbox, summary.requests.total));
    // What stopped the run, and what to do about it, as for any known error (stdout has only the summary).
    if (error) io.stderr.write(printable(`hc-import: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`));
    if (error && flags.debug) io.stderr.write(debugTrace(error));
    // An in-process sandbox is gone with this process, so only a real target's run can be continued.
    if (resumable && !sandbox && reportDir !== null) {
      io.stderr.write(`To continue: ${resumeCommand(argv, reportDir, commandName(io.env))}\n${file === '-' ? PIPE_AGAIN : ''}`);
    }
    return exitCode;
  } finally {
    io.signal.removeEventListener('abort', stopBar);
    progress.stop();
    await folder?.release();
    await input.dispose();
    await sandbox?.close();
  }
}

async function resolveTarget(flags: ImportFlags, io: CliIo, verify: boolean): Promise<Target | null> {
  const apiKey = await readApiKey({ env: io.env, apiKeyFile: flags.apiKeyFile, cwd: io.cwd });
  const baseUrl = checkApiUrl(flags.apiUrl ?? io.env.HELPCRUNCH_API_URL ?? DEFAULT_API_URL);
  if (apiKey !== undefined) return { baseUrl, apiKey };
  if (flags.dryRun && !verify) return null;
  throw verify ? noKeyError(VERIFY_KEY_HINT) : noKeyError();
}

/** What verify needs instead of the import's rehearsals (a dry run sends nothing; a sandbox holds nothing). */
const VERIFY_KEY_HINT = 'Set HELPCRUNCH_API_KEY, or pass --api-key-file <path>, for the account the import wrote to.';

interface ConfigParts {
  flags: ImportFlags;
  target: Target | null;
  reportDir: string | null;
  label: string;
  sandbox: boolean;
}

function buildConfig({ flags, target, reportDir, label, sandbox }: ConfigParts): RunConfig {
  return {
    inputLabel: label,
    encoding: flags.encoding === undefined ? undefined : parseEncoding(flags.encoding),
    delimiter: flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter),
    map: parseMapOptions(flags.map),
    mapAsGiven: flags.map,
    ...(flags.preset === undefined ? {} : { preset: flags.preset }),
    ...(flags.presetMapping === undefined ? {} : { presetMapping: asPresetMapping(flags.presetMapping) }),
    onDuplicate: flags.onDuplicate,
    blanks: flags.blanks,
    timezone: flags.timezone,
    dateFormat: flags.dateFormat,
    openFields: openFieldsFrom(flags),
    failOn: flags.failOn,
    reportDir,
    dryRun: flags.dryRun,
    target,
    ratePerMinute: ratePerMinute(flags, sandbox),
    concurrency: flags.concurrency,
    maxWaitMs: flags.maxWait * 60_000,
    resume: flags.resume,
    overwrite: flags.overwrite,
    limit: flags.limit,
    sandbox,
    mode: flags.mode,
    adoptByEmail: flags.adoptByEmail,
  };
}

/** The sandbox runs unpaced unless a rate is asked for; the real API defaults to its documented 120/min. */
const ratePerMinute = (flags: ImportFlags, sandbox: boolean): number => flags.rate ?? (sandbox ? Infinity : DEFAULT_RATE_PER_MINUTE);

function sandboxNote(sandbox: Sandbox | undefined, requests: number): string {
  if (!sandbox) return '';
  const held = sandbox.customers().length.toLocaleString('en-US');
  const rate = DEFAULT_RATE_PER_MINUTE;
  return `  sandbox now holds ${held} customers; at ${rate} requests/min these ${requests.toLocaleString('en-US')} requests would take about ${formatDuration(requests / rate)}\n`;
}

/** What `--debug` adds to a known error: its stack and its cause's (e.g. the API's answer behind an auth stop). */
export function debugTrace(error: Error): string {
  const cause = error.cause === undefined ? '' : `cause: ${String((error.cause as Error | undefined)?.stack ?? error.cause)}\n`;
  return `${error.stack ?? ''}\n${cause}`;
}

/** The command that continues this run: the same arguments, plus --resume and the report directory. */
export function resumeCommand(argv: readonly string[], reportDir: string, command = 'hc-import'): string {
  const args = argv.filter((arg) => arg !== '--resume');
  const withoutDir = args.flatMap((arg, i) =>
    arg === '--report-dir' || args[i - 1] === '--report-dir' || arg.startsWith('--report-dir=') ? [] : [arg],
  );
  const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
  return `${command} ${[...withoutDir, '--resume', '--report-dir', reportDir].map(quote).join(' ')}`;
}

/** Colors on stdout: `--no-color` and NO_COLOR turn them off, FORCE_COLOR (not 0/false) on, else a TTY decides. */
export function colorLevel(flag: boolean, io: Pick<CliIo, 'env' | 'stdout'>): 0 | 1 {
  const force = io.env.FORCE_COLOR;
  if (!flag || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '')) return 0;
  if (force !== undefined) return force === '0' || force === 'false' ? 0 : 1;
  return io.stdout.isTTY === true ? 1 : 0;
}
