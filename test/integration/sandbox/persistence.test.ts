import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/start-sandbox.js';
import { useTempDirs } from '../../helpers/temp-dir.js';
import { call, create, useSandboxes } from './sandbox-http.js';

// After-each hooks run last-registered first: sandboxes must close (and save) before their folder goes.
const tempDir = useTempDirs();
const start = useSandboxes();

describe('seed customers', () => {
  it('gives seeded customers ids 1..n in the read shape', async () => {
    const sandbox = await start({ customers: [{ userId: 'a', customData: [{ property: 'p', value: 1 }] }, { userId: 'b' }] });
    expect(sandbox.customers().map((customer) => [customer.id, customer.userId, customer.customData])).toEqual([
      [1, 'a', { p: 1 }],
      [2, 'b', {}],
    ]);
    expect((await create(sandbox, { userId: 'c' })).id).toBe(3);
  });

  it.each([
    ['an invalid value', [{ email: 'nope' }]],
    ['a repeated userId', [{ userId: 'a' }, { userId: 'a' }]],
  ])('refuses to start with %s', async (_label, customers) => {
    await expect(startSandbox({ customers })).rejects.toThrow(/seed customer/);
  });
});

describe('dataFile', () => {
  it('round-trips customers and the next id across two sandboxes', async () => {
    const dataFile = join(await tempDir(), 'sandbox.json');
    const first = await startSandbox({ dataFile });
    await create(first, { userId: 'a', tags: [{ name: 'vip' }], customData: [{ property: 'plan', value: 'pro' }] });
    await create(first, { userId: 'b' });
    await call(first, 'DELETE', '/customers/2');
    const before = first.customers();
    await first.close();

    const second = await start({ dataFile });
    expect(second.customers()).toEqual(before);
    expect((await create(second, { userId: 'c' })).id).toBe(3);
    const clash = await call(second, 'POST', '/customers', { userId: 'a' });
    expect(clash.status).toBe(400);
  });

  it('prefers an existing file over the seed customers, and seeds when the file is missing', async () => {
    const dataFile = join(await tempDir(), 'sandbox.json');
    const seeded = await startSandbox({ dataFile, customers: [{ userId: 'from-seed' }] });
    await create(seeded, { userId: 'created' });
    await seeded.close();
    const reloaded = await start({ dataFile, customers: [{ userId: 'ignored' }] });
    expect(reloaded.customers().map((customer) => customer.userId)).toEqual(['from-seed', 'created']);
  });

  it('saves changes every saveIntervalMs without waiting for close, leaving no temp files', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'sandbox.json');
    const sandbox = await start({ dataFile, saveIntervalMs: 30 });
    await create(sandbox, { userId: 'a' });
    let saved = '';
    for (let attempt = 0; attempt < 100 && !saved.includes('"a"'); attempt += 1) {
      await sleep(20);
      saved = await readFile(dataFile, 'utf8').catch(() => '');
    }
    expect(JSON.parse(saved).customers).toEqual([expect.objectContaining({ id: 1, userId: 'a' })]);
    expect(await readdir(dir)).toEqual(['sandbox.json']);
  });

  it('refuses to start on a file that is not a sandbox data file', async () => {
    const dataFile = join(await tempDir(), 'sandbox.json');
    await writeFile(dataFile, '{"hello": "world"}');
    await expect(startSandbox({ dataFile })).rejects.toThrow(/not a sandbox data file/);
  });
});
