/**
 * Issue 12 through the built binary: a HubSpot and a Pipedrive export, as the tools write them, import into
 * a sandbox served by this test with their presets (tags, notes, dates, attributes), and neither tool's own
 * record id nor its owner column reaches HelpCrunch. test/cli/cli-presets.test.ts covers every preset in-process.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSummary } from '../helpers/report-reader.js';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { ROOT } from '../helpers/cli-result.js';
import { expectExit, useWorkspaces } from './helpers/cli-run.js';

const workspace = useWorkspaces();
const sandboxFor = useSandboxes();

describe('other tools’ exports through the built binary', () => {
  it.each([
    ['hubspot.csv', 'hubspot', 'owner@acme-sales.com', '5101'],
    ['pipedrive.csv', 'pipedrive', 'Sam Seller', '201'],
  ])(
    '%s: detected, imported with tags, notes, dates and attributes; no record id or owner stored',
    async (name, preset, owner, recordId) => {
      const { dir, run } = await workspace();
      await copyFile(join(ROOT, 'fixtures', 'presets', name), join(dir, name));
      const sandbox = await sandboxFor();
      const result = await run([name, '--yes', '--custom-rest', '--report-dir', 'r'], { env: targetEnv(sandbox) });
      expectExit(result, 4); // each fixture carries a bad email, a missing id and a duplicate
      expect(result.stderr).toContain(`preset: ${preset}`);
      expect((await readSummary(join(dir, 'r'))).input.preset).toBe(preset);
      const ada = sandbox.customers().find((customer) => customer.userId === 'u-1');
      expect(ada).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
      expect(ada?.notes).toBeTruthy();
      expect(Number(ada?.firstSeen)).toBeGreaterThan(0);
      expect(ada?.tags.length).toBeGreaterThan(0);
      expect(ada?.customData).toMatchObject({ Plan: 'pro' });
      const stored = JSON.stringify(sandbox.customers());
      expect(stored).not.toContain(owner);
      expect(sandbox.customers().map((customer) => customer.userId)).not.toContain(recordId);
    },
  );
});
