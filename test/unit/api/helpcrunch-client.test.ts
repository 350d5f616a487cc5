import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError, isAuthError } from '../../../src/api/api-errors.js';
import { createHelpCrunchClient, type HelpCrunchClient } from '../../../src/api/helpcrunch-client.js';

const ORIGIN = 'https://api.test';
const KEY = 'unit-secret-key-9f8e7d';

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

let agent: MockAgent;
let client: HelpCrunchClient;
let seen: Seen[];

/** Answers the next request matching `method path` with `status`/`data`, recording what was sent. */
function answer(method: string, path: string, status: number, data: unknown, headers: Record<string, string> = {}): void {
  agent
    .get(ORIGIN)
    .intercept({ method, path })
    .reply((opts) => {
      const body = typeof opts.body === 'string' ? (JSON.parse(opts.body) as unknown) : undefined;
      seen.push({ method: opts.method, path: opts.path, headers: opts.headers as Record<string, string>, body });
      return { statusCode: status, data: typeof data === 'string' ? data : JSON.stringify(data), responseOptions: { headers } };
    });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (err: unknown) => err,
  );
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  seen = [];
  client = createHelpCrunchClient({ baseUrl: `${ORIGIN}/v1/`, apiKey: KEY, dispatcher: agent });
});
afterEach(async () => {
  await client.close();
  await agent.close();
});

describe('requests', () => {
  it('lists with offset/limit, a bearer key and JSON headers, under the base path', async () => {
    answer('GET', '/v1/customers?offset=200&limit=100', 200, { data: [{ id: 1, userId: 'a' }], total: 201 });
    await expect(client.listCustomers({ offset: 200, limit: 100 })).resolves.toEqual({
      data: [{ id: 1, fields: { userId: 'a' } }],
      total: 201,
      received: 1,
      totalKnown: true,
    });
    expect(seen[0]?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, accept: 'application/json' });
  });

  it('searches with one OR filter per userId', async () => {
    answer('POST', '/v1/customers/search', 200, { data: [], total: 0 });
    await client.searchByUserIds(['a', '007'], { offset: 0, limit: 10 });
    expect(seen[0]?.body).toEqual({
      filter: [
        { field: 'customers.userId', operator: '=', value: 'a' },
        { field: 'customers.userId', operator: '=', value: '007' },
      ],
      comparison: 'OR',
      limit: 10,
      offset: 0,
    });
  });

  it('sends no search at all for no userIds (an empty filter would match everyone)', async () => {
    await expect(client.searchByUserIds([], { offset: 0, limit: 10 })).resolves.toEqual({ data: [], total: 0 });
    expect(seen).toEqual([]);
  });

  it('creates with the fields as the body and reads the stored customer back', async () => {
    answer('POST', '/v1/customers', 201, { id: 9, userId: 'u1', name: 'Ada', customData: { plan: 'pro' } });
    const created = await client.createCustomer({ userId: 'u1', name: 'Ada', customData: [{ property: 'plan', value: 'pro' }] });
    expect(seen[0]?.body).toEqual({ userId: 'u1', name: 'Ada', customData: [{ property: 'plan', value: 'pro' }] });
    expect(created).toEqual({ id: 9, fields: { userId: 'u1', name: 'Ada', customData: [{ property: 'plan', value: 'pro' }] } });
  });

  it('batch-updates with a bare array of {customer, ...fields} and accepts any 2xx answer', async () => {
    answer('PUT', '/v1/customers/batch', 204, '');
    await client.batchUpdate([{ id: 3, fields: { userId: 'u3', email: null } }]);
    expect(seen[0]?.body).toEqual([{ customer: 3, userId: 'u3', email: null }]);
    answer('PUT', '/v1/customers/batch', 200, '<html>ok</html>');
    await expect(client.batchUpdate([{ id: 4, fields: {} }])).resolves.toBeUndefined();
  });

  it('deletes by id with no body, and a 404 not_found is an ApiError the caller can read as gone', async () => {
    answer('DELETE', '/v1/customers/12', 200, '"Ok"');
    await expect(client.deleteCustomer(12)).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ method: 'DELETE', path: '/v1/customers/12', body: undefined });
    answer('DELETE', '/v1/customers/12', 404, { errors: [{ code: 'not_found', message: 'Customer not found' }] });
    const gone = await caught(client.deleteCustomer(12));
    expect(gone).toBeInstanceOf(ApiError);
    expect((gone as ApiError).status).toBe(404);
    expect((gone as ApiError).codes).toEqual(['not_found']);
  });

  it('refuses a batch above ten items without sending it', async () => {
    const items = Array.from({ length: 11 }, (_, i) => ({ id: i, fields: {} }));
    await expect(client.batchUpdate(items)).rejects.toThrow(RangeError);
    expect(seen).toEqual([]);
  });

  it('keeps paging when an answer has no total, and says the total is a guess', async () => {
    answer('GET', '/v1/customers?offset=100&limit=100', 200, { data: [{ id: 1 }, { id: 2 }] });
    expect(await client.listCustomers({ offset: 100, limit: 100 })).toMatchObject({ total: 103, totalKnown: false });
  });
});

