import { describe, expect, it } from 'vitest';
import type { BlanksPolicy } from '../../../src/model.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { createRowValidator, type RowVerdict } from '../../../src/rows/validate-row.js';

const HEADERS = ['user_id', 'name', 'email', 'phone', 'company'];

/** Validate one row given as cells under HEADERS (or other headers), at line 2. */
function check(cells: string[], options: { headers?: string[]; blanks?: BlanksPolicy } = {}): RowVerdict {
  const mapping = mapColumns(options.headers ?? HEADERS);
  return createRowValidator({ mapping, blanks: options.blanks ?? 'keep' })({ line: 2, cells });
}

function contactOf(cells: string[], options?: { headers?: string[]; blanks?: BlanksPolicy }) {
  const verdict = check(cells, options);
  if (!verdict.ok) throw new Error(`expected a valid row, got ${verdict.reject.code}: ${verdict.reject.message}`);
  return verdict.row.contact;
}

function rejectOf(cells: string[], options?: { headers?: string[]; blanks?: BlanksPolicy }) {
  const verdict = check(cells, options);
  if (verdict.ok) throw new Error(`expected a reject, got ${JSON.stringify(verdict.row.contact)}`);
  return verdict.reject;
}

const row = (userId: string, more: Partial<Record<'name' | 'email' | 'phone' | 'company', string>> = {}) => [
  userId,
  more.name ?? 'Ann Lee',
  more.email ?? 'ann@example.com',
  more.phone ?? '',
  more.company ?? '',
];

describe('user_id', () => {
  it.each(['007', '0042', '00000000000000000001', '12345678901234567890'])('keeps %j as the same string', (id) => {
    expect(contactOf(row(id)).userId).toBe(id);
  });

  it('trims only leading and trailing whitespace, keeping inner characters byte-identical', () => {
    expect(contactOf(row(' \t a  b\u00a0c \n')).userId).toBe('a  b\u00a0c');
  });

  it.each(['1.23457E+11', '1E+15', '5.5e10', '-2.1e-3', '+1.5E+3', ' 4.2E+07 '])('rejects %j as scientific notation', (id) => {
    const reject = rejectOf(row(id));
    expect(reject.code).toBe('user_id_scientific_notation');
    expect(reject.message).toContain(`user_id "${id.trim()}" is in scientific notation`);
  });

  it.each(['E123', 'e5', 'abc1e5', '1e5x', '12e45', '1e5', '3e8a9f', '1.2.3e4', '1e+', 'e+5'])(
    'accepts %j, which is not spreadsheet notation',
    (id) => {
      expect(contactOf(row(id)).userId).toBe(id);
    },
  );

  it('explains the scientific-notation reject in words a person can act on', () => {
    expect(rejectOf(row('1.23457E+11')).message).toBe(
      'user_id "1.23457E+11" is in scientific notation: the spreadsheet already lost its digits; re-export the column as text',
    );
  });

  it.each(['', '   ', '\t'])('rejects a blank user_id %j as missing_user_id', (id) => {
    expect(rejectOf(row(id))).toMatchObject({ code: 'missing_user_id', message: 'user_id is empty' });
  });

  it('accepts 255 characters and rejects 256 as field_too_long', () => {
    expect(contactOf(row('x'.repeat(255))).userId).toHaveLength(255);
    expect(rejectOf(row('x'.repeat(256)))).toMatchObject({
      code: 'field_too_long',
      message: 'user_id is 256 characters long; the limit is 255',
    });
  });
});

describe('name', () => {
  it('rejects a whitespace-only name as missing_name', () => {
    expect(rejectOf(row('u1', { name: '  \t ' }))).toMatchObject({ code: 'missing_name', message: 'name is empty' });
  });

  it('trims the name', () => {
    expect(contactOf(row('u1', { name: '  Ann  Lee ' })).name).toBe('Ann  Lee');
  });

  it('joins first and last name with one space, skipping a blank part', () => {
    const headers = ['User ID', 'First Name', 'Last Name', 'Email'];
    expect(contactOf(['u1', ' Ann ', ' Lee ', 'a@example.com'], { headers }).name).toBe('Ann Lee');
    expect(contactOf(['u1', 'Ann', '  ', 'a@example.com'], { headers }).name).toBe('Ann');
    expect(contactOf(['u1', '', 'Lee', 'a@example.com'], { headers }).name).toBe('Lee');
    expect(rejectOf(['u1', ' ', '', 'a@example.com'], { headers }).code).toBe('missing_name');
  });
});

