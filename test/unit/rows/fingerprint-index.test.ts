import { describe, expect, it } from 'vitest';
import { FingerprintIndex, fingerprint } from '../../../src/rows/fingerprint-index.js';

describe('FingerprintIndex', () => {
  it('answers like a Map through many growths, for keys that differ in one character or by length', { tags: ['slow'] }, () => {
    const index = new FingerprintIndex();
    const reference = new Map<string, number>();
    for (let i = 1; i <= 60_000; i += 1) {
      const key = i % 3 === 0 ? `user${i}@example.com` : i % 3 === 1 ? String(i).padStart(8, '0') : `${'a'.repeat(i % 40)}${i}`;
      index.set(key, i);
      reference.set(key, i);
    }
    expect(index.size).toBe(reference.size);
    for (const [key, value] of reference) expect(index.get(key)).toBe(value);
    for (const absent of ['', '0', '00000000', 'user0@example.com', 'Ab', '00000001 ']) expect(index.get(absent)).toBeUndefined();
  });

  it('answers the same when sized for its keys up front, and still grows past a low estimate', () => {
    for (const expected of [50_000, 1_000]) {
      const index = new FingerprintIndex(expected);
      for (let i = 1; i <= 50_000; i += 1) expect(index.claim(`k${i}`, i)).toBeUndefined();
      expect(index.size).toBe(50_000);
      for (let i = 1; i <= 50_000; i += 1) expect(index.get(`k${i}`)).toBe(i);
    }
  });

  it('overwrites a key it holds without counting it twice, and tells 007 from 7', () => {
    const index = new FingerprintIndex();
    index.set('007', 1);
    index.set('007', 2);
    index.set('7', 3);
    expect([index.size, index.get('007'), index.get('7')]).toEqual([2, 2, 3]);
  });

  it('claims a key once: the first claim stores its value, later claims answer it and change nothing', () => {
    const index = new FingerprintIndex();
    expect(index.claim('a1', 5)).toBeUndefined();
    expect(index.claim('a1', 9)).toBe(5);
    expect(index.claim('A1', 7)).toBeUndefined();
    for (let i = 1; i <= 40_000; i += 1) expect(index.claim(`id-${i}`, i)).toBeUndefined();
    for (let i = 1; i <= 40_000; i += 1) expect(index.claim(`id-${i}`, 1)).toBe(i);
    expect([index.size, index.get('a1'), index.get('A1')]).toEqual([40_002, 5, 7]);
    expect(() => index.claim('x', 0)).toThrow(RangeError);
  });

  it('refuses values it cannot hold: 0 marks an empty slot, and slots are 32-bit', () => {
    for (const value of [0, -1, 1.5, 2 ** 31]) expect(() => new FingerprintIndex().set('x', value)).toThrow(RangeError);
  });

  it('gives 300,000 similar keys 300,000 distinct first lanes (the lanes are avalanched)', { tags: ['slow'] }, () => {
    const lanes = new Int32Array(3);
    const firsts = new Set<number>();
    for (let i = 0; i < 300_000; i += 1) {
      fingerprint(`cus_${i}`, lanes);
      firsts.add(lanes[0] ?? 0);
    }
    // A 32-bit lane over 300,000 keys expects ~10 birthday collisions; structure would show as thousands.
    expect(firsts.size).toBeGreaterThan(299_950);
  });
});
