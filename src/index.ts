/** hc-import as a library: the core, its ports, the client and the sandbox. The CLI is one user of it. */
export { runImport, type RunResult } from './core/run-import.js';
export type { RunConfig, RunDeps, Target, ClosableApi } from './core/run-config.js';
export type { RunEvent, RunListener } from './core/events.js';
export { createHelpCrunchClient, type HelpCrunchClient } from './api/helpcrunch-client.js';
export { ApiError, NoAnswerError } from './api/api-errors.js';
export type { CustomerApi, CustomerFields, StoredCustomer } from './api/customer-api.js';
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox/start-sandbox.js';
export { HciError, ErrorCode, ExitCode } from './errors.js';
export { ErrorKind, exitCodeFor } from './exit-codes.js';
export type { Summary, Counts } from './report/summary.js';
export { requestBudget } from './upsert/plan-upserts.js';
export { VERSION } from './version.js';
