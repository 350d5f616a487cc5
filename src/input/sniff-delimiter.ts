/**
 * Pure decisions about a file's layout, taken from the first few kilobytes of its text: Excel's
 * `sep=` line and the delimiter of the header line. (There is no line break style to decide: CRLF, LF
 * and a lone CR each end a line, as in an editor.)
 */

/** The delimiters a contacts export uses in practice, in tie-break order (comma wins a tie). */
export const SNIFFED_DELIMITERS = [',', ';', '\t', '|'] as const;

export interface SepLine {
  delimiter: string;
  /** Characters to skip: the `sep=` line and its line break. */
  length: number;
}

// Excel writes `sep=;` as line 1 to name the delimiter. Tools that pass the line through as a row
// pad it with delimiters (`sep=;;;;`) or quote it (`"sep=;"`), so both are accepted.
const SEP_LINE = /^(?:"sep=([^"\r\n])"|sep=([^\r\n]))[^\r\n]*?(?:\r\n|\n|\r|$)/i;

/** Reads an Excel `sep=X` first line; undefined when the text does not start with one. */
export function readSepLine(text: string): SepLine | undefined {
  const match = SEP_LINE.exec(text);
  const delimiter = match?.[1] ?? match?.[2];
  if (match === null || delimiter === undefined || delimiter === '"') return undefined;
  const rest = match[0].slice(match[1] === undefined ? 5 : 6).replace(/["\r\n]/g, '');
  // Anything after the delimiter other than more of it means this is a header that starts with "sep=".
  if ([...rest].some((char) => char !== delimiter && char !== ' ')) return undefined;
  return { delimiter, length: match[0].length };
}

/**
 * Picks the delimiter of the first non-blank line (the header): the candidate found most often
 * outside quotes; comma on a tie or when there is none (a one-column file).
 */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(SNIFFED_DELIMITERS.map((candidate) => [candidate, 0]));
  let inQuotes = false;
  let seenText = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (char === '\n' || char === '\r') {
      if (seenText) break;
      for (const candidate of SNIFFED_DELIMITERS) counts.set(candidate, 0); // a blank line before the header
    } else {
      const count = counts.get(char);
      if (count !== undefined) counts.set(char, count + 1);
      if (char.trim() !== '') seenText = true;
    }
  }
  let best: string = ',';
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}
