/**
 * The fast tests Stryker runs for `npm run mutation` (stryker.config.mjs): pure unit tests,
 * no Python, no servers, no child processes, so every mutant is judged in seconds.
 */
import { defineConfig } from 'vitest/config';

export const MUTATION_TESTS = [
  'cli/baseline-key.test.ts',
  'cli/baseline.test.ts',
  'cli/exit-codes.test.ts',
  'reports/junit-counters.test.ts',
  'reports/merge.test.ts',
  'reports/result.unit.test.ts',
  'reports/stream.test.ts',
  'spec/catalog/catalog.test.ts',
  'spec/implied.test.ts',
  'spec/model/environ.unit.test.ts',
  'spec/model/model.test.ts',
  'spec/model/input.unit.test.ts',
  'spec/model/request.unit.test.ts',
  'spec/model/response.unit.test.ts',
  'spec/schemas/headers.test.ts',
  'spec/schemas/status.test.ts',
  'spec/schemas/values.unit.test.ts',
  'suites/app/expectations.test.ts',
  'suites/coverage-guard.test.ts',
  'suites/coverage.unit.test.ts',
  'suites/evaluate.unit.test.ts',
  'suites/result-base.unit.test.ts',
  'suites/server/judge.unit.test.ts',
  'suites/server/pinned.test.ts',
  'suites/server/wire/checks.test.ts',
  'suites/shard.test.ts',
];

export default defineConfig({
  // Instrumented code runs several times slower: no test may fail on time alone.
  test: { include: MUTATION_TESTS, testTimeout: 120_000, isolate: false },
});
