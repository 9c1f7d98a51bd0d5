// npm run mutation: Stryker over the code that judges, killed by the fast tests of
// vitest.mutation.config.ts only (pure unit tests: no Python, no servers, no child processes).
// The scope, file by file (docs/mutation-survivors.md says the same):
// - verdicts: evaluateCase and judgeServerCase (fail > error > pass > skip per row), the
//   result builders (MUST fails, SHOULD warns), the rule lookups, IMPLIED, the header and
//   status schemas whose refinements carry rule ids;
// - what a fixture declares and compare(), coverage gaps, shards, the pin diff;
// - the exit code (summarize, exitCode, untestedCause, judgeRun) and the baseline;
// - the result stream, merge and the JUnit counters (renderJunit, suitesOf, testcase; not the
//   XML properties or the text under a testcase, which decide nothing).
// Reports: test-artifacts/mutation/mutation.json and .html (git-ignored, regenerated).
// Incremental: reruns only mutants whose code or tests changed; the file stays out of git
// (test-artifacts/), as it holds a copy of every mutated file and test and changes with each.
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
    'reports/junit.ts:33-72',
    'reports/junit.ts:115-154',
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
