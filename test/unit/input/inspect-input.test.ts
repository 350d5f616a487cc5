import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { assertText, inspectInput } from '../../../src/input/inspect-input.js';
import { useTempDirs } from '../../helpers/temp-dir.js';
import { fixtureBytes, openChunked, openFixture } from './input-helpers.js';

/** Inspects bytes handed over whole and in 1-byte chunks; both must agree. */
async function inspect(bytes: Buffer) {
  const whole = await inspectInput(openChunked(bytes, Math.max(bytes.length, 1)));
  expect(await inspectInput(openChunked(bytes, 1))).toEqual(whole);
  return whole;
}

describe('inspectInput', () => {
  it.each([
    ['bom-utf8.csv', 'utf-8-bom'],
    ['crlf.csv', 'utf-8'],
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
    ['empty.csv', 'utf-8'],
  ])('%s is %s, without a warning', async (name, encoding) => {
    const bytes = fixtureBytes(name);
    const result = await inspectInput(openFixture(name));
    const lineFeeds = bytes.filter((byte) => byte === 10).length;
    expect(result).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, lineFeeds, encoding });
  });

  it('counts the line feeds across chunks, to size the indexes for the rows to come', async () => {
    const text = 'user_id,email\n1,a@x.com\r\n2,"b\nc"\n3,d@x.com';
    const result = await inspectInput(() => Readable.from([text.slice(0, 17), text.slice(17)].map((part) => Buffer.from(part))));
    expect(result.lineFeeds).toBe(4);
  });

  it('reads a file that is not valid UTF-8 as Windows-1252, and says where it looked wrong', async () => {
    const result = await inspectInput(openFixture('semicolon-windows-1252.csv'));
    expect(result.encoding).toBe('windows-1252');
    expect(result.warning).toBe(
      'the input is not valid UTF-8 (byte 0xE7 on line 2: "u3001;François Dupont;fran"), ' +
        'so it is read as Windows-1252; pass --encoding if that is wrong',
    );
  });

  it('does not mistake multi-byte characters cut by chunk boundaries for invalid UTF-8', async () => {
    const text = 'name\né,€,😀,ß,中文\n'.repeat(50);
    const result = await inspect(Buffer.from(text));
    expect(result.encoding).toBe('utf-8');
    expect(result.warning).toBeUndefined();
  });

  it.each([
    ['a lone Windows-1252 byte', Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x63, 0xe9, 0x0a]), 3],
    ['a character cut off at the end of the file', Buffer.from([0x61, 0x0a, 0xe2, 0x82]), 2],
    ['an encoded surrogate (CESU-8)', Buffer.from([0x61, 0xed, 0xa0, 0x80]), 1],
    ['an overlong encoding', Buffer.from([0x0a, 0xc0, 0xaf]), 2],
  ])('takes %s for Windows-1252 and names its line', async (_, bytes, line) => {
    const result = await inspect(bytes);
    expect(result.encoding).toBe('windows-1252');
    expect(result.warning).toMatch(new RegExp(`on line ${line}\\b.*Windows-1252`));
  });

  it('keeps the bytes held back at a chunk boundary in the text around the flaw', async () => {
    const chunks = [Buffer.from('id,company\n7,Soci\xe9t\xe9 G\xe9', 'latin1'), Buffer.from('n\xe9rale\n', 'latin1')];
    const result = await inspectInput(() => Readable.from(chunks));
    expect(result.warning).toContain('"7,Société Générale"');
  });

  it('counts a lone CR as a line, as an editor does, in the line it names', async () => {
    const result = await inspect(Buffer.from('a\rb\r\nc\nd\rCaf\xe9\n', 'latin1'));
    expect(result.warning).toContain('byte 0xE9 on line 5: "Café"');
  });

  it('quotes the same text around the flaw however the file is chunked', async () => {
    const result = await inspect(Buffer.from('id,company\n7,Soci\xe9t\xe9 G\xe9n\xe9rale et Compagnie\n', 'latin1'));
    expect(result.warning).toContain('byte 0xE9 on line 2: "7,Société Générale et"');
  });

  it("keeps UTF-8 when a BOM says so; the rows with invalid bytes are the reader's to reject", async () => {
    const result = await inspect(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xe9, 0x0a]));
    expect(result.encoding).toBe('utf-8-bom');
    expect(result.warning).toBeUndefined();
  });

  it('utf8-with-1252-row.csv: a UTF-8 file with one Windows-1252 byte stays UTF-8', async () => {
    const result = await inspect(fixtureBytes('utf8-with-1252-row.csv'));
    expect(result).toMatchObject({ encoding: 'utf-8' });
    expect(result.warning).toBeUndefined();
  });

  it('decides on the whole file: a multi-byte character after the first bad byte still makes it UTF-8', async () => {
    const head = Buffer.from('id,name\n1,Caf\xe9\n', 'latin1');
    const filler = Buffer.from('2,plain ascii\n'.repeat(3000));
    const result = await inspect(Buffer.concat([head, filler, Buffer.from('3,Jos\u00e9\n')]));
    expect(result.encoding).toBe('utf-8');
  });

  it.each([
    ['utf-16le', (b: Buffer) => b],
    ['utf-16be', (b: Buffer) => Buffer.from(b).swap16()],
  ])('recognises %s without a byte order mark by its NUL bytes, and says so', async (encoding, order) => {
    const result = await inspect(order(Buffer.from('user_id,name\r\n7,Ünal\r\n', 'utf16le')));
    expect(result.encoding).toBe(encoding);
    const name = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    expect(result.warning).toBe(
      `the input has no byte order mark but looks like ${name} (NUL bytes in every other position), so it is read as such; ` +
        'pass --encoding if that is wrong',
    );
  });

  const makeTempDir = useTempDirs();

  it('finds an invalid byte far into a file read in real chunks, with its line', async () => {
    const dir = await makeTempDir();
    const path = join(dir, 'export.csv');
    const valid = `id,name\n${Array.from({ length: 5000 }, (_, i) => `${i},Zoe\n`).join('')}`;
    await writeFile(path, Buffer.concat([Buffer.from(valid), Buffer.from('5000,Ren\xe9e\n', 'latin1')]));
    const result = await inspectInput(() => createReadStream(path, { highWaterMark: 4096 }));
    expect(result.encoding).toBe('windows-1252');
    expect(result.warning).toContain('byte 0xE9 on line 5002: "5000,Renée"');
  });

  it('turns a missing file into HCI_INPUT_NOT_FOUND', async () => {
    const dir = await makeTempDir();
    await expect(inspectInput(() => createReadStream(join(dir, 'missing.csv')))).rejects.toMatchObject({ code: 'HCI_INPUT_NOT_FOUND' });
  });
});

describe('binary input', () => {
  it('a NUL in the first KB of a file that is not UTF-16 is binary; UTF-16 (with or without BOM) is not', async () => {
    const binary = await inspect(Buffer.from('PK\x03\x04\x14\x00\x06\x00,a\nb,c\n', 'latin1'));
    expect(binary.nulAt).toBe(5);
    expect(() => assertText(binary, binary.encoding, 'book.xlsx')).toThrow(/book\.xlsx is not a CSV file/);
    // Forced to UTF-16, NULs are text.
    expect(() => assertText(binary, 'utf-16le', 'book.xlsx')).not.toThrow();
    const bomless = await inspect(Buffer.from('user_id,email\nu1,a@b.c\n', 'utf16le'));
    expect(bomless.encoding).toBe('utf-16le');
    expect(bomless.nulAt).toBeUndefined();
    expect((await inspect(Buffer.from(`${'x'.repeat(1024)}\0`))).nulAt).toBeUndefined();
  });
});
