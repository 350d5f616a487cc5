import { describe, expect, it } from 'vitest';
import { LineSet } from '../../src/line-set.js';

describe('the line set', () => {
  it('adds each line once, far beyond its first size, and forgets none', () => {
    const lines = new LineSet();
    const added = [0, 1, 7, 8, 32_767, 32_768, 5_000_001].map((line) => lines.add(line));
    expect(added).toEqual([true, true, true, true, true, true, true]);
    expect([lines.add(8), lines.add(5_000_001), lines.has(5_000_000), lines.has(32_768), lines.has(2)]).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
  });
});