describe('email', () => {
  it('rejects an address without a domain, saying so', () => {
    expect(rejectOf(row('u1', { email: 'bob@' }))).toMatchObject({
      code: 'invalid_email',
      message: 'email "bob@" is not a valid address',
    });
  });

  it.each(['bob', 'bob@gmail', 'bob@@example.com', 'a b@example.com', '.bob@example.com', 'bob..x@example.com', 'bob@example.c'])(
    'rejects %j as invalid_email',
    (email) => {
      expect(rejectOf(row('u1', { email })).code).toBe('invalid_email');
    },
  );

  it.each(["o'brien@example.ie", 'ann+crm@sub.example.co.uk', 'a_b-c@xn--bcher-kva.ch'])('accepts %j', (email) => {
    expect(contactOf(row('u1', { email })).email).toBe(email);
  });

  it('quotes at most 80 characters of a bad value, so one cell cannot flood the report', () => {
    const message = rejectOf(row('u1', { email: `${'x'.repeat(200)}@` })).message;
    expect(message).toBe(`email "${'x'.repeat(77)}…" is not a valid address`);
  });

  it('stores the address trimmed, with its case kept', () => {
    expect(contactOf(row('u1', { email: '  Bob@Example.COM ' })).email).toBe('Bob@Example.COM');
  });

  it('rejects a blank email as missing_email, not invalid_email', () => {
    expect(rejectOf(row('u1', { email: ' ' }))).toMatchObject({ code: 'missing_email', message: 'email is empty' });
  });
});

describe('optional fields', () => {
  it('trims phone and company', () => {
    expect(contactOf(row('u1', { phone: ' +1 555 0100 ', company: ' Acme, Inc. ' }))).toMatchObject({
      phone: '+1 555 0100',
      company: 'Acme, Inc.',
    });
  });

  it('leaves blank cells undefined under blanks=keep and null under blanks=clear', () => {
    expect(contactOf(row('u1', { phone: '', company: '  ' }))).toMatchObject({ phone: undefined, company: undefined });
    const cleared = contactOf(row('u1', { phone: '', company: '  ' }), { blanks: 'clear' });
    expect(cleared.phone).toBeNull();
    expect(cleared.company).toBeNull();
  });

  it('leaves a field without a column undefined even under blanks=clear', () => {
    const contact = contactOf(['u1', 'Ann', 'a@example.com'], { headers: ['user_id', 'name', 'email'], blanks: 'clear' });
    expect(contact.phone).toBeUndefined();
    expect(contact.company).toBeUndefined();
  });

  it('rejects a 256-character company as field_too_long, naming the field and the length', () => {
    expect(rejectOf(row('u1', { company: 'c'.repeat(256) }))).toMatchObject({
      code: 'field_too_long',
      message: 'company is 256 characters long; the limit is 255',
    });
    expect(contactOf(row('u1', { company: ` ${'c'.repeat(255)} ` })).company).toHaveLength(255);
  });
});

describe('rows with several problems', () => {
  it('reports the first problem’s code in field order and lists every problem', () => {
    const reject = rejectOf(['', 'Ann', 'bob@', '', 'c'.repeat(300)]);
    expect(reject.code).toBe('missing_user_id');
    expect(reject.message).toBe('user_id is empty; email "bob@" is not a valid address; company is 300 characters long; the limit is 255');
  });

  it('keeps the line and the cells of a rejected row as read', () => {
    const cells = ['1E+15', 'Ann', 'a@example.com', '', ''];
    expect(rejectOf(cells)).toMatchObject({ line: 2, cells });
  });

  it('treats a short record’s missing cells as blank', () => {
    expect(rejectOf(['u1', 'Ann']).code).toBe('missing_email');
  });
});
