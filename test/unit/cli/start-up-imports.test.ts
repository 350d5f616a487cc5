import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');

/**
 * The packages a module loads before any of its code runs: its static imports, followed through the
 * project's own modules (`import type` is erased; `import { type X }` still loads its module).
 */
function packagesLoadedBy(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const source = readFileSync(file, 'utf8');
    for (const [statement, specifier = ''] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
      if (/^(?:import|export)\s+type\s/.test(statement) || specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        if (!packages.has(specifier)) packages.set(specifier, relative(SRC, file));
        continue;
      }
      const target = join(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return packages;
}

describe('start-up', () => {
  // An offline dry run of a big file is timed whole-process against the reader alone (issue 15): the HTTP
  // client, luxon, the language list and the HTML entities load only where they are used.
  it('loads no package beyond the CLI, validation and colour ones before the command is known', () => {
    const packages = packagesLoadedBy(join(SRC, 'cli/main.ts'));
    expect([...packages.keys()].sort()).toEqual(['chalk', 'commander', 'zod']);
  });
});
