import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NoAnswerError } from '../../../src/api/api-errors.js';
import { createTransport, type Transport } from '../../../src/api/http-transport.js';
import { secretForms } from '../../../src/secrets/redact-secrets.js';

const ORIGIN = 'https://api.test';
const TARGET = { kind: 'lookup', method: 'GET', path: '/customers' } as const;
/** Keys with the characters encodings change: `/ + = " \`, and a 40-character base64 one. */
const KEYS = ['abc/def+ghi=', 'q"uo\\te', 'Zm9vYmFy/+Kx7w0QpL2mN8rT5vY1aB3cD4eF6gH=='];

/** A server echoing the key it refused: raw, PHP-escaped, URL-encoded and as the base64 header value. */
function echoBody(key: string): string {
  const bearer64 = Buffer.from(`Bearer ${key}`).toString('base64');
  const body = JSON.stringify({
    errors: [
      { code: 'invalid_request', message: `Bad ${key}` },
      { code: `bad_token_${key}`, message: `Token ${key} (url ${encodeURIComponent(key)}, auth ${bearer64}) is not valid` },
    ],
  });
  return body.replaceAll('/', '\\/');
}

/** Every way the error could be printed or stored. */
function renderings(err: unknown): string[] {
  const error = err as ApiError;
  return [error.message, error.stack ?? '', error.apiMessage ?? '', ...error.codes, JSON.stringify(error), inspect(error, { depth: 10 })];
}

let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});

afterEach(async () => {
  await agent.close();
});

async function failure(key: string, reply: () => void): Promise<unknown> {
  const transport: Transport = createTransport({ baseUrl: `${ORIGIN}/v1`, apiKey: key, dispatcher: agent });
  reply();
  return transport.send(TARGET).then(
    () => expect.unreachable('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('the transport keeps echoed keys out of its errors', () => {
  it.each(KEYS.flatMap((key) => [401, 400].map((status) => [key, status] as const)))('key %j, answer %i', async (key, status) => {
    const err = await failure(key, () => {
      agent.get(ORIGIN).intercept({ method: 'GET', path: '/v1/customers' }).reply(status, echoBody(key));
    });
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).apiMessage).toContain('[redacted]');
    for (const text of renderings(err)) {
      for (const form of secretForms(key)) expect(text, text).not.toContain(form);
    }
  });

  it('redacts a network failure that names the key, before it becomes the cause --debug prints', async () => {
    const key = KEYS[0] ?? '';
    const err = await failure(key, () => {
      const lost = Object.assign(new Error(`socket hang up after Bearer ${key}`), { code: 'ECONNRESET' });
      agent.get(ORIGIN).intercept({ method: 'GET', path: '/v1/customers' }).replyWithError(lost);
    });
    expect(err).toBeInstanceOf(NoAnswerError);
    const cause = (err as NoAnswerError).cause as Error;
    for (const text of [cause.message, cause.stack ?? '', inspect(err, { depth: 10 })]) expect(text).not.toContain(key);
  });
});
