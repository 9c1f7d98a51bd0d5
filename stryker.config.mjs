// npm run mutation: Stryker over the code that judges (rule lookups and schemas, the fixture
// expectations, coverage, exit codes, the baseline, the result stream, merge and JUnit
// counters), killed by the fast tests of vitest.mutation.config.ts only.
// Reports: test-artifacts/mutation/mutation.json and .html. Reviewed survivors:
// docs/mutation-survivors.md. Incremental: reruns only mutants whose code or tests changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'spec/implied.ts',
    'spec/catalog/index.ts',
    'spec/schemas/headers.ts',
    'spec/schemas/status.ts',
    'suites/app/expectations.ts',
    'suites/coverage.ts',
    'suites/evaluate.ts',
    'suites/result-base.ts',
    'suites/shard.ts',
    'suites/server/judge.ts',
    'suites/server/pinned.ts',
    'reports/result.ts',
    'reports/junit.ts',
    'reports/merge.ts',
    'reports/stream.ts',
    'cli/emit.ts:84-96',
    'cli/baseline.ts',
  ],
  ignoreStatic: true,
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  incremental: true,
  incrementalFile: 'test-artifacts/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'test-artifacts/mutation/mutation.json' },
  htmlReporter: { fileName: 'test-artifacts/mutation/mutation.html' },
  thresholds: { high: 90, low: 80, break: null },
  // vitest.config.ts excludes it, so a sandbox left by a killed run never joins npm test.
  tempDirName: '.stryker-tmp',
};
