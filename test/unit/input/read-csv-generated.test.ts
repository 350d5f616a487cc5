import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv, type ReadCsvOptions } from '../../../src/input/read-csv.js';
import { useTempDirs } from '../../helpers/temp-dir.js';
import { collect, lineAndCells, openChunked } from './input-helpers.js';

/** Parses `text` (UTF-8) handed over in one chunk and again in 1-byte chunks, checks both agree, returns the result. */
async function read(text: string | Buffer, options: Partial<ReadCsvOptions> = {}) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const results = [];
  for (const size of [bytes.length || 1, 1]) {
    const reader = await readCsv(openChunked(bytes, size), { encoding: 'utf-8', ...options });
    const records = await collect(reader);
    results.push({
      delimiter: reader.delimiter,
      delimiterSource: reader.delimiterSource,
      headers: reader.headers,
      headerLine: reader.headerLine,
      records,
      stats: reader.stats(),
    });
  }
  expect(results[1]).toEqual(results[0]);
  return results[0] as NonNullable<(typeof results)[0]>;
}

describe('readCsv on generated input', () => {
  it('counts a CRLF inside a quoted value as one line', async () => {
    const result = await read('id,note\r\n1,"two\r\nlines"\r\n2,x\r\n');
    expect(lineAndCells(result.records)).toEqual([
      [2, ['1', 'two\r\nlines']],
      [4, ['2', 'x']],
    ]);
  });

  it('keeps the BOM out of a quoted first header, and sees a sep= line behind a BOM', async () => {
    expect((await read('\uFEFF"user_id","name"\n1,Ann\n')).headers).toEqual(['user_id', 'name']);
    expect(await read('\uFEFFsep=;\r\nuser_id;name\r\n')).toMatchObject({
      delimiterSource: 'sep-line',
      headers: ['user_id', 'name'],
      headerLine: 2,
    });
  });

  it('keeps a UTF-8 BOM out of the header when Windows-1252 is forced', async () => {
    const reader = await readCsv(openChunked(Buffer.from('\uFEFFuser_id,name\n'), 2), { encoding: 'windows-1252' });
    expect(reader.headers).toEqual(['user_id', 'name']);
  });

  it('trims whitespace around headers but not around data cells', async () => {
    const result = await read(' user_id ,\tname \n 1 , Ann \n');
    expect(result.headers).toEqual(['user_id', 'name']);
    expect(result.records[0]?.cells).toEqual([' 1 ', ' Ann ']);
  });

  it('reads a last line without a line break, and a header-only file without one', async () => {
    expect(lineAndCells((await read('a,b\n1,2')).records)).toEqual([[2, ['1', '2']]]);
    expect(await read('a,b')).toMatchObject({ headers: ['a', 'b'], records: [] });
  });

  it('reads old Mac files whose lines end in a lone CR', async () => {
    const result = await read('a|b\r1|2\r"3\r4"|5\r6|7');
    expect(lineAndCells(result.records)).toEqual([
      [2, ['1', '2']],
      [3, ['3\r4', '5']],
      [5, ['6', '7']],
    ]);
  });

  it.each([
    ['only a BOM', '\uFEFF', 'the input file is empty'],
    ['only whitespace and line breaks', ' \r\n\n\t\n', 'the input file is empty'],
    ['only a sep= line', 'sep=;\r\n', 'the input file has no header line, only empty rows'],
    ['only rows of delimiters', ';;;\n;;;\n', 'the input file has no header line, only empty rows'],
  ])('throws HCI_INPUT_EMPTY for %s', async (_, text, message) => {
    await expect(read(text)).rejects.toMatchObject({ code: 'HCI_INPUT_EMPTY', message });
  });

  it('refuses a header whose quote is never closed', async () => {
    await expect(read('"user_id,name\n1,Ann\n')).rejects.toMatchObject({
      code: 'HCI_INPUT_UNREADABLE',
      message: 'the header on line 1 cannot be read: quote opened on line 1 is never closed',
    });
  });

  it('lets the delimiter option win over the sniffed one and over a sep= line (which is still skipped)', async () => {
    expect(await read('a;b,c\n1;2,3\n', { delimiter: ';' })).toMatchObject({
      delimiter: ';',
      delimiterSource: 'option',
      headers: ['a', 'b,c'],
    });
    const withSep = await read('sep=,\na;b\n1;2\n', { delimiter: ';' });
    expect(withSep).toMatchObject({ delimiterSource: 'option', headers: ['a', 'b'], headerLine: 2 });
    expect(lineAndCells(withSep.records)).toEqual([[3, ['1', '2']]]);
  });

  it('refuses a delimiter option it cannot use, before opening the file', async () => {
    let opened = false;
    const open = () => {
      opened = true;
      return Readable.from([Buffer.from('a,b\n')]);
    };
    await expect(readCsv(open, { encoding: 'utf-8', delimiter: '"' })).rejects.toMatchObject({ code: 'HCI_USAGE' });
    expect(opened).toBe(false);
    expect(await read('a\tb\n1\t2\n', { delimiter: 'tab' })).toMatchObject({ delimiter: '\t', headers: ['a', 'b'] });
  });

  it('accepts spaces after a closing quote but flags other text, naming both lines when the value spans lines', async () => {
    const result = await read('a,b\n"x"  ,y\n"multi\nline"z,w\n');
    expect(result.records).toEqual([
      { kind: 'record', line: 2, cells: ['x', 'y'] },
      {
        kind: 'malformed',
        line: 3,
        cells: ['multi\nlinez', 'w'],
        reason:
          'the quote of field 1 (a) opened on line 3 closes on line 4 and text follows it; ' +
          'a quote inside a quoted value must be doubled ("")',
      },
    ]);
  });

  it('takes a quote inside an unquoted value literally', async () => {
    const result = await read('name,height\nBob "the Builder" Smith,5\'11"\n');
    expect(result.records[0]).toEqual({ kind: 'record', line: 2, cells: ['Bob "the Builder" Smith', '5\'11"'] });
  });

  it('skips an all-empty row whatever its width, but keeps an empty row with broken quoting', async () => {
    const result = await read('a,b,c\n,,\n , \n,,,,\n"",""\n1,2,3\n"\n');
    expect(result.records.map((record) => [record.kind, record.line])).toEqual([
      ['record', 6],
      ['malformed', 7],
    ]);
    expect(result.stats).toEqual({ blankLines: 0, emptyRecords: 4 });
  });

  it('cuts a record longer than maxRecordLength, reports it, and goes on after its end', async () => {
    const swallowed = Array.from({ length: 30 }, (_, i) => `row ${i}`).join('\n');
    const result = await read(`a,b\n1,"${swallowed}"\n2,after\n`, { maxRecordLength: 50 });
    expect(result.records).toEqual([
      {
        kind: 'malformed',
        line: 2,
        cells: ['1', swallowed.slice(0, 48)],
        reason: 'quote opened on line 2 is not closed within 50 characters',
      },
      { kind: 'record', line: 32, cells: ['2', 'after'] },
    ]);
  });

  it('reports a line too long as one malformed record instead of growing without bound', async () => {
    const result = await read(`a,b\n${'x'.repeat(100)},y\n1,2\n`, { maxRecordLength: 60 });
    expect(result.records).toEqual([
      { kind: 'malformed', line: 2, cells: ['x'.repeat(60)], reason: 'the record is longer than 60 characters' },
      { kind: 'record', line: 3, cells: ['1', '2'] },
    ]);
  });
});

