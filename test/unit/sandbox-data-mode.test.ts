import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveState } from '../../src/sandbox/persistence.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sandbox --data file', () => {
  // Under a umask that already hides the file (077) there is nothing to test.
  it.skipIf((process.umask() & 0o044) !== 0)('is readable by its owner only: a rehearsal loads real customers into it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hc-sandbox-data-'));
    const file = join(dir, 'state.json');
    await saveState(file, { nextId: 2, customers: [{ id: 1, email: 'ada@example.com' } as never] });
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
  });
});
