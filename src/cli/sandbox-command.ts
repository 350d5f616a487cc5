import { resolve } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { usageError, type HciError } from '../errors.js';
import { parseAttributeList, UNKNOWN_ATTRIBUTE_POLICIES, type SandboxAttributeType } from '../sandbox/custom-attributes.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { commandName } from './invocation.js';
import type { CliIo } from './io.js';
import { invalidOptions, type AllowedValues } from './option-errors.js';
import { MIN_API_KEY_LENGTH } from './resolve-target.js';

const probability = z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const whole = z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more');

const SandboxFlags = z.object({
  port: whole.max(65_535).default(4010),
  host: z.string().default('127.0.0.1'),
  // As an import's key: hc-import redacts the key wherever it occurs, so a short one would garble its output.
  key: z.string().min(MIN_API_KEY_LENGTH).default('sandbox-key'),
  rate: z.coerce.number().positive('must be above 0').default(120),
  window: whole.min(1).default(60_000),
  data: z.string().optional(),
  faultRate: probability.default(0),
  dropRate: probability.default(0),
  latency: whole.default(0),
  retryAfter: z.boolean().default(true),
  seed: whole.default(1),
  customAttributes: z.string().optional(),
  unknownAttributes: z.enum(UNKNOWN_ATTRIBUTE_POLICIES).default('accept'),
  json: z.boolean().default(false),
});

const ALLOWED: AllowedValues = {
  port: 'a whole number from 0 to 65535 (0 picks a free port)',
  key: `a key of at least ${MIN_API_KEY_LENGTH} characters`,
  rate: 'a number of requests above 0',
  window: 'a whole number of ms, 1 or more',
  faultRate: 'a share between 0 and 1',
  dropRate: 'a share between 0 and 1',
  latency: 'a whole number of ms, 0 or more',
  seed: 'a whole number, 0 or more',
  unknownAttributes: 'accept, reject or drop',
};

export function sandboxCommand(): Command {
  return new Command('sandbox')
    .name('hc-import sandbox')
    .description('Run a local server with the HelpCrunch customer API’s semantics, to rehearse imports.')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '4010')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--key <key>', 'the API key the sandbox accepts', 'sandbox-key')
    .option('--rate <n>', 'requests per sliding window before 429', '120')
    .option('--window <ms>', 'the rate-limit window in ms', '60000')
    .option('--data <file>', 'load customers from this JSON file and save them there')
    .option('--fault-rate <p>', 'answer this share of requests with a 503, before doing anything', '0')
    .option('--drop-rate <p>', 'apply this share of writes, then drop the connection unanswered', '0')
    .option('--latency <ms>', 'delay every answer', '0')
    .option('--no-retry-after', 'send 429s without a Retry-After header')
    .option('--seed <n>', 'seed for faults and drops, so runs reproduce', '1')
    .option('--json', 'print one JSON line {"url","key"} first, for scripts and CI; the rest goes to stderr')
    .option('--custom-attributes <list>', 'register custom attributes, e.g. plan:string,seats:number,trial:boolean,renews:date')
    .option('--unknown-attributes <what>', 'what writes naming other attributes get: accept, reject (400) or drop', 'accept');
}

function attributeList(list: string | undefined): Record<string, SandboxAttributeType> | undefined {
  if (list === undefined) return undefined;
  try {
    return parseAttributeList(list);
  } catch (error) {
    throw usageError(`Invalid sandbox option: --custom-attributes: ${(error as Error).message}.`, 'See hc-import sandbox --help.');
  }
}

/** `hc-import sandbox`: serves until SIGINT/SIGTERM, then saves `--data` and exits 0. */
export async function runSandbox(raw: Record<string, unknown>, io: CliIo): Promise<number> {
  const parsed = SandboxFlags.safeParse(raw);
  if (!parsed.success) {
    throw invalidOptions(parsed.error.issues, raw, ALLOWED, 'hc-import sandbox');
  }
  const flags = parsed.data;
  const sandbox = await startSandbox({
    port: flags.port,
    host: flags.host,
    key: flags.key,
    rate: flags.rate,
    windowMs: flags.window,
    dataFile: flags.data === undefined ? undefined : resolve(io.cwd, flags.data),
    faultRate: flags.faultRate,
    dropRate: flags.dropRate,
    latencyMs: flags.latency,
    retryAfter: flags.retryAfter,
    seed: flags.seed,
    customAttributes: attributeList(flags.customAttributes),
    unknownAttributes: flags.unknownAttributes,
  }).catch((error: unknown) => {
    throw listenError(error, flags) ?? error;
  });
  // A script reads the first stdout line: one JSON object with --json, else the sentence with the URL.
  if (flags.json) io.stdout.write(`${JSON.stringify({ url: sandbox.url, key: sandbox.key })}\n`);
  const banner = flags.json ? io.stderr : io.stdout;
  banner.write(`HelpCrunch sandbox listening on ${sandbox.url}\n`);
  const example = `HELPCRUNCH_API_KEY=${sandbox.key} HELPCRUNCH_API_URL=${sandbox.url} ${commandName(io.env)} contacts.csv`;
  banner.write(`API key: ${sandbox.key}  (e.g. ${example})\n`);
  // Saved only with --data: without it the customers live in memory and go with the process.
  io.stderr.write(
    flags.data === undefined
      ? `${sandbox.customers().length} customers, kept in memory only (--data FILE saves them); Ctrl-C stops.\n`
      : `${sandbox.customers().length} customers loaded from ${flags.data}; Ctrl-C stops and saves them there.\n`,
  );
  io.setInterruptNotice?.((signal) =>
    flags.data === undefined
      ? `${signal}: stopping the sandbox (Ctrl-C again to quit now)`
      : `${signal}: stopping the sandbox and saving its customers to ${flags.data} (Ctrl-C again to quit now, without that last save)`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.close();
  io.stderr.write(`sandbox stopped with ${sandbox.customers().length} customers${flags.data ? `, saved to ${flags.data}` : ''}\n`);
  return 0;
}

/** A port already taken (or one that needs root) is the user's setup, not a bug: exit 2 with what to do. */
function listenError(error: unknown, { port, host }: { port: number; host: string }): HciError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return usageError(`Port ${port} on ${host} is in use.`, 'Pick another --port, or --port 0 for a free one.');
  if (code === 'EACCES') return usageError(`Not allowed to listen on port ${port} on ${host}.`, 'Pick a port above 1023, or --port 0.');
  if (code === 'EADDRNOTAVAIL') return usageError(`${host} is not an address of this machine.`, 'Use --host 127.0.0.1.');
  return undefined;
}
