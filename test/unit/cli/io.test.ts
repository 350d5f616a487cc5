import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { redactIo, type CliIo } from '../../../src/cli/io.js';
import { createRedactor } from '../../../src/secrets/redact-secrets.js';

function sink(): Writable & { isTTY?: boolean; columns?: number; text: string[] } {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { isTTY: true, columns: 77, text });
}

describe('redactIo', () => {
  it('redacts strings and buffers on both streams and reads isTTY and columns through', () => {
    const stdout = sink();
    const stderr = sink();
    const io: CliIo = {
      stdout,
      stderr,
      stdin: Readable.from([]),
      env: {},
      cwd: '/',
      signal: new AbortController().signal,
      pid: 1,
      isProcessAlive: () => true,
    };
    const safe = redactIo(io, createRedactor(['k/ey+1=']));
    safe.stdout.write('key k/ey+1=\n');
    safe.stderr.write(Buffer.from('escaped k\\/ey+1=\n'));
    expect(stdout.text.join('')).toBe('key [redacted]\n');
    expect(stderr.text.join('')).toBe('escaped [redacted]\n');
    expect(safe.stderr.isTTY).toBe(true);
    expect(safe.stderr.columns).toBe(77);
    expect(safe.stdin).toBe(io.stdin);
  });
});
