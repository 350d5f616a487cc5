import { describe, expect, it } from 'vitest';
import { inspectInput } from '../../../src/input/inspect-input.js';
import { readCsv, type ReadCsvOptions } from '../../../src/input/read-csv.js';
import { collect, lineAndCells, openChunked } from './input-helpers.js';

/** Inspects `bytes` (unless an encoding is forced) and reads them whole and in 1-byte chunks; both must agree. */
async function read(bytes: Buffer, options: Partial<ReadCsvOptions> = {}) {
  const encoding = options.encoding ?? (await inspectInput(openChunked(bytes, bytes.length || 1))).encoding;
  const results = [];
  for (const size of [bytes.length || 1, 1, 3]) {
    const reader = await readCsv(openChunked(bytes, size), { ...options, encoding });
    results.push({ headers: reader.headers, records: await collect(reader) });
  }
  expect(results[1]).toEqual(results[0]);
  expect(results[2]).toEqual(results[0]);
  return results[0] as NonNullable<(typeof results)[0]>;
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? utf8(part) : Buffer.from(part))));

describe('readCsv: bytes that are not UTF-8 in a UTF-8 file', () => {
  it('rejects only the row holding them, shows them escaped, and decodes every other row as UTF-8', async () => {
    const input = bytes('id,name\n1,José\n2,Caf', [0xe9], '\n3,Müller\n');
    const { records } = await read(input);
    expect(records).toEqual([
      { kind: 'record', line: 2, cells: ['1', 'José'] },
      {
        kind: 'malformed',
        code: 'invalid_encoding',
        line: 3,
        cells: ['2', 'Caf\\xE9'],
        reason: 'field 2 (name) holds bytes that are not UTF-8: "Caf\\xE9"; save the file as UTF-8 and import this row again',
      },
      { kind: 'record', line: 4, cells: ['3', 'Müller'] },
    ]);
  });

  it('escapes every bad byte of a cut sequence and counts the other fields', async () => {
    const input = bytes('id,name,company\n1,Jos\xC3\xA9,x\n2,', [0xe2, 0x82], 'x,', [0xff], '\n');
    const { records } = await read(input);
    expect(records[1]).toMatchObject({
      kind: 'malformed',
      code: 'invalid_encoding',
      cells: ['2', '\\xE2\\x82x', '\\xFF'],
      reason: expect.stringMatching(/^field 2 \(name\) holds bytes that are not UTF-8: "\\xE2\\x82x" \(and 1 more field\);/),
    });
  });

  it('names broken quoting first in a row that also holds a bad byte, and still shows the byte escaped', async () => {
    const { records } = await read(bytes('id,name\n1,"Caf', [0xe9], '\n2,Bo\n'), { encoding: 'utf-8' });
    expect(records).toEqual([
      {
        kind: 'malformed',
        line: 2,
        cells: ['1', 'Caf\\xE9\n2,Bo\n'],
        reason: 'quote opened on line 2 is never closed, so the rest of the file was read into this record',
      },
    ]);
  });

  it('rejects the same rows when UTF-8 is forced on a file that is all Windows-1252', async () => {
    const input = Buffer.from('id,name\n1,Ann\n2,Caf\xe9\n', 'latin1');
    const { records } = await read(input, { encoding: 'utf-8' });
    expect(records.map((record) => [record.kind, record.line, record.cells[1]])).toEqual([
      ['record', 2, 'Ann'],
      ['malformed', 3, 'Caf\\xE9'],
    ]);
  });

  it('keeps a U+FFFD the file itself holds, and a character whose surrogate pair looks like an escape', async () => {
    // U+20080 is the pair D840 DC80; its low half alone is what an escaped byte 0x80 becomes.
    const { records } = await read(bytes('id,name\n1,a\uFFFDb\n2,\u{20080}\n3,', [0x80], '\n'));
    expect(lineAndCells(records.slice(0, 2))).toEqual([
      [2, ['1', 'a\uFFFDb']],
      [3, ['2', '\u{20080}']],
    ]);
    expect(records[2]).toMatchObject({ code: 'invalid_encoding', cells: ['3', '\\x80'] });
  });

  it('refuses a header that is not UTF-8 (exit 3): guessing a column name would misread every row', async () => {
    const input = bytes('id,Pr', [0xe9], 'nom\n1,José\n');
    await expect(read(input, { encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'HCI_INPUT_UNREADABLE',
      exitCode: 3,
      message: 'the header on line 1 holds bytes that are not UTF-8: "Pr\\xE9nom"',
    });
  });
});

describe('readCsv: UTF-16 without a byte order mark', () => {
  it.each([
    ['utf-16le', 'le'],
    ['utf-16be', 'be'],
  ] as const)('is read as %s when inspected', async (encoding, order) => {
    const text = 'user_id,name\r\n7,Ünal\r\n';
    const le = Buffer.from(text, 'utf16le');
    const input = order === 'le' ? le : Buffer.from(le).swap16();
    expect((await inspectInput(openChunked(input, 5))).encoding).toBe(encoding);
    const { headers, records } = await read(input);
    expect(headers).toEqual(['user_id', 'name']);
    expect(lineAndCells(records)).toEqual([[2, ['7', 'Ünal']]]);
  });

  it('is refused by name, never read as a header full of NULs, when another encoding is forced', async () => {
    const input = Buffer.from('user_id,name\n7,Ann\n', 'utf16le');
    await expect(read(input, { encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'HCI_INPUT_UNREADABLE',
      message: 'this looks like UTF-16 without a byte order mark: use --encoding utf-16le',
    });
    await expect(read(Buffer.from(input).swap16(), { encoding: 'windows-1252' })).rejects.toMatchObject({
      message: 'this looks like UTF-16 without a byte order mark: use --encoding utf-16be',
    });
  });
});

describe('readCsv: a lone CR', () => {
  it('ends a record in an LF or CRLF file, so lines and counts match an editor; inside quotes it stays data', async () => {
    const { records } = await read(utf8('id,name\n1,Ann\r2,Bo\r\n3,"Cy\rDove"\n4,Di\n'));
    expect(lineAndCells(records)).toEqual([
      [2, ['1', 'Ann']],
      [3, ['2', 'Bo']],
      [4, ['3', 'Cy\rDove']],
      [6, ['4', 'Di']],
    ]);
  });

  it('ends the header too', async () => {
    const { headers, records } = await read(utf8('id,name\r1,Ann\n'));
    expect(headers).toEqual(['id', 'name']);
    expect(lineAndCells(records)).toEqual([[2, ['1', 'Ann']]]);
  });
});

describe("readCsv: the ' before a formula character", () => {
  it('stays in a file hc-import did not write, user_id included', async () => {
    const { records } = await read(utf8("user_id,name,_line\n'=7,'+Ann,3\n"));
    expect(lineAndCells(records)).toEqual([[2, ["'=7", "'+Ann", '3']]]);
  });

  it.each([
    ['rejects.csv', 'user_id,name,_line,_reason_code,_reason,_extra'],
    ['duplicates.csv', 'user_id,name,_line,_kept_line'],
    ['failures.csv', 'user_id,name,_line,_status,_error_code,_error'],
    ['a fixed rejects.csv without _reason and _extra', 'user_id,name,_line,_reason_code'],
  ])('is our formula guard in %s, and is removed', async (_, header) => {
    const width = header.split(',').length;
    const row = ["'=7", "'@Ann", ...Array.from({ length: width - 2 }, () => '1')];
    const { records } = await read(utf8(`${header}\n${row.join(',')}\n`));
    expect(records[0]?.cells.slice(0, 2)).toEqual(['=7', '@Ann']);
  });
});
