import { defineConfig } from 'vitest/config';

// Three layers (see ARCHITECTURE.md): `unit` is the fast subset (`npm run test:fast`);
// `integration` runs the real undici client against the in-process sandbox;
// `e2e` spawns the built binary, so its global setup builds it first.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-once.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
