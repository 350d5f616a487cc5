import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import type { DuplicatePolicy, DuplicateRow, RawRecord, ValidRow } from '../../../src/model.js';
import { createDeduper, createDuplicateIndex, createFirstWinsDeduper, needsDuplicateIndex } from '../../../src/rows/dedupe-rows.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { createRowValidator } from '../../../src/rows/validate-row.js';

const validRow = (line: number, userId: string): ValidRow => ({
  line,
  cells: [userId],
  contact: { userId, name: 'N', email: 'n@example.com' },
});

interface Outcome {
  kept: number[];
  duplicates: Array<Pick<DuplicateRow, 'line' | 'keptLine' | 'userId'>>;
}

/** Run valid rows through a policy the way the core does: an index pass first when the policy needs one. */
function dedupe(policy: DuplicatePolicy, chunks: ValidRow[][]): Outcome {
  let index: ReturnType<typeof createDuplicateIndex> | undefined;
  if (needsDuplicateIndex(policy)) {
    index = createDuplicateIndex();
    for (const chunk of chunks) for (const row of chunk) index.add(row);
  }
  const decide = createDeduper(policy, index);
  const outcome: Outcome = { kept: [], duplicates: [] };
  for (const chunk of chunks) {
    for (const row of chunk) {
      const decision = decide(row);
      if (decision.kept) outcome.kept.push(row.line);
      else
        outcome.duplicates.push({
          line: decision.duplicate.line,
          keptLine: decision.duplicate.keptLine,
          userId: decision.duplicate.userId,
        });
    }
  }
  return outcome;
}

// A@2, B@3, A@4, A@5, C@6, B@7
const ROWS = [validRow(2, 'A'), validRow(3, 'B'), validRow(4, 'A'), validRow(5, 'A'), validRow(6, 'C'), validRow(7, 'B')];

describe('--on-duplicate first', () => {
  it('keeps the first row of an id and reports each later one with the kept line', () => {
    expect(dedupe('first', [ROWS])).toEqual({
      kept: [2, 3, 6],
      duplicates: [
        { line: 4, keptLine: 2, userId: 'A' },
        { line: 5, keptLine: 2, userId: 'A' },
        { line: 7, keptLine: 3, userId: 'B' },
      ],
    });
  });

  it('needs no index pass and works online', () => {
    expect(needsDuplicateIndex('first')).toBe(false);
    const decide = createFirstWinsDeduper();
    expect(decide(validRow(2, 'A'))).toEqual({ kept: true });
    expect(decide(validRow(9, 'A'))).toEqual({ kept: false, duplicate: { line: 9, cells: ['A'], userId: 'A', keptLine: 2 } });
  });

  it('compares user ids exactly: case and inner characters matter', () => {
    const rows = [validRow(2, 'A1'), validRow(3, 'a1'), validRow(4, 'A 1'), validRow(5, '007'), validRow(6, '7')];
    expect(dedupe('first', [rows]).duplicates).toEqual([]);
  });
});

describe('--on-duplicate last', () => {
  it('keeps the last row of an id and reports each earlier one with the line of the last', () => {
    expect(dedupe('last', [ROWS])).toEqual({
      kept: [5, 6, 7],
      duplicates: [
        { line: 2, keptLine: 5, userId: 'A' },
        { line: 3, keptLine: 7, userId: 'B' },
        { line: 4, keptLine: 5, userId: 'A' },
      ],
    });
  });
});

describe('--on-duplicate reject', () => {
  it('reports every row of a repeated id with no kept line', () => {
    expect(dedupe('reject', [ROWS])).toEqual({
      kept: [6],
      duplicates: [
        { line: 2, keptLine: null, userId: 'A' },
        { line: 3, keptLine: null, userId: 'B' },
        { line: 4, keptLine: null, userId: 'A' },
        { line: 5, keptLine: null, userId: 'A' },
        { line: 7, keptLine: null, userId: 'B' },
      ],
    });
  });
});

describe('every policy', () => {
  /** 300 rows over 40 ids, from a fixed seed, so the test is the same on every run. */
  function manyRows(): ValidRow[] {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    return Array.from({ length: 300 }, (_, i) => validRow(i + 2, `id-${next() % 40}`));
  }

  function chunked<T>(items: T[], size: number): T[][] {
    return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  }

  /** What the policies mean, computed the obvious way from the whole list. */
  function expected(policy: DuplicatePolicy, rows: ValidRow[]): number[] {
    const lines = new Map<string, ValidRow[]>();
    for (const row of rows) lines.set(row.contact.userId, [...(lines.get(row.contact.userId) ?? []), row]);
    return rows
      .filter((row) => {
        const group = lines.get(row.contact.userId) ?? [];
        if (policy === 'reject') return group.length === 1;
        return row === (policy === 'first' ? group[0] : group.at(-1));
      })
      .map((row) => row.line);
  }

  it.each(['first', 'last', 'reject'] as const)('%s: gives the same outcome in one array or in chunks of any size', (policy) => {
    const rows = manyRows();
    const whole = dedupe(policy, [rows]);
    expect(whole.kept).toEqual(expected(policy, rows));
    expect(whole.kept.length + whole.duplicates.length).toBe(rows.length);
    expect(whole.duplicates.length).toBeGreaterThan(100);
    for (const size of [1, 2, 7, 64, 299]) expect(dedupe(policy, chunked(rows, size))).toEqual(whole);
  });
});

describe('with validation in front', () => {
  const validate = createRowValidator({ mapping: mapColumns(['user_id', 'name', 'email']), blanks: 'keep' });
  const records: RawRecord[] = [
    { line: 2, cells: ['X', 'Ann', 'not-an-email'] },
    { line: 3, cells: ['X', 'Ann', 'ann@example.com'] },
    { line: 4, cells: ['Y', '', 'y@example.com'] },
  ];
  const validRows = () =>
    records.flatMap((record) => {
      const verdict = validate(record);
      return verdict.ok ? [verdict.row] : [];
    });

  it.each(['first', 'last', 'reject'] as const)('%s: a rejected row does not claim its user_id', (policy) => {
    expect(dedupe(policy, [validRows()])).toEqual({ kept: [3], duplicates: [] });
  });
});

describe('DuplicateIndex', () => {
  it('knows the first and last line and the count of each id', () => {
    const index = createDuplicateIndex();
    for (const row of ROWS) index.add(row);
    expect(index.get('A')).toEqual({ firstLine: 2, lastLine: 5, count: 3 });
    expect(index.get('C')).toEqual({ firstLine: 6, lastLine: 6, count: 1 });
    expect(index.get('Z')).toBeUndefined();
    expect(index.repeatedIds).toBe(2);
  });

  it('is required by last and reject', () => {
    expect(needsDuplicateIndex('last')).toBe(true);
    expect(() => createDeduper('reject')).toThrow(expect.objectContaining({ code: ErrorCode.invariant }));
  });

  it('refuses a row the first pass never saw (the file changed between passes)', () => {
    const index = createDuplicateIndex();
    index.add(validRow(2, 'A'));
    const decide = createDeduper('last', index);
    expect(() => decide(validRow(3, 'B'))).toThrow(/line 3 .*not seen in the first pass/);
    expect(() => decide(validRow(9, 'A'))).toThrow(/line 9/);
  });
});
