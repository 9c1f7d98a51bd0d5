import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Real Python processes and servers: keep concurrent tests to what 2 cores carry.
    maxConcurrency: 4,
    testTimeout: 30_000,
  },
});
