/** The in-process sandboxes moved to test/helpers/sandboxes.ts (the cli tests use them too); kept for e2e imports. */
export { targetEnv, useSandboxes, writeRoutes } from '../../helpers/sandboxes.js';
