import { defineConfig } from 'vitest/config';

// Four layers (see ARCHITECTURE.md). `unit`, and `cli` without the tests tagged `slow`, are the fast subset
// (`npm run test:fast`). `cli` runs `main(argv, io)` in-process for flags, exit codes, output and reports;
// `integration` runs the real undici client against the in-process sandbox; `e2e` spawns the built binary
// for what needs a real process (the demo, signals, kill -9, the key never printed), so its global setup
// builds it first.
// Worker threads without per-file isolation: no test stubs globals, mocks modules or changes process
// state, and on two cores re-importing every module per file was a large share of the suite's time.
const shared = { pool: 'threads', isolate: false } as const;

export default defineConfig({
  test: {
    // Tests paced in real time (resume flows through `main`) and the scale checks of the indexes stay out of the fast subset.
    tags: [{ name: 'slow', description: 'paced in real time, or a million-key scale check; left out of npm run test:fast' }],
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { ...shared, name: 'cli', include: ['test/cli/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { ...shared, name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-once.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
