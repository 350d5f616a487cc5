import { describe, expect, it } from 'vitest';
import type { ValidRow } from '../../../src/model.js';
import { collisionWarning, createRowRekeyer, rekeyerFor } from '../../../src/rows/rekey-rows.js';

const row = (line: number, userId: string, extra: Partial<ValidRow['contact']> = {}): ValidRow => ({
  line,
  cells: [userId, `Name ${line}`],
  contact: { userId, name: `Name ${line}`, email: `n${line}@example.com`, ...extra },
});

describe('createRowRekeyer', () => {
  it('writes the hash, keeps the original on the row and leaves the input row untouched', () => {
    const rekeyer = createRowRekeyer({ hash: (id) => `h(${id})` });
    const input = row(2, 'u-1');
    expect(rekeyer.rekey(input)).toEqual({
      kept: true,
      row: { ...input, contact: { ...input.contact, userId: 'h(u-1)' }, originalUserId: 'u-1' },
    });
    expect(input.contact.userId).toBe('u-1');
    expect(input.originalUserId).toBeUndefined();
  });

  it('makes a row whose different id hashes like an earlier one a duplicate of that line', () => {
    // A fake scheme with collisions: only the first letter counts.
    const rekeyer = createRowRekeyer({ hash: (id) => id.slice(0, 1) });
    expect(rekeyer.rekey(row(2, 'apple')).kept).toBe(true);
    expect(rekeyer.rekey(row(3, 'banana')).kept).toBe(true);
    expect(rekeyer.rekey(row(5, 'avocado'))).toEqual({
      kept: false,
      duplicate: { line: 5, cells: ['avocado', 'Name 5'], userId: 'avocado', keptLine: 2 },
    });
    expect(rekeyer.collisions).toBe(1);
    expect(collisionWarning(rekeyer)).toEqual(expect.objectContaining({ code: 'hashed_user_id_collision' }));
  });

  it('stores the original id as a custom attribute only when asked, next to the row’s own', () => {
    const keep = createRowRekeyer({ hash: (id) => `h(${id})`, keepOriginalIdAs: 'site_id' });
    const kept = keep.rekey(row(2, 'u-1', { customData: { plan: 'pro' } }));
    expect(kept.kept && kept.row.contact.customData).toEqual({ plan: 'pro', site_id: 'u-1' });
    const plain = createRowRekeyer({ hash: (id) => `h(${id})` }).rekey(row(2, 'u-1'));
    expect(plain.kept && plain.row.contact.customData).toBeUndefined();
  });
});

describe('rekeyerFor', () => {
  it('is undefined without hashing, and hashes with the run’s scheme and prefix', () => {
    expect(rekeyerFor(undefined)).toBeUndefined();
    const rekeyer = rekeyerFor({ scheme: 'hmac-sha256', secret: 'secret', prefix: 'p_' });
    const kept = rekeyer?.rekey(row(2, 'Message'));
    expect(kept?.kept && kept.row.contact.userId).toBe('p_aa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597');
    expect(collisionWarning(rekeyer)).toBeUndefined();
  });
});