describe('answers of the wrong shape', () => {
  const list = (): Promise<unknown> => client.listCustomers({ offset: 0, limit: 100 });

  it.each([
    ['data not an array', { data: { id: 1 }, total: 1 }],
    ['a null body', null],
    ['an HTML page', '<html><body>Welcome</body></html>'],
  ])('ends on %s with a NoAnswerError, never a crash', async (_, body) => {
    answer('GET', '/v1/customers?offset=0&limit=100', 200, body === null ? 'null' : body);
    expect(await caught(list())).toMatchObject({ name: 'NoAnswerError', reason: 'unreadable-answer', exitCode: 5 });
  });

  it('counts items without a usable id as received, so paging advances past them', async () => {
    answer('GET', '/v1/customers?offset=0&limit=100', 200, { data: [{ id: 'abc' }, { name: 'x' }, { id: '7' }, { id: 8 }], total: 9 });
    const page = await client.listCustomers({ offset: 0, limit: 100 });
    expect(page.data.map((c) => c.id)).toEqual([7, 8]); // a numeric string id is still an id
    expect(page).toMatchObject({ received: 4, total: 9, totalKnown: true });
  });

  it.each([
    ['negative', -5],
    ['not a number', 'many'],
    ['fractional', 1.5],
    ['null', null],
  ])('treats a total that is %s as unknown', async (_, total) => {
    answer('GET', '/v1/customers?offset=0&limit=100', 200, { data: [{ id: 1 }], total });
    expect(await list()).toMatchObject({ total: 2, received: 1, totalKnown: false });
  });
});

describe('errors', () => {
  it('reads codes from the whole errors array, the specific message and Retry-After', async () => {
    answer('POST', '/v1/customers', 400, {
      errors: [
        { code: 'invalid_request', message: 'Invalid request' },
        { code: 'invalid_userId_value', message: 'Taken' },
      ],
    });
    const err = await caught(client.createCustomer({ userId: 'u1' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      codes: ['invalid_request', 'invalid_userId_value'],
      apiMessage: 'Taken',
      requestKind: 'create',
    });

    answer('POST', '/v1/customers/search', 429, { errors: [{ code: 'too_many_requests' }] }, { 'retry-after': '3' });
    const limited = await caught(client.searchByUserIds(['x'], { offset: 0, limit: 10 }));
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 3_000, requestKind: 'lookup' });
  });

  it('survives an HTML 502 page', async () => {
    answer('PUT', '/v1/customers/batch', 502, '<html><h1>Bad Gateway</h1></html>');
    const err = await caught(client.batchUpdate([{ id: 1, fields: {} }]));
    expect(err).toMatchObject({ status: 502, codes: [], apiMessage: undefined, requestKind: 'update' });
    expect((err as Error).message).toBe('HelpCrunch answered 502 to PUT /customers/batch');
  });

  it('flags 401 as an auth error', async () => {
    answer('GET', '/v1/customers?offset=0&limit=1', 401, { errors: [{ code: 'unauthorized', message: 'Unauthorized' }] });
    const err = await caught(client.listCustomers({ offset: 0, limit: 1 }));
    expect(isAuthError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'HCI_AUTH_REJECTED', exitCode: 5 });
  });

  it('turns a network failure into NoAnswerError and a 2xx without a customer into one too', async () => {
    agent
      .get(ORIGIN)
      .intercept({ method: 'POST', path: '/v1/customers' })
      .replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    const lost = await caught(client.createCustomer({ userId: 'u1' }));
    expect(lost).toBeInstanceOf(NoAnswerError);
    expect(lost).toMatchObject({ reason: 'connection-reset', requestKind: 'create' });

    answer('POST', '/v1/customers', 201, 'Created');
    await expect(client.createCustomer({ userId: 'u2' })).rejects.toMatchObject({ reason: 'unreadable-answer' });
  });

  it('says when the host name does not resolve (unknown-host), so page 0 can blame the URL', async () => {
    agent
      .get(ORIGIN)
      .intercept({ method: 'GET', path: '/v1/customers?offset=0&limit=100' })
      .replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND api.test'), { code: 'ENOTFOUND' }));
    await expect(client.listCustomers({ offset: 0, limit: 100 })).rejects.toMatchObject({ reason: 'unknown-host' });
  });

  it('never lets the key out, even when the server echoes it back', async () => {
    answer('GET', '/v1/customers?offset=0&limit=1', 401, {
      errors: [{ code: 'invalid_token', message: `Token ${KEY} is not valid` }],
    });
    const err = await caught(client.listCustomers({ offset: 0, limit: 1 }));
    expect(err).toMatchObject({ apiMessage: 'Token [redacted] is not valid' });
    for (const text of [(err as Error).message, (err as Error).stack ?? '', JSON.stringify(err), inspect(err, { depth: 10 })]) {
      expect(text).not.toContain(KEY);
    }
  });

  it('rejects an unusable key without printing it', () => {
    const bad = `${KEY}\r\nX-Evil: 1`;
    expect(() => createHelpCrunchClient({ baseUrl: ORIGIN, apiKey: bad })).toThrow(/control characters/);
    try {
      createHelpCrunchClient({ baseUrl: ORIGIN, apiKey: bad });
    } catch (err) {
      expect(inspect(err)).not.toContain(KEY);
    }
  });
});
