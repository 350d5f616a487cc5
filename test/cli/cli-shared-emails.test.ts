/**
 * Issue 10: the shared-email warning used to name no email and no line. Now shared-emails.csv lists each
 * email more than one user_id uses, with those user_ids and the lines they use it on, and the warning
 * points at it.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportCsv, readSummary } from '../helpers/report-reader.js';
import { expectExit, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();

const CSV = [
  'user_id,name,email',
  'u1,Ann Lee,family@example.com',
  'u2,Bob Lee,Family@Example.com ',
  'u3,Cy Dee,cy@example.com',
  'u2,Bob Lee again,family@example.com',
  'u4,Bad Row,not-an-email',
  'u5,Dot Lee,FAMILY@example.com',
  'u6,Eve Ray,shared@example.org',
  'u7,Fay Ray,shared@example.org',
  '',
].join('\n');

describe('shared emails', () => {
  it('lists every shared email with its user_ids and lines, and the warning points at the file', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), CSV);
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r', '--fail-on', 'none']);
    expectExit(result, 0);
    const report = join(dir, 'r');
    const shared = await readReportCsv(report, 'shared-emails.csv');
    expect(shared.header).toEqual(['email', 'user_ids', 'lines']);
    expect(shared.rows).toEqual([
      { email: 'family@example.com', user_ids: 'u1; u2; u5', lines: '2; 3; 7' },
      { email: 'shared@example.org', user_ids: 'u6; u7', lines: '8; 9' },
    ]);
    const summary = await readSummary(report);
    const warning = summary.warnings.find((w) => w.code === 'shared_email');
    expect(warning?.message).toContain('2 emails are used by more than one user_id (3 rows)');
    expect(warning?.message).toContain(join(report, 'shared-emails.csv'));
    expect(result.stderr).toContain('shared-emails.csv');
  });

  it('no shared email: no file and no warning', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), 'user_id,name,email\nu1,Ann,a@example.com\nu2,Bob,b@example.com\n');
    expectExit(await run(['in.csv', '--dry-run', '--report-dir', 'r']), 0);
    expect(existsSync(join(dir, 'r', 'shared-emails.csv'))).toBe(false);
    expect((await readSummary(join(dir, 'r'))).warnings.map((w) => w.code)).not.toContain('shared_email');
  });

  it('--limit: lists only rows that were read, never a row past the cut', async () => {
    const { dir, run } = await workspace();
    const csv = 'user_id,name,email\nu1,Ann,s@example.com\nu2,Bob,s@example.com\nu3,Cy,c@example.com\nu4,Dee,s@example.com\n';
    await writeFile(join(dir, 'in.csv'), csv);
    expectExit(await run(['in.csv', '--dry-run', '--limit', '2', '--report-dir', 'r', '--fail-on', 'none']), 0);
    const shared = await readReportCsv(join(dir, 'r'), 'shared-emails.csv');
    expect(shared.rows).toEqual([{ email: 's@example.com', user_ids: 'u1; u2', lines: '2; 3' }]);
  });

  it('lists only the rows that were kept: a duplicate row is no user of its email', async () => {
    const { dir, run } = await workspace();
    // u1 is kept with a@; its duplicate on line 5 carries s@, which u2 and u3 share.
    const csv = 'user_id,name,email\nu1,Ann,a@example.com\nu2,Bob,s@example.com\nu3,Cy,s@example.com\nu1,Ann again,s@example.com\n';
    await writeFile(join(dir, 'in.csv'), csv);
    expectExit(await run(['in.csv', '--dry-run', '--report-dir', 'r', '--fail-on', 'none']), 0);
    const shared = await readReportCsv(join(dir, 'r'), 'shared-emails.csv');
    expect(shared.rows).toEqual([{ email: 's@example.com', user_ids: 'u2; u3', lines: '3; 4' }]);
  });

  it('--on-duplicate last: the line listed is the kept (last) row', async () => {
    const { dir, run } = await workspace();
    const csv = 'user_id,name,email\nu1,Ann,s@example.com\nu2,Bob,s@example.com\nu1,Ann later,s@example.com\n';
    await writeFile(join(dir, 'in.csv'), csv);
    expectExit(await run(['in.csv', '--dry-run', '--on-duplicate', 'last', '--report-dir', 'r', '--fail-on', 'none']), 0);
    const shared = await readReportCsv(join(dir, 'r'), 'shared-emails.csv');
    expect(shared.rows).toEqual([{ email: 's@example.com', user_ids: 'u2; u1', lines: '3; 4' }]);
  });
});
