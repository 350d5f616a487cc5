/**
 * An RFC 4180 tokenizer fed with decoded text, chunk by chunk. It knows nothing of headers or field
 * counts: it cuts records, tracks the physical line each starts on, and reports broken quoting as a
 * fact for the reader to phrase. CRLF, LF and a lone CR each end a line, as in an editor, whatever the
 * rest of the file uses: outside quotes they end the record, inside they are data that still counts
 * as a line. A line without a quote (nearly every line) takes a fast path, one native `split`; other
 * lines go field by field. Searches go through `TextScan`, so a character that is rare in the file is
 * never searched for twice over the same text.
 */
import { TextScan } from './text-scan.js';

/** What is wrong with a record's quoting or size. `field` is 0-based. */
export type RecordProblem =
  | { kind: 'unclosed'; field: number; openLine: number }
  | { kind: 'text-after-quote'; field: number; openLine: number; closeLine: number }
  | { kind: 'too-long'; field: number; openLine: number | undefined; maxLength: number };

/** Receives each record: the physical line it starts on, its cells, and its problem if any. */
export type RowSink = (line: number, cells: string[], problem: RecordProblem | undefined) => void;

export interface TokenizerOptions {
  /** One character. */
  delimiter: string;
  /** Physical line number of the first character fed. */
  firstLine: number;
  /**
   * Longest record in characters. A longer one is emitted cut at this length, as too long, and the
   * rest of it skipped, so that one unclosed quote cannot pull the whole file into memory.
   */
  maxRecordLength: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const [RECORD, FIELD, UNQUOTED, QUOTED, AFTER_QUOTE] = [0, 1, 2, 3, 4] as const;
type State = typeof RECORD | typeof FIELD | typeof UNQUOTED | typeof QUOTED | typeof AFTER_QUOTE;

export class CsvTokenizer {
  private readonly delimiter: string;
  private readonly maxLength: number;
  private readonly scan: TextScan;
  private sink: RowSink = () => undefined;
  private state: State = RECORD;
  /** Physical line at the read position. */
  private line: number;
  private recordLine = 0;
  private cells: string[] = [];
  private field = '';
  /** Characters of the current record so far, delimiters included. */
  private length = 0;
  /** Index in `field` where text after a closing quote starts; -1 when there is none. */
  private junkFrom = -1;
  private openLine = 0;
  private closeLine = 0;
  private problem: RecordProblem | undefined;
  /** Set once a too-long record has been emitted: the rest of it is read but not kept. */
  private discarding = false;
  /** Text held back for the next chunk: a quote or CR whose meaning depends on the next character. */
  private carry = '';

  constructor(options: TokenizerOptions) {
    this.delimiter = options.delimiter;
    this.line = options.firstLine;
    this.maxLength = options.maxRecordLength;
    this.scan = new TextScan(options.delimiter);
  }

