import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, headOf, readFileHead } from '../../../src/cli/read-file-head.js';

const bytesOf = async (stream: Readable): Promise<number> => {
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) total += chunk.length;
  return total;
};

describe('the head of a file, for hc-import map', () => {
  it('streams only the first bytes, and stops reading the source there', async () => {
    let pulled = 0;
    const source = (): Readable =>
      Readable.from(
        (function* () {
          for (let i = 0; i < 64; i += 1) {
            pulled += 1;
            yield Buffer.alloc(64 * 1024, 0x61);
          }
        })(),
      );
    expect(await bytesOf(headOf(source, HEAD_BYTES)())).toBe(HEAD_BYTES);
    expect(pulled).toBeLessThanOrEqual(HEAD_BYTES / (64 * 1024) + 1);
  });

  it('samples the first three non-empty values of each column, never from a record the limit cut', async () => {
    // Rows long enough that fewer than 3 fit in the head: the cut last one must not be sampled.
    const long = 'x'.repeat(100 * 1024);
    const csv = `id,note,spare\n1,${long}a,\n2,${long}b,z\n3,${long}c,y\n`;
    const head = await readFileHead(() => Readable.from([Buffer.from(csv)]), { label: 'in.csv' });
    expect(head.headers).toEqual(['id', 'note', 'spare']);
    expect(head.samples[0]).toEqual(['1', '2']);
    expect(head.samples[2]).toEqual(['z']);
    const small = await readFileHead(() => Readable.from([Buffer.from('id;n\n1;a\n2;\n3;c\n4;d\n')]), { label: 'in.csv' });
    expect(small).toMatchObject({
      delimiter: ';',
      encoding: 'utf-8',
      samples: [
        ['1', '2', '3'],
        ['a', 'c', 'd'],
      ],
    });
  });
});
