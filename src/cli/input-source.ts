import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE } from '../disk-writes.js';
import { ErrorCode, inputError } from '../errors.js';
import type { CliIo } from './io.js';

/** The input as the core needs it: re-openable, since it is read more than once. */
export interface InputSource {
  label: string;
  /** The file's absolute path; null for standard input. */
  path: string | null;
  open: () => Readable;
  /** Removes the spooled copy of stdin, if any. */
  dispose: () => Promise<void>;
}

/**
 * A file is opened by path for each pass. Standard input can be read only once, so it is first spooled
 * to a private temp file (removed afterwards); the import then reads that like any file.
 */
export async function openInputSource(file: string, io: Pick<CliIo, 'cwd' | 'env' | 'stdin'>): Promise<InputSource> {
  const { cwd, stdin } = io;
  if (file === '-') {
    // TMPDIR from the environment main was given (os.tmpdir() would read this process's).
    const dir = await spoolDir(io.env.TMPDIR || tmpdir());
    stdinCopies.add(dir);
    const dispose = async (): Promise<void> => {
      await rm(dir, { recursive: true, force: true });
      stdinCopies.delete(dir);
    };
    const path = join(dir, 'stdin.csv');
    await pipeline(stdin, createWriteStream(path, { mode: PRIVATE_FILE })).catch(async (error: unknown) => {
      await dispose();
      throw error;
    });
    return { label: 'stdin', path: null, open: () => createReadStream(path), dispose };
  }
  const path = resolve(cwd, file);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw inputError(
      missing ? ErrorCode.inputNotFound : ErrorCode.inputUnreadable,
      missing ? `Input file not found: ${file}` : `Cannot read the input file ${file}: ${(cause as Error).message}`,
      missing ? 'Check the path; use - to read standard input.' : undefined,
    );
  }
  if (!info.isFile()) throw inputError(ErrorCode.inputUnreadable, `${file} is not a file.`);
  return { label: file, path, open: () => createReadStream(path), dispose: async () => {} };
}

/** The copies of stdin not yet removed: a copy of the customers' CSV, which must not outlive the process. */
const stdinCopies = new Set<string>();

/**
 * Removes every copy of stdin still there, synchronously: the bin calls it on `exit`, which also comes after
 * `process.exit` (a second Ctrl-C or SIGTERM, the deadline after the first), where no `finally` runs.
 */
export function removeStdinCopiesSync(): void {
  for (const dir of stdinCopies) rmSync(dir, { recursive: true, force: true });
  stdinCopies.clear();
}

async function spoolDir(parent: string): Promise<string> {
  try {
    return await mkdtemp(join(parent, 'hc-import-stdin-'));
  } catch (cause) {
    const why = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw inputError(
      ErrorCode.inputUnreadable,
      `Cannot keep a copy of standard input under ${parent} (${why}).`,
      'Set TMPDIR to a writable directory.',
      cause,
    );
  }
}
