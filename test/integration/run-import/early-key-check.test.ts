import { createReadStream } from 'node:fs';
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { contactsCsv, useImportHarness } from './harness.js';

const harness = useImportHarness();
const ROWS = 200_000;

/** Opens the input like the CLI does, counting the bytes the run actually read from each stream. */
function countingInput(reads: number[]) {
  return (path: string) => () => {
    const at = reads.push(0) - 1;
    return Readable.from(
      (async function* () {
        for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
          reads[at] = (reads[at] ?? 0) + chunk.length;
          yield chunk;
        }
      })(),
    );
  };
}

/** A local address where nothing listens: the port of a server just closed. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/v1`;
}

describe('runImport: page 0 goes out while the file is read', () => {
  const csv = contactsCsv(ROWS);

  it('a wrong key stops the reading of a big file early, with the summary and exit code of a stopped run', async () => {
    const sandbox = await harness.sandbox();
    const reads: number[] = [];
    const prepared = await harness.prepare(sandbox, csv, { target: { baseUrl: sandbox.url, apiKey: 'not-the-key' } });
    const run = await harness.run(sandbox, csv, {
      target: { baseUrl: sandbox.url, apiKey: 'not-the-key' },
      deps: { openInput: countingInput(reads)(prepared.inputPath) },
    });
    expect(run.exitCode).toBe(5);
    const { summary } = run.reports;
    expect(summary).toMatchObject({ status: 'stopped', exitCode: 5, error: { code: 'HCI_AUTH_REJECTED' } });
    expect(summary.counts.rows).toBeLessThan(ROWS);
    expect(summary.counts.rows).toBe(summary.counts.valid + summary.counts.rejected + summary.counts.duplicates);
    expect(summary.warnings).toContainEqual(expect.objectContaining({ code: 'input_not_read' }));
    expect(sandbox.stats().byRoute).toEqual({ 'GET /customers': 1 });
    // The inspection reads every byte (the hash); the scan after it stopped well before the end.
    const size = Buffer.byteLength(csv);
    expect(reads[0]).toBe(size);
    expect(reads[1]).toBeLessThan(size);
  });

  it('an unreachable API stops the run with exit 2 before the file is read to its end', async () => {
    const sandbox = await harness.sandbox();
    const reads: number[] = [];
    const prepared = await harness.prepare(sandbox, csv);
    const baseUrl = await closedPort();
    const run = harness.run(sandbox, csv, {
      target: { baseUrl, apiKey: sandbox.key },
      deps: { openInput: countingInput(reads)(prepared.inputPath) },
    });
    await expect(run).rejects.toMatchObject({ code: 'HCI_CONFIG', kind: 'usage', exitCode: 2 });
    expect(reads[1]).toBeLessThan(Buffer.byteLength(csv));
  });

  it('an offline dry run sends nothing at all', async () => {
    const sandbox = await harness.sandbox();
    const run = await harness.run(sandbox, contactsCsv(10), { target: null, config: { dryRun: true } });
    expect(run.exitCode).toBe(0);
    expect(sandbox.stats().requests).toBe(0);
  });
});
