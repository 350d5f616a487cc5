import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, configSchemaText } from '../../../src/cli/config-schema.js';
import { ImportFlags } from '../../../src/cli/import-options.js';
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

describe('the mapping file and the flags', () => {
  // Chosen per invocation (target, report folder, output), or where a secret is: not in a file that is committed and reused.
  const PER_RUN = ['dryRun', 'sandbox', 'apiUrl', 'reportDir', 'resume', 'overwrite', 'report', 'yes', 'json', 'quiet', 'color', 'debug'];
  const SECRET_FILES = ['apiKeyFile', 'hashSecretFile'];

  it('has a key for every flag but those of one invocation, named as the flag is', () => {
    const flags = Object.keys(ImportFlags.shape);
    const fileOnly = ['$schema', 'preset'];
    expect(CONFIG_KEYS.filter((key) => !fileOnly.includes(key) && !flags.includes(key))).toEqual([]);
    // A new flag fails here until it gets a key in config-schema.ts (then `npm run schema`) or joins a list above.
    expect(flags.filter((flag) => !CONFIG_KEYS.includes(flag) && !PER_RUN.includes(flag) && !SECRET_FILES.includes(flag))).toEqual([]);
  });
});
