import { describe, expect, it } from 'vitest';
import { IdChecklist, wantedIdsOf } from '../../../src/plan/id-checklist.js';

describe('the id checklist', () => {
  it('holds each id once and ticks it off once, byte for byte', () => {
    const checklist = IdChecklist.of(['a', 'b', 'A', 'José', 'Jose\u0301']);
    expect([checklist.size, checklist.missing, checklist.add('b')]).toEqual([5, 5, false]);
    expect([checklist.tick('a'), checklist.tick('a'), checklist.tick('c'), checklist.tick('Jose\u0301')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(['a', 'A', 'José', 'Jose\u0301', 'c'].map((id) => checklist.isMissing(id))).toEqual([false, true, true, false, false]);
    expect([checklist.size, checklist.missing]).toEqual([5, 3]);
  });

  it('keeps two hundred thousand ids apart', () => {
    const checklist = new IdChecklist(200_000);
    for (let i = 0; i < 200_000; i += 1) checklist.add(String(i).padStart(8, '0'));
    for (let i = 0; i < 200_000; i += 2) checklist.tick(String(i).padStart(8, '0'));
    expect([checklist.size, checklist.missing, checklist.isMissing('00000001'), checklist.isMissing('00000002')]).toEqual([
      200_000,
      100_000,
      true,
      false,
    ]);
  });

  it('remembers the place each id was added with, found or not (undo finds its customer by it)', () => {
    const checklist = new IdChecklist();
    for (const [place, id] of ['u0', 'u1', 'u2'].entries()) checklist.add(id, place * 500_000_000);
    expect(checklist.add('u1', 7)).toBe(false);
    expect(checklist.tick('u2')).toBe(true);
    expect(['u0', 'u1', 'u2', 'u3'].map((id) => checklist.placeOf(id))).toEqual([0, 500_000_000, 1_000_000_000, undefined]);
    expect(['u0', 'u2'].map((id) => checklist.isMissing(id))).toEqual([true, false]);
    expect(checklist.tick('u2')).toBe(false);
  });

  it('lists ids in memory in the order given', async () => {
    const wanted = wantedIdsOf(new Set(['z', 'a', 'm']));
    const listed = [];
    for await (const id of wanted.list()) listed.push(id);
    expect([listed, wanted.checklist.size]).toEqual([['z', 'a', 'm'], 3]);
  });
});