describe('readCsv streaming', () => {
  const makeTempDir = useTempDirs();

  it('yields records before the file has been read to the end, and closes it when the consumer stops', async () => {
    let rowsServed = 0;
    const endless = Readable.from(
      (function* () {
        yield 'user_id,name\n';
        for (;;) yield `u${++rowsServed},Person\n`;
      })(),
    );
    const reader = await readCsv(() => endless, { encoding: 'utf-8' });
    const firstLines: number[] = [];
    for await (const record of reader.records) {
      firstLines.push(record.line);
      if (firstLines.length === 3) break;
    }
    expect(firstLines).toEqual([2, 3, 4]);
    expect(endless.destroyed).toBe(true);
  });

  it('reads a file whose chunk boundaries fall inside multi-byte characters and quoted values', async () => {
    const dir = await makeTempDir();
    const path = join(dir, 'contacts.csv');
    const rows = Array.from({ length: 2000 }, (_, i) => `u${i},"Zoë ""${i}""\r\nJosé",😀${i}`);
    await writeFile(path, `id,name,note\r\n${rows.join('\r\n')}\r\n`);
    const reader = await readCsv(() => createReadStream(path, { highWaterMark: 1021 }), { encoding: 'utf-8' });
    const records = await collect(reader);
    expect(records).toHaveLength(2000);
    expect(records[1999]).toEqual({ kind: 'record', line: 2 + 1999 * 2, cells: ['u1999', 'Zoë "1999"\r\nJosé', '😀1999'] });
  });

  it('turns a missing file into HCI_INPUT_NOT_FOUND', async () => {
    const dir = await makeTempDir();
    await expect(readCsv(() => createReadStream(join(dir, 'nope.csv')), { encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'HCI_INPUT_NOT_FOUND',
    });
  });
});
