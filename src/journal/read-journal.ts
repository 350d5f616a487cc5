import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import type { FailedRow, SettledRow, WriteIntent } from '../upsert/ports.js';
import type { JournalEntry, JournalHeader } from './journal.js';

/** What a journal says about an earlier run, folded by row line. */
export interface JournalState {
  header: JournalHeader;
  outcomes: Map<number, SettledRow>;
  failures: Map<number, FailedRow>;
  /** Rows whose write was sent (or about to be) with no answer recorded: they must be looked up first. */
  inFlight: Map<number, WriteIntent>;
  finished: boolean;
}

/**
 * Reads a journal; undefined when there is none. A torn last line (a crash mid-write) is ignored. Streamed
 * and folded line by line: a million-row run's journal is hundreds of MB, and reading it whole (text,
 * lines and every parsed entry at once) made a resume need 1 GB before it wrote anything.
 */
export async function readJournal(path: string): Promise<JournalState | undefined> {
  let state: JournalState | undefined;
  let header = true;
  const found = await forEachEntry(path, (entry: JournalEntry) => {
    if (header) {
      header = false;
      if (entry.type === 'header') state = newState(entry);
      return;
    }
    if (state !== undefined) foldEntry(state, entry);
  });
  return found ? state : undefined;
}

/** Every entry of a journal in order (a torn last line ignored); undefined when there is none. */
export async function readJournalEntries<E = JournalEntry>(path: string): Promise<E[] | undefined> {
  const entries: E[] = [];
  return (await forEachEntry<E>(path, (entry) => entries.push(entry))) ? entries : undefined;
}

/**
 * Calls `each` with every entry of the journal at `path`, in order; false when there is no such file. Only
 * the last line can be torn by a crash: a line that does not parse is an error once another line follows it.
 */
async function forEachEntry<E>(path: string, each: (entry: E) => void): Promise<boolean> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((resolve, reject) => {
    input.once('ready', () => resolve(true));
    input.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(false) : reject(error)));
  });
  if (!opened) return false;
  let torn: { line: number; cause: unknown } | undefined;
  let number = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    number += 1;
    if (line === '') continue;
    if (torn !== undefined) throw damaged(path, torn.line, torn.cause);
    let entry: E;
    try {
      entry = JSON.parse(line) as E;
    } catch (cause) {
      torn = { line: number, cause };
      continue;
    }
    each(entry);
  }
  return true;
}

const damaged = (path: string, line: number, cause: unknown): HciError =>
  new HciError({
    code: ErrorCode.resumeMismatch,
    kind: ErrorKind.usage,
    message: `The journal ${path} is damaged at line ${line}; it cannot be resumed safely.`,
    hint: 'Start a new run in another --report-dir; rows already imported will come out as unchanged.',
    cause,
  });

const newState = (header: JournalHeader): JournalState => ({
  header,
  outcomes: new Map(),
  failures: new Map(),
  inFlight: new Map(),
  finished: false,
});

function foldEntry(state: JournalState, entry: JournalEntry): void {
  switch (entry.type) {
    case 'intent':
      // A create once in flight may have created the customer, whatever follow-up was sent after it.
      for (const line of entry.lines) {
        if (!state.outcomes.has(line) && state.inFlight.get(line) !== 'create') state.inFlight.set(line, entry.action);
      }
      break;
    case 'outcome':
      state.outcomes.set(entry.line, entry);
      state.inFlight.delete(entry.line);
      break;
    case 'failed':
      state.failures.set(entry.line, entry);
      state.inFlight.delete(entry.line);
      break;
    case 'finished':
      state.finished = true;
      break;
    case 'image':
    case 'header':
      break;
  }
}
