import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';

/**
 * The crash journal: one JSON object per line in the report directory, appended with a synchronous
 * write (and fdatasync) before the next request goes out, so `kill -9` at any moment leaves at most a
 * torn last line, which the reader ignores.
 *
 * The first line names the run: the input's sha256 and the options that change outcomes. Then, for
 * every write request, an `intent` line listing the rows it carries BEFORE it is sent, and an
 * `outcome` or `failed` line per row once HelpCrunch has answered. A row with an intent and no outcome
 * was in flight: on resume it is looked up before anything is re-sent.
 */

/** The options that change what a row becomes; resuming with different ones is refused. */
export interface OutcomeSettings {
  map: Record<string, string>;
  onDuplicate: string;
  blanks: string;
  encoding: string;
  delimiter: string;
}

export type WriteAction = 'create' | 'update';

export type JournalEntry =
  | { type: 'header'; version: 1; inputSha256: string; settings: OutcomeSettings; startedAt: string }
  | { type: 'intent'; action: WriteAction; lines: number[] }
  | { type: 'outcome'; line: number; userId: string; action: 'created' | 'updated' | 'unchanged'; id: number }
  | { type: 'failed'; line: number; userId: string; status: number | null; code: string; message: string }
  | { type: 'finished'; at: string };

export type JournalHeader = Extract<JournalEntry, { type: 'header' }>;
export type JournalOutcome = Extract<JournalEntry, { type: 'outcome' }>;
export type JournalFailure = Extract<JournalEntry, { type: 'failed' }>;

export interface JournalWriter {
  append(entry: JournalEntry): void;
  close(): void;
}

/** Opens the journal for appending; `durable` adds an fdatasync per entry (off only in the unpaced sandbox). */
export function openJournalWriter(path: string, durable = true): JournalWriter {
  const fd = openSync(path, 'a');
  let open = true;
  return {
    append(entry) {
      if (!open) return;
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      if (durable) fdatasyncSync(fd);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
