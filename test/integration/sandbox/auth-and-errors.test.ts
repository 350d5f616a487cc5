import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { call, codes, create, entryWith, useSandboxes } from './sandbox-http.js';

const start = useSandboxes();

describe('auth', () => {
  it.each([
    ['a wrong key', 'not-the-key'],
    ['no Authorization header', null],
  ])('answers 401 unauthorized to %s, and writes nothing', async (_label, key) => {
    const sandbox = await start({ key: 'right-key' });
    const answer = await call(sandbox, 'POST', '/customers', { userId: 'u-1' }, { key });
    expect(answer.status).toBe(401);
    expect(codes(answer)).toEqual(['unauthorized']);
    expect(sandbox.customers()).toEqual([]);
  });

  it('accepts only the Bearer scheme', async () => {
    const sandbox = await start();
    const response = await fetch(`${sandbox.url}/customers`, { headers: { authorization: sandbox.key } });
    expect(response.status).toBe(401);
  });

  it('checks the key before the route, so an unknown path with a wrong key is a 401', async () => {
    const sandbox = await start();
    expect((await call(sandbox, 'GET', '/nowhere', undefined, { key: 'wrong' })).status).toBe(401);
  });
});

describe('error envelope', () => {
  it('answers malformed JSON with 400 invalid_request then invalid_json, and keeps serving', async () => {
    const sandbox = await start();
    const answer = await call(sandbox, 'POST', '/customers', undefined, { raw: '{"userId": "u-1",' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_json']);
    expect(typeof entryWith(answer, 'invalid_json').message).toBe('string');
    expect((await create(sandbox, { userId: 'u-1' })).id).toBe(1);
  });

  it.each([
    ['a JSON array', '[{"userId":"u-1"}]'],
    ['a JSON string', '"u-1"'],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ])('refuses %s as a customer with 400 invalid_body', async (_label, raw) => {
    const sandbox = await start();
    const answer = await call(sandbox, 'POST', '/customers', undefined, { raw });
    expect(codes(answer)).toEqual(['invalid_request', 'invalid_body']);
  });

  it('refuses a body that is not declared as JSON with 415', async () => {
    const sandbox = await start();
    const answer = await call(sandbox, 'POST', '/customers', undefined, { raw: '{"userId":"u-1"}', contentType: 'text/plain' });
    expect(answer.status).toBe(415);
    expect(codes(answer)).toEqual(['unsupported_media_type']);
    expect(sandbox.customers()).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const sandbox = await start();
    const answer = await call(sandbox, 'POST', '/customers', { notes: 'x'.repeat(1024 * 1024) });
    expect(answer.status).toBe(413);
    expect(codes(answer)).toEqual(['payload_too_large']);
  });

  it.each(['/nowhere', '/customers/abc', '/customers/1/extra', '/customers/'])(
    'answers the unknown route %s with 404 not_found',
    async (path) => {
      const sandbox = await start({ customers: [{ userId: 'u-1' }] });
      const answer = await call(sandbox, 'GET', path);
      expect(answer.status).toBe(404);
      expect(codes(answer)).toEqual(['not_found']);
    },
  );

  it('answers a path outside /v1 with 404', async () => {
    const sandbox = await start();
    const response = await fetch(sandbox.url.replace(/\/v1$/, '/customers'), { headers: { authorization: `Bearer ${sandbox.key}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [expect.objectContaining({ code: 'not_found' })] });
  });

  it.each([
    ['DELETE', '/customers'],
    ['GET', '/customers/search'],
    ['POST', '/customers/batch'],
    ['POST', '/customers/1'],
  ])('answers %s %s with 405 method_not_allowed and an Allow header', async (method, path) => {
    const sandbox = await start({ customers: [{ userId: 'u-1' }] });
    const answer = await call(sandbox, method, path, method === 'GET' ? undefined : {});
    expect(answer.status).toBe(405);
    expect(codes(answer)).toEqual(['method_not_allowed']);
    expect(answer.headers.get('allow')).toBeTruthy();
    expect(sandbox.customers()).toHaveLength(1);
  });
});

describe('malformed HTTP', () => {
  it('answers a request Node cannot parse with a 400 envelope, and keeps serving', async () => {
    const sandbox = await start();
    const { hostname, port } = new URL(sandbox.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket
        .on('data', (chunk) => (text += String(chunk)))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({
      errors: [expect.objectContaining({ code: 'invalid_request' })],
    });
    expect((await call(sandbox, 'GET', '/customers')).status).toBe(200);
  });
});

describe('stats', () => {
  it('counts requests per route, including refused ones, until reset', async () => {
    const sandbox = await start({ customers: [{ userId: 'u-1' }] });
    await call(sandbox, 'GET', '/customers');
    await call(sandbox, 'GET', '/customers?offset=1');
    await call(sandbox, 'POST', '/customers/search', { filter: [{ field: 'customers.userId', operator: '=', value: 'u-1' }] });
    await call(sandbox, 'PUT', '/customers/batch', [{ customer: 1 }]);
    await call(sandbox, 'POST', '/customers', { userId: 'u-2' });
    await call(sandbox, 'PATCH', '/customers/1', { name: 'x' }, { key: 'wrong' });
    await call(sandbox, 'GET', '/elsewhere');
    expect(sandbox.stats()).toEqual({
      requests: 7,
      byRoute: {
        'GET /customers': 2,
        'POST /customers/search': 1,
        'PUT /customers/batch': 1,
        'POST /customers': 1,
        'PATCH /customers/:id': 1,
        unmatched: 1,
      },
      rateLimited: 0,
      faults: 0,
      drops: 0,
    });
    sandbox.resetStats();
    expect(sandbox.stats()).toEqual({ requests: 0, byRoute: {}, rateLimited: 0, faults: 0, drops: 0 });
  });
});
