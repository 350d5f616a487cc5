import { describe, expect, it } from 'vitest';
import type { StoredSandboxCustomer } from '../../../src/sandbox/start-sandbox.js';
import { call, codes, create, useSandboxes } from './sandbox-http.js';

const start = useSandboxes();

const full = {
  userId: 'u-1',
  name: 'Ada',
  email: 'ada@example.com',
  phone: '+44 1',
  company: 'Engines',
  firstSeen: '1700000000',
  lastSeen: '1700000100',
  unsubscribed: false,
  blocked: true,
  source: 'import',
  referer: 'https://example.com',
  lastPage: '/pricing',
  locale: 'en',
  notes: 'likes maths',
  tags: [{ name: 'vip', color: '#ff0000' }, { name: 'beta' }],
  customData: [
    { property: 'plan', value: 'pro' },
    { property: 'seats', value: 3 },
    { property: 'trial', value: false },
  ],
};

describe('POST /customers', () => {
  it('answers 201 with the read shape: customData as an object, unset tag colors and fields as null', async () => {
    const sandbox = await start();
    const answer = await call<StoredSandboxCustomer>(sandbox, 'POST', '/customers', full);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      ...full,
      id: 1,
      tags: [
        { name: 'vip', color: '#ff0000' },
        { name: 'beta', color: null },
      ],
      customData: { plan: 'pro', seats: 3, trial: false },
      location: null,
      device: null,
      createdAt: expect.stringMatching(/^\d+$/),
    });
    expect(sandbox.customers()).toEqual([answer.body]);
  });

  it('reads empty tags as [] and empty customData as {}', async () => {
    const sandbox = await start();
    const customer = await create(sandbox, { userId: 'u-1' });
    expect(customer.tags).toEqual([]);
    expect(customer.customData).toEqual({});
    expect(customer.email).toBeNull();
  });

  it('refuses an existing userId with invalid_userId_value and does not create a second customer', async () => {
    const sandbox = await start();
    await create(sandbox, { userId: 'u-1', name: 'First' });
    const answer = await call(sandbox, 'POST', '/customers', { userId: 'u-1', name: 'Second' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_userId_value']);
    expect(sandbox.customers().map((customer) => customer.name)).toEqual(['First']);
  });

  it.each([
    ['a 256-character name', { name: 'n'.repeat(256) }, 'invalid_name_value'],
    ['a 256-character notes', { notes: 'n'.repeat(256) }, 'invalid_notes_value'],
    ['an email without @', { email: 'ada.example.com' }, 'invalid_email_value'],
    ['an email without a domain dot', { email: 'ada@localhost' }, 'invalid_email_value'],
    ['a numeric userId', { userId: 42 }, 'invalid_userId_value'],
    ['an empty userId', { userId: '' }, 'invalid_userId_value'],
    ['firstSeen as a number', { firstSeen: 1700000000 }, 'invalid_firstSeen_value'],
    ['lastSeen as a date', { lastSeen: '2024-01-01' }, 'invalid_lastSeen_value'],
    ['a three-letter locale', { locale: 'eng' }, 'invalid_locale_value'],
    ['blocked as a string', { blocked: 'yes' }, 'invalid_blocked_value'],
    ['customData as an object', { customData: { plan: 'pro' } }, 'invalid_customData_value'],
    ['a customData value over 255', { customData: [{ property: 'p', value: 'v'.repeat(256) }] }, 'invalid_customData_value'],
    [
      'a customData property twice',
      {
        customData: [
          { property: 'p', value: 1 },
          { property: 'p', value: 2 },
        ],
      },
      'invalid_customData_value',
    ],
    ['a tag without a name', { tags: [{ color: 'red' }] }, 'invalid_tags_value'],
    ['an unknown field', { nickname: 'Ada' }, 'unknown_field'],
    ['a read-only field', { id: 7 }, 'unknown_field'],
  ])('refuses %s with 400 and stores nothing', async (_label, fields, code) => {
    const sandbox = await start();
    const answer = await call(sandbox, 'POST', '/customers', { userId: 'u-1', ...fields });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['invalid_request', code]);
    expect(sandbox.customers()).toEqual([]);
  });

  it('accepts 255 characters, counted as code points', async () => {
    const sandbox = await start();
    const name = '\u{1F600}'.repeat(255);
    expect((await create(sandbox, { userId: 'u-1', name })).name).toBe(name);
  });

  it('keeps the userId byte for byte', async () => {
    const sandbox = await start();
    const userId = '  007 Ünïcode\t';
    expect((await create(sandbox, { userId })).userId).toBe(userId);
  });
});

