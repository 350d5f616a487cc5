import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mappingAsConfig, writeConfigFile } from '../../../src/cli/write-config.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const HEADERS = ['user_id', 'Full Name', 'email', 'Phone', 'Seats'];

describe('the mapping as a mapping file', () => {
  it('names every single-column field in map and each custom column with its type', () => {
    const mapping = mapColumns(HEADERS, {}, { custom: [{ header: 'Seats', property: 'seats', type: 'number' }], customRest: false });
    const config = mappingAsConfig({
      headers: HEADERS,
      mapping,
      preset: 'none',
      schema: 's.json',
      options: { dateFormat: 'mdy', limit: 5 },
    });
    expect(config).toEqual({
      $schema: 's.json',
      preset: 'none',
      map: { user_id: 'user_id', name: 'Full Name', email: 'email', phone: 'Phone' },
      custom: ['Seats=seats:number'],
      tagSeparator: null,
      dateFormat: 'MDY',
      timezone: 'UTC',
      limit: 5,
    });
  });

  it('is not written when reading it back would map a column otherwise (a preset that ignores a known header)', async () => {
    const dir = await tempDir();
    const detected = mapColumns(HEADERS);
    const { phone: _dropped, ...fields } = detected.fields;
    const mapping = {
      ...detected,
      fields: fields as typeof detected.fields,
      unmapped: [{ index: 3, header: 'Phone' }, ...detected.unmapped],
    };
    await expect(writeConfigFile('out.json', dir, { headers: HEADERS, mapping, preset: 'x', options: {} })).rejects.toThrow(
      /cannot be written as a mapping file: column "Phone" would not be read the same way/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