  /** Tokenizes `text`; a record cut by the end of the chunk is completed by a later call. */
  write(text: string, sink: RowSink): void {
    this.sink = sink;
    this.run(this.carry === '' ? text : this.carry + text, false);
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(sink: RowSink): void {
    this.sink = sink;
    this.run(this.carry, true);
    if (this.state === RECORD) return;
    if (this.state === QUOTED) this.problem ??= { kind: 'unclosed', field: this.cells.length, openLine: this.openLine };
    this.endRecord();
  }

  private run(buf: string, final: boolean): void {
    const scan = this.scan;
    scan.reset(buf);
    this.carry = '';
    let pos = 0;
    while (pos < buf.length) {
      if (this.state === RECORD) {
        const eol = scan.lineBreak(pos);
        const end = eol === -1 && final ? buf.length : eol;
        const quote = end === -1 ? 0 : scan.quote(pos);
        if (end !== -1 && (quote === -1 || quote > end) && end - pos <= this.maxLength) {
          const next = breakEnd(buf, end, final);
          if (next < 0) {
            this.carry = buf.slice(pos);
            return;
          }
          this.sink(this.line++, buf.slice(pos, end).split(this.delimiter), undefined);
          pos = next;
          continue;
        }
        this.startRecord();
      }
      pos = this.step(buf, pos, final);
      if (pos < 0) {
        this.carry = buf.slice(-pos - 1);
        return;
      }
    }
  }

  /** Advances the slow path by a field or a quoted segment. A result -(p+1) holds buf[p..] back for the next chunk. */
  private step(buf: string, pos: number, final: boolean): number {
    switch (this.state) {
      case FIELD:
        this.state = buf.charCodeAt(pos) === QUOTE ? QUOTED : UNQUOTED;
        this.openLine = this.line;
        return this.state === QUOTED ? pos + 1 : pos;
      case UNQUOTED:
        return this.unquoted(buf, pos, final);
      case QUOTED:
        return this.quoted(buf, pos, final);
      default:
        return this.afterQuote(buf, pos, final);
    }
  }

  private unquoted(buf: string, pos: number, final: boolean): number {
    const delimiter = this.scan.delimiter(pos);
    const eol = this.scan.lineBreak(pos);
    if (delimiter !== -1 && (eol === -1 || delimiter < eol)) {
      this.append(buf, pos, delimiter);
      this.endField();
      return delimiter + 1;
    }
    this.append(buf, pos, eol === -1 ? buf.length : eol);
    if (eol === -1) return buf.length;
    const next = breakEnd(buf, eol, final);
    if (next < 0) return -eol - 1;
    this.endRecord();
    return next;
  }

  private quoted(buf: string, pos: number, final: boolean): number {
    const quote = this.scan.quote(pos);
    if (quote === -1) {
      // A CR that ends the chunk may be half a CRLF: held back, so that the line is counted once.
      const end = !final && buf.charCodeAt(buf.length - 1) === CR ? buf.length - 1 : buf.length;
      this.appendQuoted(buf, pos, end);
      return end === buf.length ? end : -end - 1;
    }
    if (quote === buf.length - 1 && !final) {
      this.appendQuoted(buf, pos, quote);
      return -quote - 1; // it may be the first half of a doubled quote
    }
    const doubled = buf.charCodeAt(quote + 1) === QUOTE;
    this.appendQuoted(buf, pos, doubled ? quote + 1 : quote);
    if (doubled) return quote + 2;
    this.state = AFTER_QUOTE;
    this.closeLine = this.line;
    return quote + 1;
  }

  private afterQuote(buf: string, pos: number, final: boolean): number {
    const char = buf[pos];
    if (char === this.delimiter) {
      this.endField();
      return pos + 1;
    }
    if (char === '\n' || char === '\r') {
      const next = breakEnd(buf, pos, final);
      if (next < 0) return -pos - 1;
      this.endRecord();
      return next;
    }
    // Text after the closing quote: read on as unquoted text, as Excel does, and judge it when the field ends.
    this.junkFrom = this.field.length;
    this.state = UNQUOTED;
    return pos;
  }

  private startRecord(): void {
    this.state = FIELD;
    this.recordLine = this.line;
    this.cells = [];
    this.field = '';
    this.length = 0;
    this.junkFrom = -1;
    this.problem = undefined;
  }

  private append(buf: string, from: number, to: number): void {
    if (this.discarding) return;
    this.length += to - from;
    const over = this.length - this.maxLength;
    // Delimiters count too, so the limit may already be passed when this text starts: keep none of it then.
    this.field += buf.slice(from, over > 0 ? Math.max(from, to - over) : to);
    if (over > 0) this.emitTooLong();
  }

  /** Appends quoted text, counting the line breaks inside it (a CRLF once). */
  private appendQuoted(buf: string, from: number, to: number): void {
    for (let at = this.scan.lineBreak(from); at !== -1 && at < to; at = this.scan.lineBreak(at + 1)) {
      if (buf.charCodeAt(at) !== CR || buf.charCodeAt(at + 1) !== LF) this.line++;
    }
    this.append(buf, from, to);
  }

  /** Emits the record as read so far and skips the rest of it. */
  private emitTooLong(): void {
    const openLine = this.state === QUOTED ? this.openLine : undefined;
    const problem = { kind: 'too-long', field: this.cells.length, openLine, maxLength: this.maxLength } as const;
    this.sink(this.recordLine, [...this.cells, this.field], problem);
    this.discarding = true;
    this.cells = [];
    this.field = '';
  }

  private endField(): void {
    if (this.junkFrom !== -1) this.judgeJunk();
    this.length++;
    if (!this.discarding) this.cells.push(this.field);
    this.field = '';
    this.state = FIELD;
  }

  /** Spaces after a closing quote are dropped quietly; anything else makes the record malformed. */
  private judgeJunk(): void {
    const junk = this.field.slice(this.junkFrom);
    if (junk.trim() === '') this.field = this.field.slice(0, this.junkFrom);
    else this.problem ??= { kind: 'text-after-quote', field: this.cells.length, openLine: this.openLine, closeLine: this.closeLine };
    this.junkFrom = -1;
  }

  private endRecord(): void {
    this.endField();
    if (!this.discarding) this.sink(this.recordLine, this.cells, this.problem);
    this.discarding = false;
    this.state = RECORD;
    this.line++;
  }
}

/**
 * Position after the line break at `at` (a CRLF is one break; at the end of the text, `at + 1`), or -1
 * when a CR ends a chunk that is not the last: the next chunk may start with its LF.
 */
function breakEnd(buf: string, at: number, final: boolean): number {
  if (buf.charCodeAt(at) !== CR) return at + 1;
  if (at + 1 < buf.length) return buf.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
  return final ? at + 1 : -1;
}
