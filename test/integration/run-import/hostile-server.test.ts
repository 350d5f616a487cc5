/**
 * `runImport` with the real client against small servers that answer lookups wrongly: an endless account,
 * a list that repeats its first page, a search answering other customers. Each run must stop after a few
 * requests with exit 5 and HCI_REMOTE_INCONSISTENT, having written nothing.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/start-sandbox.js';
import { runImport } from '../../../src/core/run-import.js';
import { contactsCsv, readReports, useImportHarness } from './harness.js';

const harness = useImportHarness();

/** What a hostile server answers (a JSON body, status 200) to a lookup at `offset`. */
type Answer = (request: { method: string; path: string; offset: number }) => unknown;

interface HostileServer {
  baseUrl: string;
  /** Requests served so far, by `METHOD /path`. */
  seen: string[];
}

/** Past this many requests the server refuses everything, so a lookup that never ends fails the test instead of hanging it. */
const RUNAWAY = 200;

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

async function hostileServer(answer: Answer): Promise<HostileServer> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const offset = Number(url.searchParams.get('offset') ?? (body as { offset?: number } | undefined)?.offset ?? 0);
      seen.push(`${request.method} ${url.pathname}`);
      const refused = seen.length > RUNAWAY || !url.pathname.startsWith('/v1/customers') || request.method === 'PUT';
      const status = refused ? 400 : 200;
      const asked = { method: request.method ?? '', path: url.pathname, offset };
      const payload = refused ? { errors: [{ code: 'runaway' }] } : answer(asked);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(() => new Promise((resolve) => server.close(() => resolve())));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, seen };
}

/** Customers with ids from `from`, carrying userIds no CSV row has. */
const strangers = (from: number, count = 100): object[] =>
  Array.from({ length: count }, (_, k) => ({ id: from + k, userId: `stranger-${from + k}`, name: 'S' }));

async function importAgainst(server: HostileServer, rows: number) {
  // The harness reads its sandbox only for a default target; this run names its own.
  const noSandbox = {} as Sandbox;
  const target = { baseUrl: server.baseUrl, apiKey: 'hostile-key' };
  const prepared = await harness.prepare(noSandbox, contactsCsv(rows), { target, config: { ratePerMinute: Infinity } });
  const result = await runImport(prepared.config, prepared.deps);
  return { ...result, reports: await readReports(prepared.reportDir) };
}

function expectStoppedInconsistent(run: Awaited<ReturnType<typeof importAgainst>>, server: HostileServer, requests: number): void {
  expect(run.exitCode).toBe(5);
  expect(run.reports.summary).toMatchObject({ status: 'stopped', exitCode: 5, error: { code: 'HCI_REMOTE_INCONSISTENT' } });
  expect(run.reports.summary.error?.message).toMatch(/answers do not match the query/);
  expect(server.seen).toHaveLength(requests);
  expect(server.seen.filter((route) => route !== 'GET /v1/customers' && route !== 'POST /v1/customers/search')).toEqual([]);
}

describe('runImport against a server whose lookup answers do not match the query', () => {
  it('stops an endless list: page 0 says 150 customers, later pages a trillion, always full', async () => {
    const server = await hostileServer(({ offset }) => ({ data: strangers(offset), total: offset === 0 ? 150 : 1e12 }));
    // 60 rows: 1 more page beats 6 searches, so it lists; 150 + 10% ends it at the first page past 165.
    const run = await importAgainst(server, 60);
    expectStoppedInconsistent(run, server, 2);
  });

  it('stops a list that answers its first page for every offset', async () => {
    const server = await hostileServer(() => ({ data: strangers(0), total: 300 }));
    const run = await importAgainst(server, 60);
    expectStoppedInconsistent(run, server, 2);
  });

  it('searches an account of a trillion, and stops a search answering customers that match none of its filters', async () => {
    const server = await hostileServer(({ path, offset }) =>
      path.endsWith('/search') ? { data: strangers(1_000 + offset), total: 1e12 } : { data: strangers(0), total: 1e12 },
    );
    const run = await importAgainst(server, 60);
    expect(server.seen[1]).toBe('POST /v1/customers/search');
    expectStoppedInconsistent(run, server, 2);
  });
});
