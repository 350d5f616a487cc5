import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The end-to-end tests spawn the real binary, which runs the compiled `dist/`: build it once per run. */
export default function buildOnce(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // From scratch, as `npm run build` does: a module removed from src/ must not linger in dist/ (or in a package).
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
