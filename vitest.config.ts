import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Each run's temporary directories under one of its own, removed at the end.
    globalSetup: ['test/global-temp-dir.ts'],
    // Integration tests drive real processes through the CLI; on two shared cores they need room.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // Integration tests start real servers and child processes; two cores only.
    maxWorkers: 2,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
