import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userIdHashingFrom } from '../../../src/cli/hash-options.js';
import { HASH_SECRET_ENV, readHashSecret, stripOneLineBreak } from '../../../src/cli/hash-secret.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();
const SECRET = 'hc-test-salt-0123456789';

/** Writes `content` to `secret.txt` in a fresh folder; returns the folder. */
async function secretFile(content: string | Buffer): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'secret.txt'), content);
  return dir;
}

const usage = (message: RegExp) => expect.objectContaining({ code: 'HCI_CONFIG', exitCode: 2, message: expect.stringMatching(message) });

describe('stripOneLineBreak', () => {
  it.each([
    ['abc\n', 'abc'],
    ['abc\r\n', 'abc'],
    ['abc\n\n', 'abc\n'],
    ['abc\r\n\r\n', 'abc\r\n'],
    ['abc \n', 'abc '],
    ['abc\r', 'abc\r'],
    ['abc', 'abc'],
  ])('%j → %j', (text, secret) => expect(stripOneLineBreak(text)).toBe(secret));
});

describe('readHashSecret', () => {
  it('reads the file, relative to cwd, without its one final line break', async () => {
    const cwd = await secretFile(`${SECRET}\r\n`);
    expect(await readHashSecret({ env: {}, file: 'secret.txt', cwd })).toBe(SECRET);
  });

  it('keeps every other byte: a second line break, spaces', async () => {
    const cwd = await secretFile(` ${SECRET} \n\n`);
    expect(await readHashSecret({ env: {}, file: 'secret.txt', cwd })).toBe(` ${SECRET} \n`);
  });

  it('prefers the file to the environment, and takes the environment verbatim', async () => {
    const cwd = await secretFile(SECRET);
    expect(await readHashSecret({ env: { [HASH_SECRET_ENV]: 'other-secret-value' }, file: 'secret.txt', cwd })).toBe(SECRET);
    expect(await readHashSecret({ env: { [HASH_SECRET_ENV]: `${SECRET}\n` }, cwd })).toBe(`${SECRET}\n`);
  });

  it('refuses a missing secret, a missing file, an empty file and an empty variable (exit 2)', async () => {
    const cwd = await secretFile('\n');
    await expect(readHashSecret({ env: {}, cwd })).rejects.toThrow(usage(/needs the hashing secret/));
    await expect(readHashSecret({ env: {}, file: 'nowhere.txt', cwd })).rejects.toThrow(
      usage(/Cannot read the hashing secret file nowhere\.txt/),
    );
    await expect(readHashSecret({ env: {}, file: 'secret.txt', cwd })).rejects.toThrow(usage(/secret\.txt holds an empty/));
    await expect(readHashSecret({ env: { [HASH_SECRET_ENV]: '' }, cwd })).rejects.toThrow(usage(/HC_IMPORT_HASH_SECRET holds an empty/));
  });

  it('refuses a folder, a short secret, a byte order mark and bytes that are not UTF-8, never quoting the secret', async () => {
    const cwd = await secretFile('abc1234\n');
    await mkdir(join(cwd, 'folder'));
    await expect(readHashSecret({ env: {}, file: 'folder', cwd })).rejects.toThrow(usage(/Cannot read/));
    const short = readHashSecret({ env: {}, file: 'secret.txt', cwd });
    await expect(short).rejects.toThrow(usage(/7 characters long; hc-import needs at least 8/));
    await expect(short).rejects.not.toThrow(/abc1234/);
    const bom = await secretFile(`\uFEFF${SECRET}`);
    await expect(readHashSecret({ env: {}, file: 'secret.txt', cwd: bom })).rejects.toThrow(usage(/byte order mark/));
    const latin1 = await secretFile(Buffer.from('geheimnis-\xfc', 'latin1'));
    await expect(readHashSecret({ env: {}, file: 'secret.txt', cwd: latin1 })).rejects.toThrow(usage(/not UTF-8/));
  });
});

describe('userIdHashingFrom', () => {
  it('is undefined without --hash-user-id, and refuses its companions alone', async () => {
    const io = { env: { [HASH_SECRET_ENV]: SECRET }, cwd: '/' };
    expect(await userIdHashingFrom({}, io)).toBeUndefined();
    await expect(userIdHashingFrom({ hashPrefix: 'h_', keepOriginalIdAs: 'site_id' }, io)).rejects.toThrow(
      /--hash-prefix, --keep-original-id-as only work with --hash-user-id/,
    );
  });

  it('gathers scheme, prefix, property and secret', async () => {
    const io = { env: { [HASH_SECRET_ENV]: SECRET }, cwd: '/' };
    expect(await userIdHashingFrom({ hashUserId: 'sha256-salt-first', hashPrefix: 'h_', keepOriginalIdAs: 'site_id' }, io)).toEqual({
      scheme: 'sha256-salt-first',
      secret: SECRET,
      prefix: 'h_',
      keepOriginalIdAs: 'site_id',
    });
    expect(await userIdHashingFrom({ hashUserId: 'hmac-sha256' }, io)).toEqual({ scheme: 'hmac-sha256', secret: SECRET, prefix: '' });
  });
});
