import { describe, expect, it } from 'vitest';
import { SettledSteps } from '../../../src/undo/settled-steps.js';

describe('SettledSteps', () => {
  it('lists every settled customer by line, with its user_id, outcome and reason, whatever order they settled in', () => {
    const settled = new SettledSteps();
    settled.add({ line: 5000, userId: 'c', action: 'failed', reason: 'HCI_API_REJECTED: no' });
    settled.add({ line: 2, userId: 'a', action: 'deleted', reason: 'created by the run' });
    settled.add({ line: 7, userId: 'b', action: 'restored', reason: 'updated by the run' });
    settled.add({ line: 3, userId: 'd', action: 'deleted', reason: 'created by the run' });
    expect([...settled.inLineOrder()]).toEqual([
      { line: 2, userId: 'a', action: 'deleted', reason: 'created by the run' },
      { line: 3, userId: 'd', action: 'deleted', reason: 'created by the run' },
      { line: 7, userId: 'b', action: 'restored', reason: 'updated by the run' },
      { line: 5000, userId: 'c', action: 'failed', reason: 'HCI_API_REJECTED: no' },
    ]);
    expect(settled.size).toBe(4);
    expect([settled.has(3), settled.has(4), settled.has(1_000_000)]).toEqual([true, false, false]);
    expect(settled.counts()).toEqual({ restored: 1, deleted: 2, kept: 0, already_undone: 0, failed: 1 });
  });

  it('counts a line settled twice once, as it ended last', () => {
    const settled = new SettledSteps();
    settled.add({ line: 9, userId: 'x', action: 'failed', reason: 'timeout' });
    settled.add({ line: 9, userId: 'x', action: 'already_undone', reason: 'already deleted' });
    expect(settled.size).toBe(1);
    expect(settled.counts()).toEqual({ restored: 0, deleted: 0, kept: 0, already_undone: 1, failed: 0 });
    expect([...settled.inLineOrder()]).toEqual([{ line: 9, userId: 'x', action: 'already_undone', reason: 'already deleted' }]);
  });

  it('grows past its first sizes: 100,000 customers on lines up to 300,000', () => {
    const settled = new SettledSteps();
    for (let i = 0; i < 100_000; i += 1)
      settled.add({ line: 300_000 - i * 3, userId: `u${i}`, action: 'kept', reason: 'changed since the run' });
    const lines = [...settled.inLineOrder()].map((step) => step.line);
    expect(lines).toHaveLength(100_000);
    expect(lines[0]).toBe(3);
    expect(lines.at(-1)).toBe(300_000);
    expect(settled.counts().kept).toBe(100_000);
  });
});
