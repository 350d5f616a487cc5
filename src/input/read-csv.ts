import type { Readable } from 'node:stream';
import { ErrorCode, inputError } from '../errors.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { decodeText, type DecodeState } from './decode-text.js';
import type { InputEncoding } from './inspect-input.js';
import { parseDelimiter } from './parse-user-options.js';
import { describeProblem, RecordShaper, type CsvRecord, type HeaderRow, type MalformedRecord } from './shape-records.js';
import { readSepLine, sniffDelimiter } from './sniff-delimiter.js';
import { hasEscapedBytes, showEscapedBytes } from './utf8-bytes.js';

export type { CsvRecord, MalformedRecord } from './shape-records.js';

export interface ReadCsvOptions {
  encoding: InputEncoding;
  /** Overrides both the sniffed delimiter and a `sep=` line; any spelling `parseDelimiter` accepts. */
  delimiter?: string;
  /** Longest record kept, in characters (default 1,000,000): bounds memory when a quote is never closed. */
  maxRecordLength?: number;
}

/** A parsed file: its layout and header now, its records as they are read. */
export interface CsvReader {
  delimiter: string;
  delimiterSource: 'sniffed' | 'sep-line' | 'option';
  /** As in the file, trimmed, without a BOM. */
  headers: string[];
  /** Physical line of the header (2 after a `sep=` line). */
  headerLine: number;
  /**
   * Data records in file order, read as they are iterated; iterate once, to the end or until `break`
   * (either closes the file). Bad rows come as `malformed`, never as an exception.
   */
  records: AsyncIterable<CsvRecord | MalformedRecord>;
  /** After iteration: blank lines and all-empty records (only delimiters) that were skipped. */
  stats(): { blankLines: number; emptyRecords: number };
}

/** Text read before deciding the layout: the header line and any `sep=` line fit many times over. */
const PREFIX_LENGTH = 64 * 1024;

/**
 * Opens the file, decides its layout (a `sep=` line, the delimiter, the line break) from its first
 * 64 KiB, and reads up to the header. Records then stream chunk by chunk, so memory stays flat.
 * Throws `HCI_INPUT_EMPTY` when there is no header, and an input error when the header's quoting is broken.
 */
export async function readCsv(open: () => Readable, options: ReadCsvOptions): Promise<CsvReader> {
  const forced = options.delimiter === undefined ? undefined : parseDelimiter(options.delimiter);
  const decoded: DecodeState = { escapedBytes: false };
  const chunks = decodeText(open(), options.encoding, decoded);
  try {
    const { prefix, ended } = await readPrefix(chunks, options.encoding);
    const sep = readSepLine(prefix);
    const body = sep === undefined ? prefix : prefix.slice(sep.length);
    const delimiter = forced ?? sep?.delimiter ?? sniffDelimiter(body);
    const tokenizer = new CsvTokenizer({
      delimiter,
      firstLine: sep === undefined ? 1 : 2,
      maxRecordLength: options.maxRecordLength ?? 1_000_000,
    });
    const shaper = new RecordShaper(decoded);
    const feeder = new Feeder(chunks, tokenizer, shaper);
    tokenizer.write(body, shaper.sink);
    if (ended) feeder.finish();
    while (shaper.header === undefined && !feeder.done) await feeder.feed();
    const header = checkHeader(shaper, sep !== undefined);
    return {
      delimiter,
      delimiterSource: forced !== undefined ? 'option' : sep !== undefined ? 'sep-line' : 'sniffed',
      headers: header.cells.map((cell) => cell.trim()),
      headerLine: header.line,
      records: streamRecords(shaper, feeder),
      stats: () => ({ blankLines: shaper.blankLines, emptyRecords: shaper.emptyRecords }),
    };
  } catch (error) {
    await chunks.return(undefined);
    throw error;
  }
}

async function readPrefix(chunks: AsyncGenerator<string>, encoding: InputEncoding): Promise<{ prefix: string; ended: boolean }> {
  let prefix = '';
  let ended = false;
  while (prefix.length < PREFIX_LENGTH && !ended) {
    const next = await chunks.next();
    if (next.done === true) ended = true;
    else prefix += next.value;
  }
  // The decoder drops one BOM. Some tools write two, and a UTF-8 BOM read as Windows-1252 (a forced
  // --encoding) shows as "ï»¿"; either would otherwise end up in the first header.
  return { prefix: prefix.replace(encoding === 'windows-1252' ? /^(?:\uFEFF|ï»¿)+/ : /^\uFEFF+/, ''), ended };
}

/** Feeds decoded chunks to the tokenizer one at a time, and flushes it after the last. */
class Feeder {
  done = false;

  constructor(
    private readonly chunks: AsyncGenerator<string>,
    private readonly tokenizer: CsvTokenizer,
    private readonly shaper: RecordShaper,
  ) {}

  async feed(): Promise<void> {
    const next = await this.chunks.next();
    if (next.done === true) this.finish();
    else this.tokenizer.write(next.value, this.shaper.sink);
  }

  finish(): void {
    this.tokenizer.end(this.shaper.sink);
    this.done = true;
  }

  /** Closes the file when the consumer stops early. */
  async close(): Promise<void> {
    if (!this.done) await this.chunks.return(undefined);
  }
}

async function* streamRecords(shaper: RecordShaper, feeder: Feeder): AsyncGenerator<CsvRecord | MalformedRecord> {
  try {
    for (;;) {
      const batch = shaper.take();
      for (let i = 0; i < batch.length; i++) yield batch[i] as CsvRecord | MalformedRecord;
      if (feeder.done) return;
      await feeder.feed();
    }
  } finally {
    await feeder.close();
  }
}

function checkHeader(shaper: RecordShaper, hasSepLine: boolean): HeaderRow {
  const header = shaper.header;
  if (header === undefined) {
    const message =
      hasSepLine || shaper.emptyRecords > 0 ? 'the input file has no header line, only empty rows' : 'the input file is empty';
    throw inputError(ErrorCode.inputEmpty, message, 'Export the contacts again, with a first line naming the columns.');
  }
  if (header.problem !== undefined) {
    const message = `the header on line ${header.line} cannot be read: ${describeProblem(header.problem)}`;
    throw inputError(ErrorCode.inputUnreadable, message, 'Fix the quoting of the header line and run again.');
  }
  checkHeaderText(header);
  return header;
}

/**
 * A header must read as text: it names what every cell is. NULs in it are UTF-16 read as something
 * else; bytes that are not UTF-8 would be a guessed column name, so the run stops rather than guess.
 */
function checkHeaderText(header: HeaderRow): void {
  if (header.cells.some((cell) => cell.includes('\0'))) {
    const order = header.cells[0]?.charCodeAt(0) === 0 ? 'be' : 'le';
    const message = `this looks like UTF-16 without a byte order mark: use --encoding utf-16${order}`;
    throw inputError(ErrorCode.inputUnreadable, message, 'Or save the file as UTF-8 and run again.');
  }
  const bad = header.cells.find(hasEscapedBytes);
  if (bad !== undefined) {
    const message = `the header on line ${header.line} holds bytes that are not UTF-8: "${showEscapedBytes(bad.trim())}"`;
    const hint = 'Save the file as UTF-8, or pass --encoding windows-1252 if all of it is Windows-1252.';
    throw inputError(ErrorCode.inputUnreadable, message, hint);
  }
}
