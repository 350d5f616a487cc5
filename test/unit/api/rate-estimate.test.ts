import { describe, expect, it } from 'vitest';
import { inferRate } from '../../../src/api/rate-estimate.js';

const perMinute = (rate: number | undefined): number | undefined => (rate === undefined ? undefined : Math.round(rate * 60_000));
const spaced = (from: number, count: number, gap: number): number[] => Array.from({ length: count }, (_, i) => from + i * gap);

describe('inferRate', () => {
  it('a burst that filled the window: its size over the time until the window opened (30 per 15.5 s)', () => {
    const successes = spaced(0, 30, 250);
    expect(perMinute(inferRate({ successes, refusedAt: 7_500, openedAt: 15_500 }))).toBe(116);
  });

  it('does not count an idle spell before the burst (a confirmation) as part of the window', () => {
    const successes = [0, ...spaced(30_000, 30, 250)];
    expect(perMinute(inferRate({ successes, refusedAt: 37_500, openedAt: 45_500 }))).toBe(116);
  });

  it('counts a gap shorter than the hold as inside the window: a steady pace just above the limit', () => {
    const successes = spaced(0, 130, 450);
    // 130 starts in the 58.5 s before the refusal, and the window opened 1 s later: at most 130 per 59.5 s.
    expect(perMinute(inferRate({ successes, refusedAt: 58_500, openedAt: 59_500 }))).toBe(131);
  });

  it('knows nothing without a success before the refusal', () => {
    expect(inferRate({ successes: [], refusedAt: 0, openedAt: 1_000 })).toBeUndefined();
    expect(inferRate({ successes: [2_000], refusedAt: 1_000, openedAt: 3_000 })).toBeUndefined();
  });
});
