import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkApiUrl, isLoopbackHost, readApiKey } from '../../../src/cli/resolve-target.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('checkApiUrl', () => {
  it.each([
    'http://localhost:4010/v1',
    'http://127.0.0.1:4010/v1',
    'http://127.8.9.1/v1',
    'http://[::1]:4010/v1',
    'https://api.helpcrunch.com/v1/',
  ])('accepts %s', (url) => expect(checkApiUrl(url)).toBe(url.replace(/\/$/, '')));

  it.each(['http://api.helpcrunch.com/v1', 'http://10.0.0.5/v1', 'http://localhost.evil.com/v1', 'http://128.0.0.1/v1'])(
    'refuses plain http to %s with exit 2',
    (url) => {
      expect(() => checkApiUrl(url)).toThrow(expect.objectContaining({ code: 'HCI_INSECURE_URL', exitCode: 2 }));
    },
  );

  it('refuses what is not a URL', () => {
    expect(() => checkApiUrl('api.helpcrunch.com')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('192.168.1.1')).toBe(false);
  });
});

describe('readApiKey', () => {
  it('prefers the key file, trimmed, over the environment', async () => {
    const file = join(await tempDir(), 'key');
    await writeFile(file, '  file-key-0042\n');
    expect(await readApiKey({ env: { HELPCRUNCH_API_KEY: 'env-key-0042' }, apiKeyFile: file })).toBe('file-key-0042');
  });

  it('reads the environment, and treats a blank value as no key', async () => {
    expect(await readApiKey({ env: { HELPCRUNCH_API_KEY: 'env-key-0042' } })).toBe('env-key-0042');
    expect(await readApiKey({ env: { HELPCRUNCH_API_KEY: '  ' } })).toBeUndefined();
  });

  it('refuses a key shorter than 8 characters (exit 2), saying where it came from', async () => {
    await expect(readApiKey({ env: { HELPCRUNCH_API_KEY: ' k-123 ' } })).rejects.toMatchObject({
      exitCode: 2,
      code: 'HCI_CONFIG',
      message: expect.stringContaining('HELPCRUNCH_API_KEY is 5 characters long'),
    });
    const file = join(await tempDir(), 'key');
    await writeFile(file, 'seven-7\n');
    await expect(readApiKey({ env: {}, apiKeyFile: file })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('7 characters'),
    });
    await writeFile(file, 'eight-88\n');
    expect(await readApiKey({ env: {}, apiKeyFile: file })).toBe('eight-88');
  });

  it('says which file it cannot read, without echoing any content', async () => {
    await expect(readApiKey({ env: {}, apiKeyFile: '/nonexistent/key' })).rejects.toMatchObject({ exitCode: 2, code: 'HCI_CONFIG' });
  });
});
