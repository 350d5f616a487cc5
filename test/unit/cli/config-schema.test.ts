import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchemaText } from '../../../src/cli/config-schema.js';
import { ROOT } from '../../helpers/cli-result.js';

describe('the published JSON Schema of the mapping file', () => {
  it('is the one generated from the zod schema (npm run schema rewrites it)', async () => {
    const committed = await readFile(join(ROOT, 'schema', 'hc-import.config.schema.json'), 'utf8');
    expect(committed).toBe(configSchemaText());
  });

  it('refuses unknown keys and names the fields map takes', () => {
    const schema = JSON.parse(configSchemaText()) as {
      additionalProperties: boolean;
      properties: Record<string, { anyOf?: Array<{ propertyNames?: { enum: string[] } }> }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.map?.anyOf?.[0]?.propertyNames?.enum).toEqual(expect.arrayContaining(['user_id', 'email', 'tags']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['$schema', 'preset', 'custom', 'timezone', 'failOn', 'rate']));
  });
});
