/**
 * A dry run (or `verify`) writes nothing, so it cannot continue an unfinished import. With `--resume` it
 * used to take the unfinished run's folder over as if it were continuing it: it removed the crashed run's
 * results.csv.partial / failures.csv.partial (the outcomes so far) and put a dry run's "finished"
 * summary.json in the folder of an import that is not finished. It is refused like a new run there.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetEnv, useSandboxes } from '../helpers/sandboxes.js';
import { expectExit, useWorkspaces } from './helpers/run-main.js';

const newSandbox = useSandboxes();
const workspace = useWorkspaces();

const CSV = 'user_id,name,email\nu1,Ann,u1@example.com\nu2,Bob,u2@example.com\n';

/** A folder as a crash mid-import leaves it: an unfinished journal and the outcomes so far under partial names. */
async function crashedImport() {
  const sandbox = await newSandbox();
  const { dir, run } = await workspace();
  await writeFile(join(dir, 'in.csv'), CSV);
  const env = targetEnv(sandbox);
  expectExit(await run(['in.csv', '--report-dir', 'r', '--yes'], { env }), 0);
  const report = join(dir, 'r');
  const journal = (await readFile(join(report, 'journal.jsonl'), 'utf8')).replace(/^\{"type":"finished".*\n/m, '');
  await writeFile(join(report, 'journal.jsonl'), journal);
  await writeFile(join(report, 'results.csv.partial'), '\uFEFF_line,user_id,action,helpcrunch_id\r\n2,u1,created,1\r\n');
  const summary = await readFile(join(report, 'summary.json'), 'utf8');
  return { run, env, report, journal, summary };
}

describe('--resume with a dry run over an unfinished import', () => {
  for (const [name, args] of [
    ['--dry-run', ['in.csv', '--dry-run']],
    ['verify', ['verify', 'in.csv']],
  ] as const) {
    it(`${name} --resume is refused, and leaves the unfinished run as it was`, async () => {
      const { run, env, report, journal, summary } = await crashedImport();
      const result = await run([...args, '--report-dir', 'r', '--resume'], { env });
      expectExit(result, 2);
      expect(result.stderr).toContain('holds an unfinished run');
      expect(result.stderr).toContain('without --dry-run');
      expect(existsSync(join(report, 'results.csv.partial'))).toBe(true);
      expect(await readFile(join(report, 'journal.jsonl'), 'utf8')).toBe(journal);
      expect(await readFile(join(report, 'summary.json'), 'utf8')).toBe(summary);
    });
  }
});
