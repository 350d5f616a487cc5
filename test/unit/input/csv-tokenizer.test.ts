import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type RecordProblem } from '../../../src/input/csv-tokenizer.js';
// A seeded PRNG, so a failure can be replayed.
import { seededRandom as random } from '../../../src/sandbox/faults.js';

interface Row {
  line: number;
  cells: string[];
  problem?: RecordProblem;
}

/** Tokenizes `text` cut into chunks of the given sizes (cycled). */
function tokenize(text: string, sizes: number[], delimiter = ',', maxRecordLength = 1_000_000): Row[] {
  const rows: Row[] = [];
  const sink = (line: number, cells: string[], problem: RecordProblem | undefined) =>
    rows.push(problem === undefined ? { line, cells } : { line, cells, problem });
  const tokenizer = new CsvTokenizer({ delimiter, firstLine: 1, maxRecordLength });
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    tokenizer.write(text.slice(at, at + size), sink);
    at += size;
  }
  tokenizer.end(sink);
  return rows;
}

const PIECES = ['a', 'Zoë', ' ', ',', '"', '""', '\n', '\r\n', '\r', ';', '😀', "'", 'x y'];

/** Valid RFC 4180 text and, for each record, the line it starts on and its cells. */
function generate(seed: number): { text: string; rows: Row[] } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const rows: Row[] = [];
  let text = '';
  let line = 1;
  for (let r = 0; r < 300; r++) {
    const width = 1 + Math.floor(next() * 5);
    const cells = Array.from({ length: width }, (_, c) => {
      const cell = Array.from({ length: Math.floor(next() * 4) }, () => pick(PIECES)).join('');
      return c === 0 ? `k${cell}` : cell; // a first cell never empty: no record is a blank line
    });
    rows.push({ line, cells });
    const encoded = cells.map((cell) => (/[",\r\n]/.test(cell) || next() < 0.1 ? `"${cell.replaceAll('"', '""')}"` : cell));
    text += encoded.join(',') + pick(['\n', '\r\n', '\r']);
    line += 1 + cells.reduce((breaks, cell) => breaks + cell.split(/\r\n|\r|\n/).length - 1, 0);
  }
  return { text, rows };
}

describe('CsvTokenizer', () => {
  it.each([1, 2, 3, 4, 5])('reads generated RFC 4180 text exactly, lines included, in any chunking (seed %i)', (seed) => {
    const { text, rows } = generate(seed);
    expect(tokenize(text, [text.length])).toEqual(rows);
    expect(tokenize(text, [1])).toEqual(rows);
    expect(tokenize(text, [7, 1, 64, 2, 3])).toEqual(rows);
  });

  it.each([1, 2, 3])('agrees with csv-parse on the cells of valid text (seed %i)', (seed) => {
    const { text } = generate(seed);
    // Our text mixes CRLF, LF and CR line ends; csv-parse otherwise keeps to the first one it sees.
    const expected = parse(text, { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    expect(tokenize(text, [4096]).map((row) => row.cells)).toEqual(expected);
  });

  it('emits a blank line as one empty cell, at its own line', () => {
    expect(tokenize('a\n\r\n\nb', [100])).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: [''] },
      { line: 3, cells: [''] },
      { line: 4, cells: ['b'] },
    ]);
  });

  it.each([
    ['a\r\nb', [['a'], ['b']]],
    ['a\nb\r\n', [['a'], ['b']]],
    ['a\rb\rc', [['a'], ['b'], ['c']]],
    ['abc', [['abc']]],
    ['abc\r', [['abc']]],
    ['a\nb\rc\r\nd', [['a'], ['b'], ['c'], ['d']]],
  ])('ends a line at CRLF, LF or a lone CR, whatever the file uses elsewhere: %j', (text, cells) => {
    const expected = cells.map((row, i) => ({ line: i + 1, cells: row }));
    for (const sizes of [[text.length], [1], [2]]) expect(tokenize(text, sizes)).toEqual(expected);
  });

  it('keeps a lone CR inside quotes as data, counting it as a line like a quoted LF', () => {
    const text = 'a,"x\ry"\rb,"p\r\nq"\nc\n';
    for (const sizes of [[text.length], [1], [3]]) {
      expect(tokenize(text, sizes)).toEqual([
        { line: 1, cells: ['a', 'x\ry'] },
        { line: 3, cells: ['b', 'p\r\nq'] },
        { line: 5, cells: ['c'] },
      ]);
    }
  });

  it('keeps the line count right after a record skipped for being too long', () => {
    const text = 'a,"1\n2\n3\n4\n5\n6"\nb,c\n';
    for (const sizes of [[text.length], [1], [3]]) {
      expect(tokenize(text, sizes, ',', 8)).toEqual([
        { line: 1, cells: ['a', '1\n2\n3\n'], problem: { kind: 'too-long', field: 1, openLine: 1, maxLength: 8 } },
        { line: 7, cells: ['b', 'c'] },
      ]);
    }
  });

  it('cuts a record that grows too long at a delimiter the same way wherever the chunks end', () => {
    // The delimiters fill the limit; the next field then starts a chunk: none of its text may reach the cut record.
    const text = 'ab,cd,,efgh\nx,y\n';
    for (const sizes of [[text.length], [7], [1], [3]]) {
      expect(tokenize(text, sizes, ',', 6)).toEqual([
        { line: 1, cells: ['ab', 'cd', '', ''], problem: { kind: 'too-long', field: 3, openLine: undefined, maxLength: 6 } },
        { line: 2, cells: ['x', 'y'] },
      ]);
    }
  });

  it('reports an unclosed quote with the field and line it opened on', () => {
    expect(tokenize('a,b\nc,"d\ne,f\n', [2])).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd\ne,f\n'], problem: { kind: 'unclosed', field: 1, openLine: 2 } },
    ]);
  });
});
