import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, loadConfigFile, type LoadedConfig, mergeConfig, parseConfigText } from '../../../src/cli/config-file.js';
import { HciError } from '../../../src/errors.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const parse = (value: unknown): Record<string, unknown> => parseConfigText(JSON.stringify(value), 'my.json');
const failure = (value: unknown): HciError => {
  try {
    parseConfigText(typeof value === 'string' ? value : JSON.stringify(value), 'my.json');
  } catch (error) {
    expect(error).toBeInstanceOf(HciError);
    return error as HciError;
  }
  throw new Error('expected the file to be refused');
};

describe('reading a mapping file', () => {
  it('gives the flags their values: map as field → header, nulls and $schema left out', () => {
    const flags = parse({
      $schema: './schema.json',
      map: { user_id: 'Customer ID', tags: 'Labels' },
      custom: ['Plan=plan', 'Seats=seats:number'],
      tagSeparator: null,
      dateFormat: 'DMY',
      rate: 60,
    });
    expect(flags).toEqual({
      map: { user_id: 'Customer ID', tags: 'Labels' },
      custom: ['Plan=plan', 'Seats=seats:number'],
      dateFormat: 'DMY',
      rate: 60,
    });
  });

  it("takes map in the flag's list form too", () => {
    expect(parse({ map: ['userId=Customer ID', 'email=Mail'] }).map).toEqual({ user_id: 'Customer ID', email: 'Mail' });
    expect(failure({ map: ['colour=Paint'] }).message).toMatch(/^my\.json: "map": "colour": unknown field; the fields are user_id/);
  });

  it('refuses an unknown key, naming it and every allowed key', () => {
    const error = failure({ map: {}, onDuplicates: 'last' });
    expect(error.kind).toBe('usage');
    expect(error.message).toMatch(/^my\.json: unknown key "onDuplicates"; the keys are \$schema, preset, map, custom, .*onDuplicate, /);
    expect(failure({ map: { colour: 'Paint' } }).message).toMatch(/"map": unknown field "colour"/);
  });

  it('refuses a value its flag would refuse, naming the key and the value', () => {
    expect(failure({ rate: 0 }).message).toBe('my.json: "rate" 0 is not allowed: must be above 0.');
    expect(failure({ timezone: 'Mars/Base' }).message).toMatch(/"timezone" "Mars\/Base" is not allowed: must be an IANA time zone/);
    expect(failure({ rate: '120' }).message).toMatch(/"rate" "120" is not allowed/);
    expect(failure({ onDuplicate: 'newest' }).message).toMatch(/"onDuplicate" "newest" is not allowed/);
  });

  it('refuses any key named like a secret, and never echoes its value', () => {
    for (const key of ['apiKey', 'api_key', 'hashSecret', 'secret', 'token', 'HELPCRUNCH_API_KEY', 'password']) {
      const error = failure({ [key]: 'hunter2-value' });
      expect(error.message).toContain(`"${key}" is refused: secrets are never read from a config file`);
      expect(error.hint).toMatch(/HELPCRUNCH_API_KEY or --api-key-file .* --hash-secret-file/);
      expect(`${error.message}${error.hint}`).not.toContain('hunter2-value');
    }
  });

  it('says what is wrong with a file that is not a JSON object', () => {
    expect(failure('{"map": {').message).toMatch(/^my\.json is not valid JSON/);
    expect(failure('// comment\n{}').hint).toMatch(/plain JSON/);
    expect(failure([]).message).toMatch(/must hold one JSON object/);
    // An editor's byte order mark is not an error.
    expect(parseConfigText('\uFEFF{"blanks": "clear"}', 'my.json')).toEqual({ blanks: 'clear' });
  });
});

describe('finding the file', () => {
  it('reads hc-import.config.json in the directory when --config is not given, and nothing when it is absent', async () => {
    const dir = await tempDir();
    expect(await loadConfigFile(undefined, dir)).toBeUndefined();
    await writeFile(join(dir, CONFIG_FILE_NAME), '{"failOn": "none"}');
    expect(await loadConfigFile(undefined, dir)).toEqual({ shown: CONFIG_FILE_NAME, implicit: true, flags: { failOn: 'none' } });
    expect(await loadConfigFile(false, dir)).toBeUndefined();
  });

  it('reads the file --config names, relative to the directory; a missing one is a usage error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'seed.json'), '{"blanks": "clear"}');
    expect(await loadConfigFile('seed.json', dir)).toEqual({ shown: 'seed.json', implicit: false, flags: { blanks: 'clear' } });
    await expect(loadConfigFile('nope.json', dir)).rejects.toThrow(/Cannot read the config file nope\.json/);
  });
});

describe('flags and the file', () => {
  const config: LoadedConfig = {
    shown: 'x.json',
    implicit: false,
    flags: { map: { user_id: 'Customer ID', email: 'Mail' }, failOn: 'none', tag: ['from-file'] },
  };

  it('a flag on the command line wins; the file beats the defaults', () => {
    const onCommandLine = new Set(['failOn']);
    const merged = mergeConfig({ failOn: 'any', report: true }, config, (name) => onCommandLine.has(name));
    expect(merged).toEqual({ failOn: 'any', report: true, tag: ['from-file'], map: ['user_id=Customer ID', 'email=Mail'] });
  });

  it('--map replaces the file entry of its own field only', () => {
    const merged = mergeConfig({ map: ['email=E-mail'] }, config, (name) => name === 'map');
    expect(merged.map).toEqual(['user_id=Customer ID', 'email=E-mail']);
  });

  it('without a file the flags stay as they are', () => {
    expect(mergeConfig({ map: ['email=E-mail'] }, undefined, () => true)).toEqual({ map: ['email=E-mail'] });
  });
});
