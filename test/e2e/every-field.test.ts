/**
 * Issue 11, end to end: the built binary imports a file carrying every customer field (the table's eleven,
 * tags, a typed and an untyped custom attribute, a run-wide --tag) into a sandbox served by this test, and
 * the sandbox holds each value in HelpCrunch's own shape. A second run of the same file writes nothing.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes, writeRoutes } from '../helpers/sandboxes.js';
import { expectExit, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();

const HEADER = 'User ID,First Name,Last Name,Email,Phone,Company,Notes,Tags,Signed up,Last seen,Language,Unsubscribed,Blocked,Plan,Seats';
const ROWS = [
  'u-1,Ada,Lovelace,ada@example.com,+44 20 7946 0000,Analytical Ltd,"Met at the fair\nprefers email",vip; beta,2024-05-02 09:12:45,1714641165,Español,yes,0,pro,12',
  'u-2,Bob,Stone,bob@example.com,,,,,2024-05-02T09:12:45+02:00,1714641165000,pt_BR,no,y,free,1',
];

const args = (report: string): string[] => [
  'in.csv',
  '--yes',
  '--report-dir',
  report,
  '--timezone',
  'Europe/Berlin',
  '--tag',
  'import-2026',
  '--custom',
  'Plan=plan',
  '--custom',
  'Seats=seats:number',
];

describe('every field through the built binary', () => {
  it('lands in HelpCrunch shape, and a re-run sends no write', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor();
    await writeFile(join(dir, 'in.csv'), `${[HEADER, ...ROWS].join('\n')}\n`);

    const first = await run(args('first'), { env: targetEnv(sandbox) });
    expectExit(first, 0);
    const byId = new Map(sandbox.customers().map((customer) => [customer.userId, customer]));
    expect(byId.get('u-1')).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      company: 'Analytical Ltd',
      notes: 'Met at the fair\nprefers email',
      // 09:12:45 in Berlin (summer time, UTC+2) is 07:12:45 UTC.
      firstSeen: String(Date.UTC(2024, 4, 2, 7, 12, 45) / 1000),
      lastSeen: '1714641165',
      locale: 'es',
      unsubscribed: true,
      blocked: false,
      customData: { plan: 'pro', seats: 12 },
    });
    expect(
      byId
        .get('u-1')
        ?.tags.map((tag) => tag.name)
        .sort(),
    ).toEqual(['beta', 'import-2026', 'vip']);
    expect(byId.get('u-2')).toMatchObject({
      name: 'Bob Stone',
      firstSeen: String(Date.UTC(2024, 4, 2, 7, 12, 45) / 1000),
      lastSeen: '1714641165',
      locale: 'pt',
      unsubscribed: false,
      blocked: true,
      customData: { plan: 'free', seats: 1 },
    });
    expect(byId.get('u-2')?.tags.map((tag) => tag.name)).toEqual(['import-2026']);
    expect((await readSummary(join(dir, 'first'))).counts).toMatchObject({ valid: 2, created: 2 });

    const writesBefore = writeRoutes(sandbox).length;
    const routesBefore = JSON.stringify(sandbox.stats().byRoute);
    const second = await run(args('second'), { env: targetEnv(sandbox) });
    expectExit(second, 0);
    expect((await readSummary(join(dir, 'second'))).counts).toMatchObject({ unchanged: 2, created: 0, updated: 0 });
    expect(writeRoutes(sandbox)).toHaveLength(writesBefore);
    const after = sandbox.stats().byRoute as Record<string, number>;
    const before = JSON.parse(routesBefore) as Record<string, number>;
    expect(after['POST /customers'], 'no create on the re-run').toBe(before['POST /customers']);
    expect(after['PUT /customers/batch'] ?? 0, 'no update on the re-run').toBe(before['PUT /customers/batch'] ?? 0);
  });
});
