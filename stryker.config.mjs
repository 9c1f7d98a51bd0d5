// npm run mutation: Stryker over the code that judges (issue 15: spec/, suites/, reports/, the
// CLI's exit-code and baseline logic), killed by the fast tests of vitest.mutation.config.ts.
// In scope, file by file (docs/mutation-survivors.md says the same):
// - verdicts: evaluateCase and judgeServerCase (fail > error > pass > skip per row), the
//   result builders (MUST fails, SHOULD warns), the rule lookups, IMPLIED, the header and
//   status schemas whose refinements carry rule ids, and the value predicates they use;
// - the reference models (spec/model/: the environ, wsgi.input, request and response a check
//   compares against) and the wire verdict helpers (suites/server/wire/checks.ts);
// - what a fixture declares and compare(), coverage gaps, shards, the pin diff;
// - the exit code (summarize, exitCode, untestedCause, judgeRun) and the baseline;
// - the result stream, merge and the JUnit counters (renderJunit, suitesOf, testcase; not the
//   XML properties or the text under a testcase, which decide nothing).
// Left out, each for a stated reason:
// - the case checks of suites/app, suites/server (and wire/), suites/middleware, suites/fuzz:
//   judging code, but a test that can kill their mutants starts Python (the in-process runner,
//   a broken server), seconds to a minute per mutant, for thousands of mutants; they are guarded
//   row by row by the integration lane instead (suites/*/fixtures.test.ts: every (case, rule)
//   row fails on a broken fixture and passes on a clean one);
// - spec/catalog/<section>.ts, spec/rule.ts, spec/environ-keys.ts, spec/wire-problem.ts,
//   reports/baseline-schema.ts: data and types only, nothing runs after loading (ignoreStatic;
//   spec/catalog/catalog.test.ts checks the records);
// - the renderers (console, Markdown, HTML, SARIF, the compatibility matrix, text, view,
//   diagnose): text, no verdict (the published matrix is checked against the pins by
//   docs/published.test.ts);
// - the rest of cli/ (option parsing, commands, progress) and harness/: transport, not judgement.
// Reports: test-artifacts/mutation/mutation.json and .html (git-ignored, regenerated).
// Incremental: reruns only mutants whose code or tests changed; the file stays out of git
// (test-artifacts/), as it holds a copy of every mutated file and test and changes with each.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: every mutant run already names its tests (perTest coverage), so vitest need not
  // walk the import graph of every test file again on each run.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  // The checker's own program: the shipped source without tests, scripts or docs (tsconfig.mutation.json
  // says why); it rejects the same non-compiling mutants at about 40 % less CPU each.
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'spec/implied.ts',
    'spec/catalog/index.ts',
    'spec/schemas/headers.ts',
    'spec/schemas/status.ts',
    'spec/schemas/values.ts',
    'spec/model/*.ts',
    '!spec/model/*.test.ts',
    'suites/app/expectations.ts',
    'suites/coverage.ts',
    'suites/evaluate.ts',
    'suites/result-base.ts',
    'suites/shard.ts',
    'suites/server/judge.ts',
    'suites/server/pinned.ts',
    'suites/server/wire/checks.ts',
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
  // 3 on two cores: Stryker gives half the slots (rounded up) to checkers, and the checker (one
  // single-threaded process, about 85 % of a run's CPU) was the bottleneck with 2 slots (one
  // checker, one runner). Two checkers share the cores; the runner's share is small.
  concurrency: 3,
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
