import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Real Python processes and servers, with timing rules: on 2 cores, test files run one
    // after another and each keeps a few cases in flight, so load never decides a verdict.
    fileParallelism: false,
    maxConcurrency: 4,
    testTimeout: 30_000,
    // Stryker's sandbox (npm run mutation) holds copies of the tests.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
  },
});
