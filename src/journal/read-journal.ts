import { createReadStream, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import type { FailedRow, SettledRow, WriteIntent } from '../upsert/ports.js';
import { LineSet } from '../line-set.js';
import type { JournalEntry, JournalHeader } from './journal.js';

/**
 * What a journal says about an earlier run, folded by row line. The settled rows are a bitmap and a count,
 * not objects: a resume of a million rows would hold a million outcomes (~150 MB); the recorder streams
 * them again from `path` (`settledOutcomes`) when it writes them into the new reports.
 */
export interface JournalState {
  header: JournalHeader;
  /** The journal file this was read from. */
  path: string;
  /** Lines with a recorded outcome (failures are apart). */
  settled: LineSet;
  settledCount: number;
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
      if (entry.type === 'header') state = newState(entry, path);
      return;
    }
    if (state !== undefined) foldEntry(state, entry);
  });
  return found ? state : undefined;
}

/** Where an entry's line is in its journal file, in bytes: to read that entry again (`readEntryAt`). */
export interface EntrySpan {
  offset: number;
  length: number;
}

/**
 * Calls `each` with every entry of the journal at `path`, in order, without holding them; false when there
 * is no such file. Only the last line can be torn by a crash: a line that does not parse is an error once
 * another line follows it.
 */
export async function forEachEntry<E = JournalEntry>(path: string, each: (entry: E) => void): Promise<boolean> {
  const input = await openJournal(path);
  if (input === undefined) return false;
  for await (const entry of entriesOf<E>(input, path)) each(entry);
  return true;
}

/** {@link forEachEntry}, telling `each` where the entry's line is too (which costs measuring every line). */
export async function forEachEntryAt<E = JournalEntry>(path: string, each: (entry: E, span: EntrySpan) => void): Promise<boolean> {
  const input = await openJournal(path);
  if (input === undefined) return false;
  const span: EntrySpan = { offset: 0, length: 0 };
  for await (const entry of entriesOf<E>(input, path, span)) each(entry, { ...span });
  return true;
}

/** The journal at `path` as a text stream, or undefined when there is none. */
async function openJournal(path: string): Promise<Readable | undefined> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((resolve, reject) => {
    input.once('ready', () => resolve(true));
    input.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(false) : reject(error)));
  });
  return opened ? input : undefined;
}

/**
 * The entry whose line is at `span` of the journal open as `fd`, read with one positioned read into
 * `scratch` when it is large enough (a buffer a read, a million times over, is memory the collector frees
 * late). Lines are the writer's own (JSON, one per line, LF): `span` came from `forEachEntryAt` over the same
 * file, which only grows by appends.
 */
export function readEntryAt<E = JournalEntry>(fd: number, span: EntrySpan, scratch?: Buffer): E {
  const bytes = scratch !== undefined && scratch.length >= span.length ? scratch : Buffer.alloc(span.length);
  const read = readSync(fd, bytes, 0, span.length, span.offset);
  return JSON.parse(bytes.toString('utf8', 0, read)) as E;
}

/** `span`, when given, is kept at the line of the entry last yielded (journal lines end with one LF). */
async function* entriesOf<E>(input: Readable, path: string, span?: EntrySpan): AsyncGenerator<E> {
  let torn: { line: number; cause: unknown } | undefined;
  let number = 0;
  let offset = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    number += 1;
    const length = span === undefined ? 0 : Buffer.byteLength(line);
    const at = offset;
    offset += length + 1;
    if (line === '') continue;
    if (torn !== undefined) throw damaged(path, torn.line, torn.cause);
    let entry: E;
    try {
      entry = JSON.parse(line) as E;
    } catch (cause) {
      torn = { line: number, cause };
      continue;
    }
    if (span !== undefined) Object.assign(span, { offset: at, length });
    yield entry;
  }
}

/** The outcomes `state`'s journal recorded (not its failures), in order, read again from its file. */
export async function* settledOutcomes(state: JournalState): AsyncGenerator<SettledRow> {
  for await (const entry of entriesOf<JournalEntry>(createReadStream(state.path, { encoding: 'utf8' }), state.path)) {
    if (entry.type === 'outcome') yield entry;
  }
}

const damaged = (path: string, line: number, cause: unknown): HciError =>
  new HciError({
    code: ErrorCode.resumeMismatch,
    kind: ErrorKind.usage,
    message: `The journal ${path} is damaged at line ${line}; it cannot be resumed safely.`,
    hint: 'Start a new run in another --report-dir; rows already imported will come out as unchanged.',
    cause,
  });

const newState = (header: JournalHeader, path: string): JournalState => ({
  header,
  path,
  settled: new LineSet(),
  settledCount: 0,
  failures: new Map(),
  inFlight: new Map(),
  finished: false,
});

function foldEntry(state: JournalState, entry: JournalEntry): void {
  switch (entry.type) {
    case 'intent':
      // A create once in flight may have created the customer, whatever follow-up was sent after it.
      for (const line of entry.lines) {
        if (!state.settled.has(line) && state.inFlight.get(line) !== 'create') state.inFlight.set(line, entry.action);
      }
      break;
    case 'outcome':
      if (state.settled.add(entry.line)) state.settledCount += 1;
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
