import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ValidRow } from '../../../src/model.js';
import { createUserIdChecker, hasCase, isNotNfc, type UserIdFinding } from '../../../src/rows/check-user-ids.js';

const row = (line: number, userId: string): ValidRow => ({ line, cells: [], contact: { userId, name: 'N', email: 'n@example.com' } });

/** The findings for `ids`, fed as kept rows from line 2 on. */
function findingsOf(ids: readonly string[]): UserIdFinding[] {
  const findings: UserIdFinding[] = [];
  const check = createUserIdChecker((finding) => findings.push(finding));
  for (const [index, id] of ids.entries()) check(row(index + 2, id));
  return findings;
}

const NFC_JOSE = 'Jos\u00E9';
const NFD_JOSE = 'Jose\u0301';

// V8's own full collection, reachable without --expose-gc: the flag is set, then a fresh context sees `gc`.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('isNotNfc', () => {
  it('flags a decomposed id and passes its composed twin', () => {
    expect(isNotNfc(NFD_JOSE)).toBe(true);
    expect(isNotNfc(NFC_JOSE)).toBe(false);
    expect(isNotNfc('Ǆ-ﬁ-①')).toBe(false);
  });
});

describe('hasCase', () => {
  it('tells ids that could have a case variant from those that cannot', () => {
    expect(['a1', 'Z-9', 'é', 'Σ1'].map(hasCase)).toEqual([true, true, true, true]);
    expect(['00042', '1-2_3', '東京', '٣٤'].map(hasCase)).toEqual([false, false, false, false]);
    // The ASCII neighbours of the letters, and a letter after a caseless non-ASCII character.
    expect(['@[`{', '_^]\\|~', '', '東a', 'x東'].map(hasCase)).toEqual([false, false, false, true, true]);
  });
});

describe('createUserIdChecker', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports an id not in NFC with its line, and sends nothing else', () => {
    expect(findingsOf(['u-1', NFD_JOSE, NFC_JOSE])).toEqual([{ code: 'user_id_not_nfc', line: 3, userId: NFD_JOSE }]);
  });

  it('reports each later spelling of an id that differs only in letter case, with the first line', () => {
    expect(findingsOf(['Abc', 'x', 'ABC', 'abc', 'abd'])).toEqual([
      { code: 'user_id_case_variant', line: 4, userId: 'ABC', firstLine: 2 },
      { code: 'user_id_case_variant', line: 5, userId: 'abc', firstLine: 2 },
    ]);
  });

  it('folds case beyond ASCII', () => {
    expect(findingsOf(['ÉLODIE', 'élodie'])).toEqual([{ code: 'user_id_case_variant', line: 3, userId: 'élodie', firstLine: 2 }]);
  });

  it('finds nothing in distinct ids, and never normalises an ASCII id', () => {
    const normalize = vi.spyOn(String.prototype, 'normalize');
    expect(findingsOf(Array.from({ length: 5000 }, (_, i) => `user-${i}`))).toEqual([]);
    expect(normalize).not.toHaveBeenCalled();
    findingsOf([NFC_JOSE]);
    expect(normalize).toHaveBeenCalledTimes(1);
  });

  it('keeps no id strings: a million distinct ids fit in the fingerprint slots', { tags: ['slow'] }, () => {
    const check = createUserIdChecker(() => {
      throw new Error('no finding expected');
    });
    // Retained memory after a full collection, not whatever garbage the loop left: that depends on GC timing.
    const retained = (): number => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const before = retained();
    for (let i = 0; i < 1_000_000; i += 1) check(row(i + 2, `customer-${i}`));
    // 2^21 slots of 16 bytes live in an ArrayBuffer, outside the heap; a Map of a million strings would not.
    expect(retained() - before).toBeLessThan(40_000_000);
  });
});
