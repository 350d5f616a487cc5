import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RejectCode } from '../../../src/model.js';
import { openWriteReports, openInputReports, rowLayout } from '../../../src/report/row-reports.js';
import { createRedactor } from '../../../src/secrets/redact-secrets.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const read = async (dir: string, name: string) => (await readFile(join(dir, name), 'utf8')).replace(/^\uFEFF/, '');

describe('row reports', () => {
  it('redacts a secret in any cell before quoting it (quoting doubles its `"`)', async () => {
    const dir = await tempDir();
    const key = 'q"uo\\te/+=';
    const reports = openWriteReports(dir, rowLayout(['user_id', 'note'], ','), createRedactor([key]));
    const message = `Token ${key} refused`;
    reports.failure({ line: 2, userId: 'u1', action: 'failed', status: 400, code: 'bad', message }, ['u1', `x${key}`]);
    await reports.close();
    const text = await read(dir, 'failures.csv');
    expect(text).toBe('user_id,note,_line,_status,_error_code,_error\r\nu1,x[redacted],2,400,bad,Token [redacted] refused\r\n');
  });

  it('pads short rows, moves surplus cells to _extra and drops a previous report’s _ columns', async () => {
    const dir = await tempDir();
    const layout = rowLayout(['user_id', 'name', '_reason', 'email'], ';');
    const reports = openInputReports(dir, layout);
    reports.reject({ line: 3, cells: ['u1', 'Ann'], code: RejectCode.missingEmail, message: 'email is missing' });
    reports.reject({
      line: 4,
      cells: ['u2', 'Bo', 'old', 'b@x.io', 'surplus', 'more'],
      code: RejectCode.malformedRecord,
      message: 'has 6 fields',
    });
    reports.duplicate({ line: 9, cells: ['u1', 'Ann', '', 'a@x.io'], userId: 'u1', keptLine: 2 });
    reports.duplicate({ line: 10, cells: ['u3', 'Cy', '', 'c@x.io'], userId: 'u3', keptLine: null });
    await reports.close();

    expect(await read(dir, 'rejects.csv')).toBe(
      'user_id,name,email,_line,_reason_code,_reason,_extra\r\n' +
        'u1,Ann,,3,missing_email,email is missing,\r\n' +
        'u2,Bo,b@x.io,4,malformed_record,has 6 fields,surplus;more\r\n',
    );
    expect(await read(dir, 'duplicates.csv')).toBe('user_id,name,email,_line,_kept_line\r\nu1,Ann,a@x.io,9,2\r\nu3,Cy,c@x.io,10,\r\n');
  });

  it('starts every report with a UTF-8 BOM so Excel shows accents', async () => {
    const dir = await tempDir();
    const reports = openInputReports(dir, rowLayout(['name'], ','));
    await reports.close();
    expect((await readFile(join(dir, 'rejects.csv'))).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  // Under --hash-user-id the reports lead with the original user_id and add the id written; failures.csv's
  // column starts with `_`, so the fixed file imports again without a column that maps to nothing.
  it.each([
    ['', undefined, '_line,user_id,action,helpcrunch_id\r\n2,007,created,41\r\n', '_line,_status', '5,400'],
    [
      ' (hashed ids)',
      new Map([
        [2, '007'],
        [5, 'u5'],
      ]),
      '_line,user_id,helpcrunch_user_id,action,helpcrunch_id\r\n2,007,h_007,created,41\r\n',
      '_line,_helpcrunch_user_id,_status',
      '5,h_u5,400',
    ],
  ])('writes results and failures with the API status and code%s', async (_, originals, results, columns, cells) => {
    const dir = await tempDir();
    const reports = openWriteReports(dir, rowLayout(['user_id', 'email'], ','), undefined, originals);
    const written = (id: string): string => (originals ? `h_${id}` : id);
    reports.result({ line: 2, userId: written('007'), action: 'created', id: 41 });
    const message = 'item 0: bad email';
    reports.failure({ line: 5, userId: written('u5'), action: 'failed', status: 400, code: 'invalid_email_value', message }, [
      'u5',
      '-bad',
    ]);
    await reports.close();
    expect(await read(dir, 'results.csv')).toBe(results);
    expect(await read(dir, 'failures.csv')).toBe(
      `user_id,email,${columns},_error_code,_error\r\nu5,'-bad,${cells},invalid_email_value,${message}\r\n`,
    );
  });
});
