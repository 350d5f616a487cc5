import { describe, expect, it } from 'vitest';
import { parseAttributeList } from '../../../src/sandbox/custom-attributes.js';
import type { StoredSandboxCustomer } from '../../../src/sandbox/start-sandbox.js';
import { call, codes, useSandboxes } from './sandbox-http.js';

const start = useSandboxes();
const known = { plan: 'string', seats: 'number', trial: 'boolean', renews: 'date' } as const;
const body = (customData: Array<{ property: string; value: unknown }>) => ({ userId: 'u-1', customData });

describe('custom attributes in the sandbox', () => {
  it('stores null and nested values as sent, so a client can send back what it read', async () => {
    const sandbox = await start();
    const answer = await call<StoredSandboxCustomer>(
      sandbox,
      'POST',
      '/customers',
      body([
        { property: 'gone', value: null },
        { property: 'deep', value: { a: [1] } },
      ]),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.customData).toEqual({ gone: null, deep: { a: [1] } });
  });

  it('accepts unregistered attributes by default', async () => {
    const sandbox = await start({ customAttributes: known });
    const answer = await call<StoredSandboxCustomer>(sandbox, 'POST', '/customers', body([{ property: 'other', value: 'x' }]));
    expect(answer.body.customData).toEqual({ other: 'x' });
  });

  it('refuses an unregistered attribute with 400 unknown_custom_attribute under reject, and stores nothing', async () => {
    const sandbox = await start({ customAttributes: known, unknownAttributes: 'reject' });
    const answer = await call(sandbox, 'POST', '/customers', body([{ property: 'other', value: 'x' }]));
    expect(answer.status).toBe(400);
    expect(codes(answer)).toContain('unknown_custom_attribute');
    expect(sandbox.customers()).toEqual([]);
  });

  it('drops an unregistered attribute silently under drop, keeping the registered ones', async () => {
    const sandbox = await start({ customAttributes: known, unknownAttributes: 'drop' });
    const answer = await call<StoredSandboxCustomer>(
      sandbox,
      'POST',
      '/customers',
      body([
        { property: 'other', value: 'x' },
        { property: 'seats', value: 3 },
      ]),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.customData).toEqual({ seats: 3 });
  });

  it.each([
    ['a number as text', 'seats', '3'],
    ['a boolean as text', 'trial', 'yes'],
    ['a date that is not whole seconds', 'renews', 1.5],
    ['a string as a number', 'plan', 7],
  ])('refuses %s for a registered attribute', async (_label, property, value) => {
    const sandbox = await start({ customAttributes: known });
    const answer = await call(sandbox, 'POST', '/customers', body([{ property, value }]));
    expect(answer.status).toBe(400);
    expect(codes(answer)).toContain('invalid_customData_value');
  });

  it('reads the command-line list, string by default', () => {
    expect(parseAttributeList('plan, seats:number,renews:date')).toEqual({ plan: 'string', seats: 'number', renews: 'date' });
    expect(() => parseAttributeList('x:text')).toThrow(/type must be one of/);
  });
});
