import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The end-to-end tests spawn the real binary, which runs the compiled `dist/`: build it once per run. */
export default function buildOnce(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
