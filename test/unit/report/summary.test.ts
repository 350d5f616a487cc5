import { describe, expect, it } from 'vitest';
import { HciError } from '../../../src/errors.js';
import { checkInvariants, emptyCounts, finishedExitCode } from '../../../src/report/summary.js';

const counts = (patch: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...patch });

describe('checkInvariants', () => {
  it('accepts counts that reconcile', () => {
    expect(() =>
      checkInvariants(counts({ rows: 5, valid: 3, rejected: 1, duplicates: 1, created: 2, unchanged: 1 }), 'apply', 'finished'),
    ).not.toThrow();
  });

  it('ends as an internal error when rows do not add up', () => {
    const run = () => checkInvariants(counts({ rows: 5, valid: 3, rejected: 1 }), 'dry-run', 'finished');
    expect(run).toThrow(HciError);
    expect(run).toThrow(/rows 5/);
  });

  it('requires every valid row to have an outcome after a finished apply, but not after an interruption', () => {
    const partial = counts({ rows: 3, valid: 3, created: 1 });
    expect(() => checkInvariants(partial, 'apply', 'finished')).toThrow(/valid 3/);
    expect(() => checkInvariants(partial, 'apply', 'interrupted')).not.toThrow();
  });
});

describe('finishedExitCode', () => {
  it.each([
    ['any', { duplicates: 1 }, 4],
    ['any', {}, 0],
    ['failures', { duplicates: 2 }, 0],
    ['failures', { rejected: 1 }, 4],
    ['failures', { failed: 1 }, 4],
    ['none', { rejected: 3, failed: 2, duplicates: 1 }, 0],
  ] as const)('--fail-on %s with %j exits %i', (failOn, patch, code) => {
    expect(finishedExitCode(counts(patch), failOn)).toBe(code);
  });
});
