import { describe, expect, it } from 'vitest';
import type { ValidRow } from '../../../src/model.js';
import { createSharedEmailCounter, emailKey } from '../../../src/rows/count-shared-emails.js';

const row = (line: number, userId: string, email: string): ValidRow => ({
  line,
  cells: [],
  contact: { userId, name: 'N', email },
});

describe('createSharedEmailCounter', () => {
  it('flags an email another user_id already used, comparing case-insensitively', () => {
    const counter = createSharedEmailCounter();
    expect(counter.check(row(2, 'A', 'ann@example.com'))).toBe(false);
    expect(counter.check(row(3, 'B', 'Ann@Example.COM'))).toBe(true);
    expect(counter.check(row(4, 'C', 'ann@example.com'))).toBe(true);
    expect(counter.check(row(5, 'D', 'dan@example.com'))).toBe(false);
    expect(counter.sharedEmails).toBe(1);
    expect(counter.sharedRows).toBe(2);
  });

  it('does not flag the same user_id using its own email again', () => {
    const counter = createSharedEmailCounter();
    counter.check(row(2, 'A', 'ann@example.com'));
    expect(counter.check(row(3, 'A', 'ANN@example.com'))).toBe(false);
    expect(counter.sharedEmails).toBe(0);
  });

  it('treats user ids that differ only in case as different users', () => {
    const counter = createSharedEmailCounter();
    counter.check(row(2, 'a1', 'x@example.com'));
    expect(counter.check(row(3, 'A1', 'x@example.com'))).toBe(true);
  });
});

describe('hashText', () => {
  it('gives positive 31-bit values, spread over 200,000 emails', { tags: ['slow'] }, async () => {
    const { hashText } = await import('../../../src/rows/count-shared-emails.js');
    const hashes = new Set<number>();
    for (let i = 0; i < 200_000; i += 1) {
      const hash = hashText(`user${i}@example.com`);
      expect(hash > 0 && hash <= 0x7fffffff && Number.isInteger(hash)).toBe(true);
      hashes.add(hash);
    }
    // 200,000 values in 2^31 expect ~10 birthday collisions; a poor hash would show thousands.
    expect(hashes.size).toBeGreaterThan(199_950);
  });
});

describe('emailKey', () => {
  it('is trim + lower case, for emails already in that form and for every way out of it', () => {
    const emails = [
      'bob@x.com',
      'Bob@X.com',
      ' bob@x.com',
      'bob@x.com\t',
      '\u00a0bob@x.com',
      'bob@x.com\u2028',
      'BÖB@x.com',
      'böb@x.com',
      '',
      ' ',
      '@[`{',
    ];
    for (const email of emails) expect(emailKey(email)).toBe(email.trim().toLowerCase());
    const same = 'carol@example.com';
    expect(emailKey(same)).toBe(same);
  });
});
