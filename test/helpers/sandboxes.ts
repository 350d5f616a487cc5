/** HelpCrunch sandboxes served in THIS process (port 0) for an import, in-process or spawned, to talk to. */
import { afterEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/start-sandbox.js';

/** Starts in-process sandboxes (unlimited rate unless asked) and closes each after its test. */
export function useSandboxes(): (options?: SandboxOptions) => Promise<Sandbox> {
  const started: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
  });
  return async (options = {}) => {
    const sandbox = await startSandbox({ port: 0, rate: Infinity, ...options });
    started.push(sandbox);
    return sandbox;
  };
}

/** The environment that points an import at a sandbox. */
export const targetEnv = (sandbox: Pick<Sandbox, 'url' | 'key'>, key = sandbox.key): Record<string, string> => ({
  HELPCRUNCH_API_URL: sandbox.url,
  HELPCRUNCH_API_KEY: key,
});

/** Writes go through these routes; lookups are `GET /customers` and `POST /customers/search`. */
export const WRITE_ROUTES = /^(POST \/customers|PUT |PATCH |DELETE )/;

/** Routes of the writes a sandbox has seen, e.g. `["POST /customers"]`. */
export const writeRoutes = (sandbox: Sandbox): string[] =>
  Object.keys(sandbox.stats().byRoute).filter((route) => route !== 'POST /customers/search' && WRITE_ROUTES.test(route));
