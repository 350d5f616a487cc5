import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError, isAuthError } from '../../../src/api/api-errors.js';
import { createHelpCrunchClient, type HelpCrunchClient } from '../../../src/api/helpcrunch-client.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/start-sandbox.js';

const KEY = 'integration-secret-7c1d2e9a';

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  // Clients first, so their sockets are gone before the servers close.
  for (const item of opened.splice(0)) await item.close();
});

async function setup(options: SandboxOptions = {}, apiKey = KEY): Promise<{ sandbox: Sandbox; client: HelpCrunchClient }> {
  const sandbox = await startSandbox({ key: KEY, ...options });
  const client = createHelpCrunchClient({ baseUrl: sandbox.url, apiKey, timeoutMs: 5_000 });
  opened.push(client, sandbox);
  return { sandbox, client };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (err: unknown) => err,
  );
}

const seed = [
  { userId: 'u-1', name: 'Ada', email: 'ada@example.com', customData: [{ property: 'plan', value: 'pro' }] },
  { userId: 'u-2', name: 'Bob', tags: [{ name: 'vip' }] },
  { userId: '007', name: 'Jim' },
];

describe('HelpCrunch client against the sandbox', () => {
  it('lists customers, reading customData objects back as the array form', async () => {
    const { client } = await setup({ customers: seed });
    const page = await client.listCustomers({ offset: 0, limit: 100 });
    expect(page.total).toBe(3);
    expect(page.data.map((c) => c.fields.userId)).toEqual(['u-1', 'u-2', '007']);
    expect(page.data[0]?.fields).toMatchObject({
      name: 'Ada',
      email: 'ada@example.com',
      phone: null,
      customData: [{ property: 'plan', value: 'pro' }],
    });
    expect(page.data[1]?.fields.tags).toEqual([{ name: 'vip' }]);
    expect(page.data[0]?.fields).not.toHaveProperty('createdAt');
    expect(page.data[0]?.fields).not.toHaveProperty('location');
  });

  it('finds customers by userId, byte for byte', async () => {
    const { client } = await setup({ customers: seed });
    const found = await client.searchByUserIds(['007', 'u-2', 'nobody', '7'], { offset: 0, limit: 10 });
    expect(found.data.map((c) => c.fields.userId).sort()).toEqual(['007', 'u-2']);
    expect(found.total).toBe(2);
  });

  it('creates a customer and batch-updates it with the full record', async () => {
    const { client, sandbox } = await setup();
    const created = await client.createCustomer({ userId: 'n-1', name: 'Nia', customData: [{ property: 'seats', value: 3 }] });
    expect(created.fields).toMatchObject({ userId: 'n-1', name: 'Nia', customData: [{ property: 'seats', value: 3 }] });
    await client.batchUpdate([{ id: created.id, fields: { ...created.fields, email: 'nia@example.com' } }]);
    expect(sandbox.customers()).toMatchObject([{ id: created.id, userId: 'n-1', email: 'nia@example.com', customData: { seats: 3 } }]);
    const [again] = (await client.searchByUserIds(['n-1'], { offset: 0, limit: 10 })).data;
    expect(again?.fields).toMatchObject({ name: 'Nia', email: 'nia@example.com' });
  });

  it('answers a duplicate create with ApiError 400 invalid_userId_value', async () => {
    const { client, sandbox } = await setup({ customers: seed });
    const err = await caught(client.createCustomer({ userId: 'u-1', name: 'Again' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, requestKind: 'create' });
    expect((err as ApiError).codes).toContain('invalid_userId_value');
    expect(sandbox.customers()).toHaveLength(3);
  });

  it('answers a wrong key with ApiError 401', async () => {
    const { client } = await setup({}, 'wrong-key');
    const err = await caught(client.listCustomers({ offset: 0, limit: 1 }));
    expect(isAuthError(err)).toBe(true);
    expect(err).toMatchObject({ status: 401, codes: ['unauthorized'] });
  });

  it('reports a dropped answer as NoAnswerError, although the create was applied', async () => {
    const { client, sandbox } = await setup({ dropRate: 1 });
    const err = await caught(client.createCustomer({ userId: 'd-1', name: 'Dropped' }));
    expect(err).toBeInstanceOf(NoAnswerError);
    expect(err).toMatchObject({ requestKind: 'create', reason: 'connection-reset' });
    expect(sandbox.customers().map((c) => c.userId)).toEqual(['d-1']);
  });

  it('reports an injected fault as ApiError 503', async () => {
    const { client } = await setup({ faultRate: 1 });
    const err = await caught(client.searchByUserIds(['x'], { offset: 0, limit: 10 }));
    expect(err).toMatchObject({ status: 503, requestKind: 'lookup' });
    expect(err).toBeInstanceOf(ApiError);
  });

  it('reports a refused connection as NoAnswerError', async () => {
    const { sandbox } = await setup();
    const url = sandbox.url;
    await sandbox.close();
    const client = createHelpCrunchClient({ baseUrl: url, apiKey: KEY });
    opened.push(client);
    const err = await caught(client.listCustomers({ offset: 0, limit: 1 }));
    expect(err).toMatchObject({ reason: 'connection-refused' });
  });

  it('never puts the key in an error: message, stack, JSON or inspection', async () => {
    const errors: unknown[] = [];
    const { client: healthy } = await setup({ customers: seed });
    errors.push(await caught(healthy.createCustomer({ userId: 'u-1' })));
    errors.push(await caught((await setup({ faultRate: 1 })).client.listCustomers({ offset: 0, limit: 1 })));
    errors.push(await caught((await setup({ dropRate: 1 })).client.createCustomer({ userId: 'z' })));
    errors.push(await caught((await setup({ key: 'server-side-key' })).client.listCustomers({ offset: 0, limit: 1 })));
    expect(errors.map((e) => (e as Error).name)).toEqual(['ApiError', 'ApiError', 'NoAnswerError', 'ApiError']);
    for (const err of errors) {
      const e = err as Error;
      for (const text of [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 20, showHidden: true })]) {
        expect(text).not.toContain(KEY);
      }
    }
  });
});
