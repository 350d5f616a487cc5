import { describe, expect, it } from 'vitest';
import { reclassify } from '../../../src/core/record-outcomes.js';
import type { JournalState } from '../../../src/journal/read-journal.js';
import type { RowOutcome } from '../../../src/upsert/ports.js';

const resumed = (inFlight: [number, 'create' | 'update'][]): JournalState =>
  ({ inFlight: new Map(inFlight), outcomes: new Map(), failures: new Map(), finished: false }) as unknown as JournalState;
const outcome = (line: number, action: 'created' | 'updated' | 'unchanged'): RowOutcome => ({ line, userId: `u${line}`, action, id: line });

describe('reclassify', () => {
  const state = resumed([[2, 'create'], [3, 'update']]);

  it('counts a create that was in flight as created, found as it is or needing an update', () => {
    expect(reclassify(outcome(2, 'unchanged'), state).action).toBe('created');
    expect(reclassify(outcome(2, 'updated'), state).action).toBe('created');
  });

  it('counts an update that was in flight and is now found unchanged as updated', () => {
    expect(reclassify(outcome(3, 'unchanged'), state).action).toBe('updated');
  });

  it('leaves rows that were not in flight, and fresh runs, alone', () => {
    expect(reclassify(outcome(4, 'unchanged'), state).action).toBe('unchanged');
    expect(reclassify(outcome(2, 'unchanged'), undefined).action).toBe('unchanged');
  });
});
