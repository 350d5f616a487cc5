import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StoredCustomer } from '../../../src/api/customer-api.js';
import { HciError } from '../../../src/errors.js';
import type { ValidRow } from '../../../src/model.js';
import type { PlanFolder } from '../../../src/plan/plan-files.js';
import { openPlanSpill } from '../../../src/plan/plan-spill.js';
import type { PlannedRow } from '../../../src/upsert/write-types.js';
import { openRowSpill } from '../../../src/plan/row-spill.js';
import { LinePlaces, openStoredSpill } from '../../../src/plan/stored-spill.js';
import { spillDir } from './spill-dir.js';

const customer = (id: number, name: string): StoredCustomer => ({ id, fields: { userId: `u${id}`, name } }) as StoredCustomer;

describe('the stored spill', () => {
  it('reads each customer back by userId from its byte offset, whatever the characters before it', async () => {
    const { dir, done } = spillDir();
    try {
      const stored = openStoredSpill(dir);
      const names = ['Zoë', '李小龍', 'plain', '🙂 emoji', 'x'.repeat(100_000)];
      for (const [i, name] of names.entries()) stored.add(customer(i + 1, name));
      stored.open();
      expect(names.map((_, i) => stored.get(`u${i + 1}`)?.fields.name)).toEqual(names);
      expect(stored.get('u99')).toBeUndefined();
      expect(stored.size).toBe(5);
      stored.close();
      stored.close();
    } finally {
      done();
    }
  });
});

describe('where the stored spill finds a line', () => {
  it('keeps offsets past 9 GB exact (packed with the length into one double, they were not)', () => {
    const places = new LinePlaces(2);
    const far = 12_000_000_123; // a 12 GB spill: ten million customers of 1.2 KB
    places.set(1, far, 987);
    places.set(40, 2 ** 45 + 1, 4_000_000); // grown past its size; a line of 4 MB
    expect([places.offsetOf(1), places.lengthOf(1), places.offsetOf(40), places.lengthOf(40)]).toEqual([far, 987, 2 ** 45 + 1, 4_000_000]);
    // The old packing: offset × 1,000,000 + length is past 2^53 here, so the length read back was wrong.
    expect((far * 1_000_000 + 987) % 1_000_000).not.toBe(987);
  });
});

describe('the row spill', () => {
  it('streams the rows back in order, refuses a second row of a userId, and remove() leaves nothing', async () => {
    const { dir, path, done } = spillDir();
    try {
      const spill = openRowSpill(dir);
      const row = (line: number, userId: string) => ({ line, cells: [userId, 'é'], contact: { userId, name: 'N', email: 'e@x.io' } });
      spill.add(row(2, 'a'));
      spill.add(row(3, 'b'));
      expect(() => spill.add(row(4, 'a'))).toThrow(/line 4/);
      const back = [];
      for await (const kept of spill.rows()) back.push(kept);
      expect(back).toEqual([row(2, 'a'), row(3, 'b')]);
      const taken = spill.takeUserIds();
      const listed = [];
      for await (const id of taken.list()) listed.push(id);
      expect([spill.count, taken.checklist.size, listed, spill.takeUserIds().checklist.size]).toEqual([2, 2, ['a', 'b'], 0]);
      // Handed over, the ids are no longer the spill's: a row spilled after that is a bug.
      expect(() => spill.add(row(5, 'c'))).toThrow(/handed over/);
      spill.remove();
      expect(readdirSync(path)).toEqual([]);
    } finally {
      done();
    }
  });
});

// /dev/full refuses every write with ENOSPC, as a full disk does: a spill that cannot be written is the
// report folder's problem (exit 2, naming the file), and closing it on the way out does not throw over it.
describe('a spill file the disk will not take', () => {
  const full: PlanFolder = { path: () => '/dev/full', remove: () => undefined };
  const refused = { exitCode: 2, code: 'HCI_REPORT_DIR_INVALID', message: expect.stringMatching(/^Cannot write \/dev\/full: .*ENOSPC/) };

  it.runIf(existsSync('/dev/full'))('the stored spill: refused when the lookup ends, and closed quietly', () => {
    const stored = openStoredSpill(full);
    stored.add(customer(1, 'x'.repeat(1000)));
    let error: unknown;
    try {
      stored.open();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(HciError);
    expect(error).toMatchObject(refused);
    expect(() => stored.close()).not.toThrow();
  });

  it.runIf(existsSync('/dev/full'))('the plan spill: refused as it is written or finished, and closed quietly', () => {
    const plan = openPlanSpill(full);
    const entry = (line: number) =>
      ({ row: { line, contact: { userId: `u${line}`, notes: 'n'.repeat(1000) } }, plan: { action: 'create' } }) as unknown as PlannedRow;
    const add = (): void => {
      for (let line = 2; line < 200; line += 1) plan.add(entry(line));
    };
    expect(add).toThrow(HciError);
    expect(add).toThrow(/Cannot write \/dev\/full/);
    expect(() => plan.finish()).toThrow(HciError);
    expect(() => plan.close()).not.toThrow();
  });

  it.runIf(existsSync('/dev/full'))('the row spill: refused as rows are kept, and removed without a second error', () => {
    const rows = openRowSpill(full);
    const row = (line: number) => ({ line, contact: { userId: `u${line}`, notes: 'n'.repeat(1000) } }) as unknown as ValidRow;
    expect(() => {
      for (let line = 2; line < 200; line += 1) rows.add(row(line));
    }).toThrow(expect.objectContaining(refused));
    expect(() => rows.remove()).not.toThrow();
  });
});
