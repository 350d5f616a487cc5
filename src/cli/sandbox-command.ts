import { Command } from 'commander';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { parseAttributeList, UNKNOWN_ATTRIBUTE_POLICIES, type SandboxAttributeType } from '../sandbox/custom-attributes.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import type { CliIo } from './io.js';

const probability = z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const whole = z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more');

const SandboxFlags = z.object({
  port: whole.max(65_535).default(4010),
  host: z.string().default('127.0.0.1'),
  key: z.string().min(1).default('sandbox-key'),
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
});

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
    const issues = parsed.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`);
    throw usageError(`Invalid sandbox option: ${issues.join('; ')}.`, 'See hc-import sandbox --help.');
  }
  const flags = parsed.data;
  const sandbox = await startSandbox({
    port: flags.port,
    host: flags.host,
    key: flags.key,
    rate: flags.rate,
    windowMs: flags.window,
    dataFile: flags.data,
    faultRate: flags.faultRate,
    dropRate: flags.dropRate,
    latencyMs: flags.latency,
    retryAfter: flags.retryAfter,
    seed: flags.seed,
    customAttributes: attributeList(flags.customAttributes),
    unknownAttributes: flags.unknownAttributes,
  });
  io.stdout.write(`HelpCrunch sandbox listening on ${sandbox.url}\n`);
  io.stdout.write(
    `API key: ${sandbox.key}  (e.g. HELPCRUNCH_API_KEY=${sandbox.key} HELPCRUNCH_API_URL=${sandbox.url} hc-import contacts.csv)\n`,
  );
  io.stderr.write(`${sandbox.customers().length} customers loaded; Ctrl-C stops and saves.\n`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.close();
  io.stderr.write(`sandbox stopped with ${sandbox.customers().length} customers${flags.data ? `, saved to ${flags.data}` : ''}\n`);
  return 0;
}
