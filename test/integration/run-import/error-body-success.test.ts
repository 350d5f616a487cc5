/**
 * `runImport` with the real client against a server that answers a write with a 2xx whose body is an error
 * envelope (`{"errors":[…]}`, as some gateways do): the write did not happen, so its rows must not count as
 * written. The run stops with a remote failure, resumable, instead of reporting an update that never landed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runImport } from '../../../src/core/run-import.js';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { csvOf, readReports, useImportHarness } from './harness.js';

const harness = useImportHarness();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** One stored customer u-1; every write answers 200 with an error envelope. */
async function errorOn200Server(): Promise<{ baseUrl: string; writes: string[] }> {
  const writes: string[] = [];
  const stored = { id: 1, userId: 'u-1', name: 'Old name', email: 'a@example.com' };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const lookup = request.method === 'GET' || path.endsWith('/search');
      if (!lookup) writes.push(`${request.method} ${path}`);
      const body = lookup ? { data: [stored], total: 1 } : { errors: [{ code: 'invalid_request', message: 'Customers were not saved' }] };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, writes };
}

describe('runImport against a server that answers a write 200 with an error body', () => {
  it('does not count the batch update as done: the run stops with exit 5 and can be resumed', async () => {
    const server = await errorOn200Server();
    const csv = csvOf(['user_id', 'name', 'email'], [['u-1', 'New name', 'a@example.com']]);
    const target = { baseUrl: server.baseUrl, apiKey: 'test-key' };
    const prepared = await harness.prepare({} as Sandbox, csv, { target });
    const result = await runImport(prepared.config, prepared.deps);
    const reports = await readReports(prepared.reportDir);

    expect(server.writes).toEqual(['PUT /v1/customers/batch']);
    expect(reports.summary.counts.updated).toBe(0);
    expect(result.exitCode).toBe(5);
    expect(reports.summary.error?.message).toMatch(/200 to PUT \/customers\/batch.*Customers were not saved/);
    expect(result.resumable).toBe(true);
  });
});
