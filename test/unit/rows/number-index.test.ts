import { describe, expect, it } from 'vitest';
import { NumberIndex } from '../../../src/rows/number-index.js';

describe('NumberIndex', () => {
  it('keeps every key through many growths, like a Map would', () => {
    const index = new NumberIndex();
    const reference = new Map<number, number>();
    for (let i = 1; i <= 50_000; i += 1) {
      // Keys that differ only in their high bits must not all land in one slot.
      const key = i % 2 === 0 ? i * 0x100000000 : i * 7919;
      index.set(key, i);
      reference.set(key, i);
    }
    expect(index.size).toBe(reference.size);
    for (const [key, value] of reference) expect(index.get(key)).toBe(value);
    expect(index.get(123_456_789_012)).toBeUndefined();
  });

  it('overwrites the value of a key it holds without counting it twice', () => {
    const index = new NumberIndex();
    index.set(42, 1);
    index.set(42, 2);
    expect([index.size, index.get(42)]).toEqual([1, 2]);
  });

  it('refuses 0, which marks an empty slot', () => {
    expect(() => new NumberIndex().set(0, 1)).toThrow(RangeError);
  });
});
