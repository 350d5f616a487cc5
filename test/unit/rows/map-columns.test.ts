import { describe, expect, it } from 'vitest';
import { ErrorCode, ExitCode, HciError } from '../../../src/errors.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { parseMapOptions } from '../../../src/rows/parse-map-options.js';

/** The error a call throws, so a test can look at its code, exit code and message together. */
function thrown(run: () => unknown): HciError {
  try {
    run();
  } catch (error) {
    if (error instanceof HciError) return error;
    throw error;
  }
  throw new Error('expected an HciError');
}

describe('mapColumns', () => {
  it('maps canonical headers to their columns', () => {
    const { fields, unmapped, ignored } = mapColumns(['user_id', 'name', 'email', 'phone', 'company']);
    expect(fields.user_id.indexes).toEqual([0]);
    expect(fields.name.indexes).toEqual([1]);
    expect(fields.email.indexes).toEqual([2]);
    expect(fields.phone?.indexes).toEqual([3]);
    expect(fields.company?.indexes).toEqual([4]);
    expect(unmapped).toEqual([]);
    expect(ignored).toEqual([]);
  });

  it.each([
    ['userId', 'user_id'],
    ['User ID', 'user_id'],
    ['USER-ID', 'user_id'],
    ['external_id', 'user_id'],
    ['externalId', 'user_id'],
    ['Customer ID', 'user_id'],
    ['contact_id', 'user_id'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['mail', 'email'],
    ['Mobile', 'phone'],
    ['Telephone', 'phone'],
    ['tel', 'phone'],
    ['Phone Number', 'phone'],
    ['Organisation', 'company'],
    ['Organization', 'company'],
    ['Account Name', 'company'],
    ['Company Name', 'company'],
  ] as const)('recognises %j as %s', (header, field) => {
    const requiredOthers = ['user_id', 'name', 'email'].filter((name) => name !== field);
    const mapping = mapColumns([...requiredOthers, header]);
    expect(mapping.fields[field]?.headers).toEqual([header]);
    expect(mapping.unmapped).toEqual([]);
  });

  it('does not take a bare "id" column as user_id', () => {
    const error = thrown(() => mapColumns(['id', 'name', 'email']));
    expect(error.code).toBe(ErrorCode.missingColumn);
  });

  it('joins First Name and Last Name when there is no name column', () => {
    const mapping = mapColumns(['User ID', 'First Name', 'Last Name', 'Email']);
    expect(mapping.fields.name).toEqual({ indexes: [1, 2], headers: ['First Name', 'Last Name'] });
    expect(mapping.unmapped).toEqual([]);
  });

  it('accepts given name / surname / family name spellings', () => {
    expect(mapColumns(['uid', 'user_id', 'Given Name', 'Surname', 'email']).fields.name.indexes).toEqual([2, 3]);
    expect(mapColumns(['user_id', 'family_name', 'email']).fields.name.indexes).toEqual([1]);
  });

  it('prefers a name column over first/last and lists those as unmapped with a note', () => {
    const mapping = mapColumns(['First Name', 'user_id', 'Full Name', 'Last Name', 'email']);
    expect(mapping.fields.name.indexes).toEqual([2]);
    expect(mapping.unmapped.map((column) => column.header)).toEqual(['First Name', 'Last Name']);
    expect(mapping.unmapped[0]?.note).toContain('Full Name');
  });

  it('ignores columns starting with _ (the report’s own columns)', () => {
    const mapping = mapColumns(['_line', '_code', '_message', 'user_id', 'name', 'email', '_name']);
    expect(mapping.ignored).toEqual(['_line', '_code', '_message', '_name']);
    expect(mapping.fields.user_id.indexes).toEqual([3]);
    expect(mapping.fields.name.indexes).toEqual([4]);
    expect(mapping.unmapped).toEqual([]);
  });

  it('lets the first of two matching columns win and notes the other', () => {
    const mapping = mapColumns(['user_id', 'name', 'Email', 'E-mail', 'Shoe size']);
    expect(mapping.fields.email.indexes).toEqual([2]);
    expect(mapping.unmapped).toEqual([
      { index: 3, header: 'E-mail', note: 'also matches email, which is read from "Email"' },
      { index: 4, header: 'Shoe size' },
    ]);
  });

  it('fails with exit 3 naming the missing field and listing the headers found', () => {
    const error = thrown(() => mapColumns(['User ID', 'Name', 'Phone']));
    expect(error.code).toBe(ErrorCode.missingColumn);
    expect(error.exitCode).toBe(ExitCode.input);
    expect(error.message).toBe('no column for email; headers found: "User ID", "Name", "Phone"');
    expect(error.hint).toContain('--map email=');
  });

  it('names every missing required field at once', () => {
    expect(thrown(() => mapColumns(['Phone'])).message).toMatch(/^no column for user_id, name, email;/);
  });

  it('lets --map beat the automatic match and leaves the auto column unmapped with a note', () => {
    const mapping = mapColumns(['user_id', 'name', 'email', 'Work Email'], { email: 'Work Email' });
    expect(mapping.fields.email.indexes).toEqual([3]);
    expect(mapping.unmapped).toEqual([{ index: 2, header: 'email', note: 'also matches email, which is read from "Work Email"' }]);
  });

  it('matches a --map header exactly first, then normalised', () => {
    expect(mapColumns(['ID', 'id', 'name', 'email'], { user_id: 'id' }).fields.user_id.indexes).toEqual([1]);
    expect(mapColumns(['Member No', 'name', 'email'], { user_id: 'member_no' }).fields.user_id.indexes).toEqual([0]);
  });

  it('lets one column feed two fields when --map says so', () => {
    const mapping = mapColumns(['name', 'Email'], { user_id: 'Email' });
    expect(mapping.fields.user_id.indexes).toEqual([1]);
    expect(mapping.fields.email.indexes).toEqual([1]);
  });

  it('reads a _ column when --map names it', () => {
    const mapping = mapColumns(['_id', 'name', 'email'], { user_id: '_id' });
    expect(mapping.fields.user_id.indexes).toEqual([0]);
    expect(mapping.ignored).toEqual([]);
  });

  it('rejects a --map header that does not exist with a usage error listing the headers', () => {
    const error = thrown(() => mapColumns(['user_id', 'name', 'email'], { phone: 'Mobile Phone' }));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe('--map phone="Mobile Phone": no such column; headers found: "user_id", "name", "email"');
  });

  it('rejects an unknown field in the overrides', () => {
    const overrides = { nickname: 'Nick' } as Record<string, string>;
    expect(thrown(() => mapColumns(['user_id', 'name', 'email'], overrides)).exitCode).toBe(ExitCode.usage);
  });
});

describe('parseMapOptions', () => {
  it('parses field=Header pairs, splitting at the first =', () => {
    expect(parseMapOptions(['user_id=Customer ID', 'name=a=b'])).toEqual({
      user_id: 'Customer ID',
      name: 'a=b',
    });
  });

  it('accepts field names spelled like headers', () => {
    expect(parseMapOptions(['userId=Customer ID', 'E-mail=Mail'])).toEqual({ user_id: 'Customer ID', email: 'Mail' });
  });

  it.each(['user_id', '=Header', 'user_id=', 'nickname=Nick'])('rejects %j with a usage error', (value) => {
    expect(thrown(() => parseMapOptions([value])).exitCode).toBe(ExitCode.usage);
  });

  it('rejects the same field twice', () => {
    expect(thrown(() => parseMapOptions(['email=A', 'email=B'])).message).toContain('given twice');
  });
});
