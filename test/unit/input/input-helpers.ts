import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import type { CsvReader, CsvRecord, MalformedRecord } from '../../../src/input/read-csv.js';

export const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/csv/${name}`, import.meta.url));

/** Opens a fixture file the way the CLI does. */
export const openFixture = (name: string) => (): Readable => createReadStream(fixture(name));

/** Opens bytes as a stream of `size`-byte chunks, to put chunk boundaries everywhere. */
export function openChunked(bytes: Uint8Array, size: number): () => Readable {
  return () => {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(Buffer.from(bytes.subarray(at, at + size)));
    return Readable.from(chunks); // object mode keeps each chunk separate; byte mode would merge them
  };
}

export const fixtureBytes = (name: string): Buffer => readFileSync(fixture(name));

export async function collect(reader: CsvReader): Promise<(CsvRecord | MalformedRecord)[]> {
  const records: (CsvRecord | MalformedRecord)[] = [];
  for await (const record of reader.records) records.push(record);
  return records;
}

/** `[line, cells]` of each record, the compact form most expectations use. */
export const lineAndCells = (records: readonly (CsvRecord | MalformedRecord)[]): [number, string[]][] =>
  records.map((record) => [record.line, record.cells]);
