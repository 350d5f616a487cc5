/** `hc-import undo REPORT_DIR` through `main`, against a sandbox served by this test process. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { richCustomer } from '../helpers/customers.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, useWorkspaces } from './helpers/run-main.js';
import { writeFile } from 'node:fs/promises';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();
const FAST = ['--rate', '100000'];
const CSV = 'user_id,name,email\nu-1,Renamed,n1@example.com\nu-9,New,n9@example.com\n';

describe('hc-import undo', () => {
  it('shows the plan with the delete warning, puts the sandbox back, and reports in undo/<time>/', async () => {
    const { dir, run } = await workspace();
    const sandbox = await sandboxFor({ customers: [richCustomer(1)] });
    const before = sandbox.customers();
    await writeFile(join(dir, 'in.csv'), CSV);
    const env = targetEnv(sandbox);
    expectExit(await run(['in.csv', '--report-dir', 'run', ...FAST], { env }), 0);

    const dry = await run(['undo', 'run', '--dry-run', ...FAST], { env });
    expectExit(dry, 0);
    expect(dry.stderr).toContain(
      'undo plan: 1 to restore, 1 to delete, 0 changed since the run (kept), 0 already undone — 2 write requests',
    );
    expect(dry.stderr).toContain('deletes are permanent in HelpCrunch');
    expect(sandbox.customers()).not.toEqual(before);

    const done = await run(['undo', 'run', '--json', ...FAST], { env });
    expectExit(done, 0);
    const summary = JSON.parse(done.stdout) as { status: string; reportDir: string; counts: Record<string, number> };
    expect(summary).toMatchObject({ status: 'finished', counts: { restored: 1, deleted: 1 } });
    expect(summary.reportDir.startsWith(join(dir, 'run', 'undo'))).toBe(true);
    expect(done.stderr).toContain('undo: 2 of 2 customers settled');
    expect(sandbox.customers()).toEqual(before);
  });

  it('refuses a folder that holds no run (exit 2), and an option it does not know', async () => {
    const { run } = await workspace();
    const sandbox = await sandboxFor();
    const env = targetEnv(sandbox);
    const empty = await run(['undo', '.'], { env });
    expectExit(empty, 2);
    expect(empty.stderr).toContain('holds no import journal');
    expectExit(await run(['undo', '.', '--map', 'x=y'], { env }), 2);
    const help = await run(['help', 'undo']);
    expectExit(help, 0);
    expect(help.stdout).toContain('hc-import undo [options] <report-dir>');
    expect(help.stdout).toContain('--force');
  });
});
