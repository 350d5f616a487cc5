import { once } from 'node:events';
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diskWriteError, PRIVATE_FILE, PRIVATE_FOLDER } from '../disk-writes.js';
import type { HciError } from '../errors.js';
import { noRedaction, type Redact } from '../secrets/redact-secrets.js';
import { toCsvLine } from './csv-line.js';

/** The file names inside a report directory; README.md documents each. */
export const ReportFile = {
  summary: 'summary.json',
  rejects: 'rejects.csv',
  duplicates: 'duplicates.csv',
  results: 'results.csv',
  failures: 'failures.csv',
  userIdWarnings: 'user-id-warnings.csv',
  sharedEmails: 'shared-emails.csv',
  changes: 'changes.csv',
  journal: 'journal.jsonl',
} as const;

/** A report CSV that is written as the run goes, so a crash leaves every row up to that point. */
export interface CsvReportFile {
  write(cells: readonly string[]): void;
  /**
   * Resolves once the file has taken what was written so far (at once when little is waiting). A report
   * written in one synchronous loop awaits it now and then: its every line would otherwise wait in memory.
   */
  drained(): Promise<void>;
  close(): Promise<void>;
}

// UTF-8 with a BOM: without it Excel shows accented names as mojibake; hc-import's reader strips it.
const BOM = '\uFEFF';

/**
 * The name a report file is written under until it is complete. Created exclusively ('wx': never through
 * a symlink, never over a file) and renamed into place, so a run never truncates a file it has not written
 * (a fixed rejects.csv being imported, say); the folder is cleared of leftovers first (report-folder.ts).
 */
export const partialName = (name: string): string => `${name}.partial`;

/**
 * Creates `dir/name` (under its partial name until closed) and writes its header line at once, so even an
 * empty report has one. Every cell goes through `redact` before it is quoted (quoting doubles a secret's `"`,
 * past recognition).
 */
export function openCsvReport(dir: string, name: string, header: readonly string[], redact: Redact = noRedaction): CsvReportFile {
  const temp = join(dir, partialName(name));
  const stream: WriteStream = createWriteStream(temp, { fd: openSync(temp, 'wx', PRIVATE_FILE), encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  // Without secrets (an offline dry run) the cells are written as they come: no copy, no regex.
  const clean = redact === noRedaction ? (cells: readonly string[]) => cells : (cells: readonly string[]) => cells.map(redact);
  stream.write(BOM + toCsvLine(clean(header)));
  return {
    write(cells) {
      stream.write(toCsvLine(clean(cells)));
    },
    drained: () =>
      stream.writableNeedDrain && failure === undefined
        ? once(stream, 'drain').then(
            () => undefined,
            (error: unknown) => Promise.reject(reportWriteError(temp, name, error)),
          )
        : Promise.resolve(),
    close() {
      return new Promise<void>((resolve, reject) => {
        stream.end(() => (failure ? reject(failure) : resolve()));
      })
        .then(() => rename(temp, join(dir, name)))
        .catch((error: unknown) => Promise.reject(reportWriteError(temp, name, error)));
    },
  };
}

/** Writes JSON through a temp file and a rename, so a reader never sees half a summary. */
export async function writeJsonAtomically(dir: string, name: string, value: unknown): Promise<void> {
  const target = join(dir, name);
  const temp = join(dir, partialName(name));
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', flag: 'wx', mode: PRIVATE_FILE });
    await rename(temp, target);
  } catch (error) {
    throw reportWriteError(temp, name, error);
  }
}

/** A report the disk would not take (full, over a quota or a file size limit, gone read-only): see diskWriteError. */
function reportWriteError(temp: string, name: string, error: unknown): HciError {
  const hint = `Free some space on that disk (or choose another --report-dir); what was written so far is in ${temp}.`;
  return diskWriteError(join(temp, '..', name), error, hint);
}

export async function ensureReportDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER });
}
