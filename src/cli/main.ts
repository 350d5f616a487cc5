import { CommanderError, type Command } from 'commander';
import { ErrorCode, HciError } from '../errors.js';
import { ErrorKind, exitCodeFor, RunEnd } from '../exit-codes.js';
import { VERSION } from '../version.js';
import { importCommand, validateFlags } from './import-options.js';
import { debugTrace, runImportCommand } from './import-command.js';
import { createSecretSet } from '../secrets/secret-set.js';
import { redactIo, type CliIo } from './io.js';
import { optionsWithConfig } from './config-file.js';
import { printable } from './printable.js';
import { redactableKey } from './resolve-target.js';

export { removeStdinCopiesSync } from './input-source.js';

/**
 * The CLI: parses `argv` (without node and the script), runs the command, and returns the exit code.
 * Known errors print one line and a hint; anything else is a bug and prints its stack.
 * Everything it prints is redacted of the run's secrets: the environment's key from the start, a key
 * file's once it is read. A key too short to redact cleanly is not learnt here: it is refused (exit 2) where
 * it is read, and that message must not be garbled by redacting the key itself.
 */
export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const secrets = createSecretSet([redactableKey(rawIo.env.HELPCRUNCH_API_KEY?.trim())]);
  const io = redactIo(rawIo, secrets.redact);
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  try {
    // `hc-import help [sandbox]` is what people type first; it is --help, not a file named "help".
    if (argv[0] === 'help') return await main([...argv.slice(1), '--help'], io);
    // Each subcommand is loaded when asked for: start-up pays only for the import itself (see ARCHITECTURE.md).
    if (argv[0] === 'sandbox') {
      const { runSandbox, sandboxCommand } = await import('./sandbox-command.js');
      const command = quiet(sandboxCommand(), io);
      command.parse(argv.slice(1), { from: 'user' });
      // The sandbox prints its own made-up key on purpose; it must show even if the environment holds the same.
      return await runSandbox(command.opts(), rawIo);
    }
    if (argv[0] === 'presets') {
      const { describePresets } = await import('../presets/presets-command.js');
      io.stdout.write(describePresets(argv[1]));
      return exitCodeFor(RunEnd.ok);
    }
    if (argv[0] === 'hash-id') {
      const { hashIdCommand, runHashId } = await import('./hash-id-command.js');
      const { refuseSecretOnArgv } = await import('./hash-options.js');
      const command = quiet(hashIdCommand(), io);
      command.parse(argv.slice(1), { from: 'user' });
      // The mapping file as the import reads it: its scheme and prefix change the hash an import writes.
      refuseSecretOnArgv(command.opts());
      return await runHashId(command.args, await optionsWithConfig(command, io), io, secrets);
    }
    if (argv[0] === 'undo') {
      const { runUndoCommand, undoCommand } = await import('./undo-command.js');
      const command = quiet(undoCommand(), io);
      command.parse(argv.slice(1), { from: 'user' });
      return await runUndoCommand(command.args[0] ?? '', command.opts(), io, secrets);
    }
    if (argv[0] === 'verify') {
      const { runVerify, verifyCommand } = await import('./verify-command.js');
      const command = quiet(verifyCommand(), io);
      command.parse(argv.slice(1), { from: 'user' });
      return await runVerify(command, argv, io, secrets);
    }
    if (argv[0] === 'map') {
      const { mapCommand, runMap } = await import('./map-command.js');
      const command = quiet(mapCommand(), io);
      command.parse(argv.slice(1), { from: 'user' });
      return await runMap(command.args[0] ?? '', await optionsWithConfig(command, io), io);
    }
    const command = quiet(importCommand().version(VERSION, '-V, --version'), io);
    command.parse(argv, { from: 'user' });
    const file = command.args[0] ?? '';
    const flags = validateFlags(await optionsWithConfig(command, io));
    return await runImportCommand({ file, flags, argv, io, secrets });
  } catch (error) {
    return report(error, {
      io,
      debug,
      json,
      helpCommand: ['sandbox', 'undo', 'verify', 'map'].includes(argv[0] ?? '') ? `hc-import ${argv[0]}` : 'hc-import',
    });
  }
}

/** commander writes help and its own errors to our streams and throws instead of exiting. */
function quiet(command: Command, io: CliIo): Command {
  return command.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
}

interface ReportOptions {
  io: CliIo;
  debug: boolean;
  json: boolean;
  /** `hc-import` or `hc-import sandbox`: where a usage error points to. */
  helpCommand: string;
}

function report(error: unknown, { io, debug, json, helpCommand }: ReportOptions): number {
  // --json promises one document on stdout, for errors too.
  const printJson = (body: Record<string, unknown>, exitCode: number): void => {
    if (json) io.stdout.write(`${JSON.stringify({ error: body, exitCode })}\n`);
  };
  if (error instanceof CommanderError) {
    // Help and --version exit 0; commander has already printed its own usage message otherwise.
    if (error.exitCode === 0) return exitCodeFor(RunEnd.ok);
    const usage = exitCodeFor(ErrorKind.usage);
    if (!json) io.stderr.write(`see ${helpCommand} --help\n`);
    printJson({ code: ErrorCode.usage, message: error.message.replace(/^error: /, ''), hint: `see ${helpCommand} --help` }, usage);
    return usage;
  }
  if (error instanceof HciError) {
    const exitCode = exitCodeFor(error.kind);
    // A message may quote the file (a header) or HelpCrunch: no control character reaches the terminal.
    io.stderr.write(`hc-import: ${printable(error.message)}\n`);
    if (error.hint) io.stderr.write(`hint: ${printable(error.hint)}\n`);
    if (error.code === ErrorCode.usage && !error.hint?.includes('--help')) io.stderr.write(`see ${helpCommand} --help\n`);
    if (debug) io.stderr.write(debugTrace(error));
    printJson({ code: error.code, message: error.message, hint: error.hint ?? null }, exitCode);
    return exitCode;
  }
  io.stderr.write(`hc-import: internal error — this is a bug, please report it with the trace below.\n`);
  io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  const internal = exitCodeFor(ErrorKind.internal);
  printJson({ code: 'HCI_INTERNAL', message: String(error) }, internal);
  return internal;
}
