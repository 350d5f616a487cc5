/**
 * `indexOf` for the characters the tokenizer looks for (a quote, the delimiter, CR and LF), remembering
 * each answer for the current buffer. The tokenizer only reads forward, so an answer at or after the next search start
 * (or "none until the end") still holds. Without this, a character absent from the rest of a chunk
 * (a quote in a file with few, the delimiter in a one-column file) would be searched for to the end
 * of the chunk once per record.
 */
export class TextScan {
  private buf = '';
  private nextQuote = -2;
  private nextDelimiter = -2;
  private nextLf = -2;
  private nextCr = -2;

  constructor(private readonly delimiterChar: string) {}

  /** Starts on a new buffer; positions refer to it. */
  reset(buf: string): void {
    this.buf = buf;
    this.nextQuote = this.nextDelimiter = this.nextLf = this.nextCr = -2;
  }

  /** Position of the first `"` at or after `from`, or -1. */
  quote(from: number): number {
    const known = this.nextQuote;
    if (known === -1 || known >= from) return known;
    this.nextQuote = this.buf.indexOf('"', from);
    return this.nextQuote;
  }

  /** Position of the first delimiter at or after `from`, or -1. */
  delimiter(from: number): number {
    const known = this.nextDelimiter;
    if (known === -1 || known >= from) return known;
    this.nextDelimiter = this.buf.indexOf(this.delimiterChar, from);
    return this.nextDelimiter;
  }

  /** Position of the first CR or LF at or after `from`, or -1. In a CRLF file this is the CR. */
  lineBreak(from: number): number {
    let lf = this.nextLf;
    if (lf !== -1 && lf < from) lf = this.nextLf = this.buf.indexOf('\n', from);
    let cr = this.nextCr;
    if (cr !== -1 && cr < from) cr = this.nextCr = this.buf.indexOf('\r', from);
    return lf === -1 ? cr : cr === -1 || lf < cr ? lf : cr;
  }
}
