import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import type { InputEncoding } from './inspect-input.js';
import { readFailure } from './read-failure.js';
import { completeLength, decodeEscaping } from './utf8-bytes.js';
import { decodeWindows1252 } from './windows-1252.js';

/** What decoding found out; the reader checks rows for escaped bytes only once there are any. */
export interface DecodeState {
  /** Set once a byte that is not UTF-8 was escaped (see `decodeEscaping`). */
  escapedBytes: boolean;
}

interface ChunkDecoder {
  decode(bytes: Buffer): string;
  flush(): string;
}

/**
 * UTF-8 whose invalid bytes are escaped, not replaced by U+FFFD: a genuine U+FFFD stays valid text, and
 * the row holding a bad byte can be rejected showing it. A character cut by a chunk boundary is held
 * back until the next chunk completes it.
 */
function utf8Decoder(state: DecodeState): ChunkDecoder {
  let held = Buffer.alloc(0);
  const text = (bytes: Buffer): string => {
    if (isUtf8(bytes)) return bytes.toString('utf8');
    state.escapedBytes = true;
    return decodeEscaping(bytes);
  };
  return {
    decode(chunk) {
      const bytes = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
      const length = completeLength(bytes);
      held = Buffer.from(bytes.subarray(length));
      return text(bytes.subarray(0, length));
    },
    flush: () => text(held),
  };
}

function chunkDecoder(encoding: InputEncoding, state: DecodeState): ChunkDecoder {
  if (encoding === 'windows-1252') return { decode: decodeWindows1252, flush: () => '' };
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return utf8Decoder(state);
  // The UTF-16 decoder drops a leading BOM itself; `stream: true` joins a character split across two chunks.
  const decoder = new TextDecoder(encoding);
  return { decode: (bytes) => decoder.decode(bytes, { stream: true }), flush: () => decoder.decode() };
}

/**
 * Decodes a byte stream into text chunks. In UTF-8, bytes that are not UTF-8 are escaped (`state`
 * records that there were some) so that only their rows are rejected; in UTF-16 they become U+FFFD.
 * A UTF-8 BOM is left for the reader to drop.
 */
export async function* decodeText(
  source: Readable,
  encoding: InputEncoding,
  state: DecodeState = { escapedBytes: false },
): AsyncGenerator<string, void, undefined> {
  const decoder = chunkDecoder(encoding, state);
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      const text = decoder.decode(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      if (text !== '') yield text;
    }
  } catch (error) {
    throw readFailure(error);
  }
  const tail = decoder.flush();
  if (tail !== '') yield tail;
}
