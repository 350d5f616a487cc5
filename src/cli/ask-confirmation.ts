import type { ConfirmContext } from '../core/run-config.js';
import type { PlanSummary } from '../report/summary.js';
import { askYesNo } from './confirm.js';
import type { CliIo, TerminalInput } from './io.js';
import { formatDuration } from './render-summary.js';

/** What decides whether to ask, and what the question names. */
export interface ConfirmationOptions {
  io: CliIo;
  /** `--yes`: never ask. */
  yes: boolean;
  /** The input is standard input (`-`), so answers can only come from the controlling terminal. */
  stdinIsInput: boolean;
  /** Where the writes go: the API host, or "the in-process sandbox". */
  targetName: string;
  /** Called right before the question, so no progress bar redraws over it. */
  beforeAsk: () => void;
}

const n = (value: number): string => value.toLocaleString('en-US');

/**
 * The core's `confirm` port for the CLI. It asks whenever a person can answer: stderr is a terminal and a
 * terminal can be read (stdin, or the controlling terminal when stdin carries the CSV). `--yes` skips it;
 * without a terminal (CI) it never asks. `--json` changes only stdout, so it asks too.
 */
export function createConfirmation(options: ConfirmationOptions): (plan: PlanSummary, context: ConfirmContext) => Promise<boolean> {
  return (plan, context) => askWhenSomeoneCanAnswer(options, confirmQuestion(options.targetName, plan, context));
}

/** Asks `question` under the rules above (`undo` asks its own question); true when nobody can answer. */
export async function askWhenSomeoneCanAnswer(options: Omit<ConfirmationOptions, 'targetName'>, question: string): Promise<boolean> {
  const { io } = options;
  if (options.yes || io.stderr.isTTY !== true) return true;
  const terminal = openAnswerTerminal(io, options.stdinIsInput);
  if (terminal === undefined) return true;
  options.beforeAsk();
  try {
    return await askYesNo(question, terminal.input, io.stderr, io.signal);
  } finally {
    terminal.close();
  }
}

/** Where an answer can be read: stdin when it is a terminal, else the controlling terminal if there is one. */
function openAnswerTerminal(io: CliIo, stdinIsInput: boolean): TerminalInput | undefined {
  if (io.stdin.isTTY === true && !stdinIsInput) return { input: io.stdin, close: () => undefined };
  return io.openTerminal?.();
}

/** E.g. `Write to api.helpcrunch.com (8,012 customers there now): 1,204 to create, … about 10 min at 120/min. Go ahead?` */
export function confirmQuestion(targetName: string, plan: PlanSummary, { accountSize }: ConfirmContext): string {
  const time = `about ${formatDuration(plan.writeRequests / plan.ratePerMinute)} at ${n(plan.ratePerMinute)}/min`;
  return (
    `Write to ${targetName} (${n(accountSize)} customer${accountSize === 1 ? '' : 's'} there now): ` +
    `${n(plan.create)} to create, ${n(plan.update)} to update, ${n(plan.unchanged)} unchanged — ` +
    `${n(plan.writeRequests)} write request${plan.writeRequests === 1 ? '' : 's'}, ${time}. Go ahead?`
  );
}

/** How the question names the target: the host of the API URL, or the sandbox. */
export function targetName(baseUrl: string, sandbox: boolean): string {
  if (sandbox) return 'the in-process sandbox';
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
