import { readOptionalFile } from '../read-optional-file.js';
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

/** Reads a journal; undefined when there is none. A torn last line (a crash mid-write) is ignored. */
export async function readJournal(path: string): Promise<JournalState | undefined> {
  const text = await readOptionalFile(path);
  if (text === undefined) return undefined;
  const entries = parseEntries(path, text);
  const first = entries[0];
  if (first?.type !== 'header') return undefined;
  return fold(first, entries.slice(1));
}

/** Every entry of a journal in order (a torn last line ignored); undefined when there is none. */
export async function readJournalEntries<E = JournalEntry>(path: string): Promise<E[] | undefined> {
  const text = await readOptionalFile(path);
  return text === undefined ? undefined : parseEntries<E>(path, text);
}

function parseEntries<E = JournalEntry>(path: string, text: string): E[] {
  const lines = text.split('\n');
  const entries: E[] = [];
  lines.forEach((line, index) => {
    if (line === '') return;
    try {
      entries.push(JSON.parse(line) as E);
    } catch (cause) {
      // Only the last line can be torn by a crash; anything else means the file was edited or damaged.
      if (index >= lines.length - 2) return;
      throw new HciError({
        code: ErrorCode.resumeMismatch,
        kind: ErrorKind.usage,
        message: `The journal ${path} is damaged at line ${index + 1}; it cannot be resumed safely.`,
        hint: 'Start a new run in another --report-dir; rows already imported will come out as unchanged.',
        cause,
      });
    }
  });
  return entries;
}

function fold(header: JournalHeader, entries: JournalEntry[]): JournalState {
  const state: JournalState = { header, outcomes: new Map(), failures: new Map(), inFlight: new Map(), finished: false };
  for (const entry of entries) {
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
  return state;
}
