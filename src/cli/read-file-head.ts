/**
 * What `hc-import map` reads of a file: its first bytes only (a preview must not cost a pass over a
 * million-row export), decoded and split as an import would, with the first few non-empty values of
 * each column as samples.
 */
import { Readable } from 'node:stream';
import { assertText, inspectInput, type InputEncoding } from '../input/inspect-input.js';
import { parseEncoding } from '../input/parse-user-options.js';
import { readCsv } from '../input/read-csv.js';

/** Bytes read at most: the encoding is judged on them, and the samples come from the rows they hold. */
export const HEAD_BYTES = 256 * 1024;
/** Samples shown per column, and rows read at most to find them. */
export const SAMPLES_PER_COLUMN = 3;
const MAX_ROWS = 500;

/** The head of a CSV file: its layout, headers, and sample values per column (in column order). */
export interface FileHead {
  encoding: InputEncoding;
  /** Set when the encoding is a guess, as for an import. */
  encodingWarning?: string;
  delimiter: string;
  headers: string[];
  samples: string[][];
}

/** The first `limit` bytes of what `open` streams, as a fresh stream each call. */
export function headOf(open: () => Readable, limit: number): () => Readable {
  return () =>
    Readable.from(
      (async function* () {
        let left = limit;
        // Leaving the loop early closes the file.
        for await (const chunk of open() as AsyncIterable<Buffer | string>) {
          const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          yield buffer.subarray(0, left);
          left -= buffer.length;
          if (left <= 0) break;
        }
      })(),
    );
}

/** Options that change how the bytes are read, as the import takes them. */
export interface HeadOptions {
  label: string;
  encoding?: string;
  delimiter?: string;
}

/** Reads the head of the file: inspection, header, and samples from at most {@link MAX_ROWS} records. */
export async function readFileHead(open: () => Readable, options: HeadOptions): Promise<FileHead> {
  const head = headOf(open, HEAD_BYTES);
  const inspection = await inspectInput(head);
  const encoding = options.encoding === undefined ? inspection.encoding : parseEncoding(options.encoding);
  assertText(inspection, encoding, options.label);
  const reader = await readCsv(head, { encoding, delimiter: options.delimiter });
  const samples: string[][] = reader.headers.map(() => []);
  const take = (cells: readonly string[]): void =>
    cells.forEach((cell, index) => {
      const value = cell.trim();
      const column = samples[index];
      if (value !== '' && column !== undefined && column.length < SAMPLES_PER_COLUMN) column.push(value);
    });
  // A record is sampled once the next one (even a malformed one) starts: the last one read may be cut by the byte limit.
  let pending: readonly string[] | undefined;
  let rows = 0;
  for await (const record of reader.records) {
    if (pending) take(pending);
    pending = record.kind === 'record' ? record.cells : undefined;
    rows += 1;
    if (rows > MAX_ROWS || samples.every((column) => column.length >= SAMPLES_PER_COLUMN)) break;
  }
  if (pending && inspection.bytes < HEAD_BYTES) take(pending);
  const warning = options.encoding === undefined ? inspection.warning : undefined;
  return { encoding, ...(warning ? { encodingWarning: warning } : {}), delimiter: reader.delimiter, headers: reader.headers, samples };
}
