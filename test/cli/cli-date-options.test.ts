/**
 * `--timezone` and `--date-format` through `main`: a zone or order the tool does not know is a usage error
 * (exit 2, no report); the summary says which zone dates were read in; a slashed date without
 * `--date-format` is rejected and the reject names the flag.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { column, readReportCsv, readSummary } from '../helpers/report-reader.js';
import { expectExit, expectNoStack, useWorkspaces } from './helpers/run-main.js';

const workspace = useWorkspaces();

const CSV = 'user_id,name,email,Signed up,Last seen\nu-1,Ann,a@example.com,02/05/2024 11:12:45,2024-05-02 11:12:45\n';

async function withCsv(): Promise<Awaited<ReturnType<typeof workspace>>> {
  const space = await workspace();
  await writeFile(join(space.dir, 'in.csv'), CSV);
  return space;
}

describe('--timezone and --date-format', () => {
  it.each([
    [['--timezone', 'Mars/Olympus'], /--timezone "Mars\/Olympus" is not allowed: give an IANA time zone name such as UTC, Europe\/Berlin/],
    [['--date-format', 'YMD'], /--date-format "YMD" is not allowed: give DMY \(day first\) or MDY \(month first\)/],
  ])('refuses %s as a usage error before reading anything', async (args, message) => {
    const { dir, run } = await withCsv();
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r', ...args]);
    expectExit(result, 2);
    expectNoStack(result);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('reads slashed dates by the order given (in any case) and dates without a zone in the zone given, and says so', async () => {
    const { dir, run } = await withCsv();
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r', '--date-format', 'dmy', '--timezone', 'Europe/Berlin']);
    expectExit(result, 0);
    expect(result.stdout).toContain('dates without a zone read in Europe/Berlin; slashed dates day first');
    const summary = await readSummary(join(dir, 'r'));
    expect(summary.options).toMatchObject({ timezone: 'Europe/Berlin', dateFormat: 'DMY' });
    expect(summary.input.mapping).toMatchObject({ first_seen: 'Signed up', last_seen: 'Last seen' });
  });

  it('rejects a slashed date without --date-format, naming the flag, and reads the rest in UTC', async () => {
    const { dir, run } = await withCsv();
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r']);
    expectExit(result, 4);
    expect(result.stdout).toContain('dates without a zone read in UTC; slashed dates refused (no --date-format)');
    const rejects = await readReportCsv(join(dir, 'r'), 'rejects.csv');
    expect(column(rejects, '_reason_code')).toEqual(['ambiguous_date']);
    expect(column(rejects, '_reason')[0]).toContain('add --date-format DMY (day first) or --date-format MDY (month first)');
    expect((await readSummary(join(dir, 'r'))).options).toMatchObject({ timezone: 'UTC', dateFormat: null });
  });

  it('says nothing about dates when no column feeds one', async () => {
    const { dir, run } = await workspace();
    await writeFile(join(dir, 'in.csv'), 'user_id,name,email\nu-1,Ann,a@example.com\n');
    const result = await run(['in.csv', '--dry-run', '--report-dir', 'r']);
    expectExit(result, 0);
    expect(result.stdout).not.toContain('dates');
  });
});
