/**
 * What `npm pack` ships installs and runs. Offline, here and in CI: `npm install <tgz>` would fetch the
 * dependencies from the registry (`--offline` works only when npm's cache holds every one, which a
 * symlinked or copied node_modules does not give), so the tarball is unpacked as npm would install it and
 * given this clone's node_modules, which holds the same dependency versions (package-lock.json).
 */
import { execFile } from 'node:child_process';
import { readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli-result.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { fixture, minimalEnv } from './helpers/cli-run.js';

const run = promisify(execFile);
const tempDir = useTempDirs();

interface PackedFile {
  path: string;
}

describe('npm pack', () => {
  it('ships bin/, dist/ and schema/ (no tests, no sources), and the packed bin runs', async () => {
    const dir = await tempDir();
    // --ignore-scripts: the e2e setup has just built dist/; rebuilding it here would race the other e2e tests.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
    const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: PackedFile[] }];
    const paths = info.files.map((file) => file.path);
    expect(paths).toContain('bin/hc-import.js');
    expect(paths).toContain('dist/cli/main.js');
    expect(paths).toContain('package.json');
    // The mapping file's JSON Schema, which a written mapping file's $schema points at.
    expect(paths).toContain('schema/hc-import.config.schema.json');
    expect(paths.filter((path) => /^(test|src|bench|\.ci|node_modules)\/|\.test\.|^fixtures\/csv\//.test(path))).toEqual([]);
    // Every compiled module has its source: a stale dist/ file of a removed module would ship too.
    const sources = new Set((await readdir(join(ROOT, 'src'), { recursive: true })).map((path) => path.replace(/\.ts$/, '')));
    const compiled = paths.filter((path) => /^dist\/.*\.js$/.test(path)).map((path) => path.replace(/^dist\/|\.js$/g, ''));
    expect(compiled.filter((path) => !sources.has(path))).toEqual([]);

    await run('tar', ['-xzf', join(dir, info.filename), '-C', dir]);
    await symlink(join(ROOT, 'node_modules'), join(dir, 'package', 'node_modules'), 'dir');
    const bin = join(dir, 'package', 'bin', 'hc-import.js');
    const options = { cwd: dir, env: minimalEnv(dir) };
    const version = await run(process.execPath, [bin, '--version'], options);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const dryRun = await run(process.execPath, [bin, fixture('bom-utf8.csv'), '--dry-run', '--report-dir', 'r'], options);
    expect(dryRun.stdout).toContain('rows 3: 3 valid, 0 rejected, 0 duplicates');
  });

  it("`npx hc-import` runs the clone's own command, offline (what the README shows before an install)", async () => {
    const dir = await tempDir();
    const env = { ...minimalEnv(dir), npm_config_cache: join(dir, 'npm-cache') };
    const version = await run('npx', ['--offline', 'hc-import', '--version'], { cwd: ROOT, env });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