describe('GET and DELETE /customers/:id', () => {
  it('reads one customer, deletes it, and then answers 404 not_found', async () => {
    const sandbox = await start({ customers: [{ userId: 'a' }, { userId: 'b' }] });
    expect((await call<StoredSandboxCustomer>(sandbox, 'GET', '/customers/2')).body.userId).toBe('b');
    const deleted = await call(sandbox, 'DELETE', '/customers/2');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toBe('Ok');
    const gone = await call(sandbox, 'GET', '/customers/2');
    expect(gone.status).toBe(404);
    expect(codes(gone)).toEqual(['not_found']);
    const again = await call(sandbox, 'DELETE', '/customers/2');
    expect(again.status).toBe(404);
    expect(codes(again)).toEqual(['not_found']);
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['a']);
  });

  it('frees a deleted userId for a new customer', async () => {
    const sandbox = await start({ customers: [{ userId: 'a' }] });
    await call(sandbox, 'DELETE', '/customers/1');
    expect((await create(sandbox, { userId: 'a' })).id).toBe(2);
  });
});

describe('PATCH /customers/:id', () => {
  it('changes only the fields sent', async () => {
    const sandbox = await start({ customers: [full] });
    const answer = await call<StoredSandboxCustomer>(sandbox, 'PATCH', '/customers/1', { name: 'Ada L.' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'Ada L.', phone: '+44 1', email: 'ada@example.com', customData: { plan: 'pro' } });
    expect(sandbox.customers()[0]?.phone).toBe('+44 1');
  });

  it('clears a field sent as null', async () => {
    const sandbox = await start({ customers: [full] });
    await call(sandbox, 'PATCH', '/customers/1', { phone: null, tags: null, customData: null });
    expect(sandbox.customers()[0]).toMatchObject({ phone: null, tags: [], customData: {}, name: 'Ada' });
  });

  it('refuses a userId another customer has', async () => {
    const sandbox = await start({ customers: [{ userId: 'a' }, { userId: 'b' }] });
    const answer = await call(sandbox, 'PATCH', '/customers/2', { userId: 'a' });
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_userId_value']);
    expect(sandbox.customers().map((customer) => customer.userId)).toEqual(['a', 'b']);
  });

  it('answers 404 for an unknown id', async () => {
    const sandbox = await start();
    const answer = await call(sandbox, 'PATCH', '/customers/9', { name: 'x' });
    expect(answer.status).toBe(404);
    expect(codes(answer)).toEqual(['not_found']);
  });
});

describe('PUT /customers/:id', () => {
  it('replaces: every field not sent becomes empty', async () => {
    const sandbox = await start({ customers: [full] });
    const answer = await call<StoredSandboxCustomer>(sandbox, 'PUT', '/customers/1', { userId: 'u-1', name: 'Ada' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: 1,
      userId: 'u-1',
      name: 'Ada',
      phone: null,
      email: null,
      blocked: null,
      tags: [],
      customData: {},
    });
    expect(sandbox.customers()[0]?.phone).toBeNull();
  });

  it('wipes the customData properties a partial list leaves out', async () => {
    const sandbox = await start({ customers: [full] });
    await call(sandbox, 'PUT', '/customers/1', { userId: 'u-1', customData: [{ property: 'plan', value: 'team' }] });
    expect(sandbox.customers()[0]?.customData).toEqual({ plan: 'team' });
  });

  it('keeps the id and createdAt', async () => {
    const sandbox = await start({ customers: [full] });
    const before = sandbox.customers()[0];
    await call(sandbox, 'PUT', '/customers/1', {});
    expect(sandbox.customers()[0]).toMatchObject({ id: 1, createdAt: before?.createdAt, userId: null });
  });

  it('refuses a userId another customer has, and changes nothing', async () => {
    const sandbox = await start({ customers: [{ userId: 'a' }, { userId: 'b', name: 'B' }] });
    const answer = await call(sandbox, 'PUT', '/customers/2', { userId: 'a' });
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_userId_value']);
    expect(sandbox.customers()[1]).toMatchObject({ userId: 'b', name: 'B' });
  });

  it('answers 404 for an unknown id', async () => {
    const sandbox = await start();
    expect(codes(await call(sandbox, 'PUT', '/customers/3', { name: 'x' }))).toEqual(['not_found']);
  });
});
