import type { Readable } from 'node:stream';
import type { InputEncoding } from './inspect-input.js';
import { readFailure } from './read-failure.js';
import { decodeWindows1252 } from './windows-1252.js';

interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  flush(): string;
}

function chunkDecoder(encoding: InputEncoding): ChunkDecoder {
  if (encoding === 'windows-1252') return { decode: decodeWindows1252, flush: () => '' };
  // The UTF decoders drop a leading BOM themselves, so 'utf-8' also reads 'utf-8-bom'. `stream: true`
  // joins a character split across two chunks.
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  return { decode: (bytes) => decoder.decode(bytes, { stream: true }), flush: () => decoder.decode() };
}

/**
 * Decodes a byte stream into text chunks. Bytes invalid in the encoding become U+FFFD instead of an
 * error: inspection has already warned about them, and one bad byte must not stop an import.
 */
export async function* decodeText(source: Readable, encoding: InputEncoding): AsyncGenerator<string, void, undefined> {
  const decoder = chunkDecoder(encoding);
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      const text = decoder.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (text !== '') yield text;
    }
  } catch (error) {
    throw readFailure(error);
  }
  const tail = decoder.flush();
  if (tail !== '') yield tail;
}
