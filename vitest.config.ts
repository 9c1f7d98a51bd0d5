import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three lanes (`npm run test:unit`, `test:integration`, `test:real`; `npm test` runs all three):
 * - unit: pure code, no child processes, no sockets; files run in parallel; seconds.
 * - real-world: Debian's servers and frameworks (presets, pins, findings).
 * - integration: everything else (fixtures, the CLI, renderers against real runs), so a new
 *   test file lands here unless it is named `*.unit.test.ts` or `*.real.test.ts` or listed below.
 */
const UNIT = [
  '**/*.unit.test.ts',
  'spec/**/*.test.ts',
  'cli/baseline.test.ts',
  'cli/baseline-key.test.ts',
  'cli/command-help.test.ts',
  'cli/exit-codes.test.ts',
  'cli/progress.test.ts',
  'cli/usage-errors.test.ts',
  'harness/protocol.test.ts',
  'harness/server/facts.test.ts',
  'harness/wire/parse.test.ts',
  'reports/compatibility.test.ts',
  'reports/junit-counters.test.ts',
  'reports/console.test.ts',
  'reports/html.test.ts',
  'reports/markdown.test.ts',
  'reports/merge.test.ts',
  'reports/stream.test.ts',
  'scripts/schemas-export.test.ts',
  'suites/app/expectations.test.ts',
  'suites/call-trace-text.test.ts',
  'suites/coverage-guard.test.ts',
  'suites/fixtures-distinct.test.ts',
  'suites/fuzz/differential.test.ts',
  'suites/shard.test.ts',
  'suites/server/wire/checks.test.ts',
  'test/**/*.test.ts',
];
const REAL_WORLD = ['**/*.real.test.ts', 'docs/findings/findings.test.ts', 'suites/app/frameworks.test.ts'];
// Stryker's sandbox (npm run mutation) holds copies of the tests.
const EXCLUDE = [...configDefaults.exclude, '**/dist/**', '.stryker-tmp/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT,
          exclude: EXCLUDE,
          // Pure tests share one module graph per worker: importing the catalog, the schemas and the
          // reporters once per worker instead of once per file is most of the lane's time.
          pool: 'threads',
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.test.ts'],
          exclude: [...EXCLUDE, ...UNIT, ...REAL_WORLD],
          // Real Python processes and servers: most of their time is spent waiting on sockets and
          // sleeps, so two files run at once (vitest starts the longest of the last run first). A
          // verdict must not depend on that load: the timed cases re-run what a busy machine left
          // undecided, and `npm run bench:loaded` checks it beside CPU hogs.
          maxWorkers: 2,
          maxConcurrency: 4,
          // A bound for a hung test, not a verdict: a CLI run spawns node and Python, and took over
          // 30 s at load 20 to 58 (two cores shared with other work).
          testTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'real-world',
          include: REAL_WORLD,
          exclude: [...EXCLUDE, '**/*.unit.test.ts'],
          // After the integration lane, four files at a time: the three preset groups
          // (suites/server/presets/*.real.test.ts) mostly wait on their servers, each in a process of
          // its own so that no other run's work stalls the event loop its timed cases measure with;
          // the findings' reproductions are short processes of their own. Four, not three: a fresh
          // clone has no durations cached, so vitest starts the largest files first and the longest
          // group (daphne's) would otherwise wait for a slot. `npm run bench:loaded` checks that no
          // verdict depends on the load this adds.
          maxWorkers: 4,
          maxConcurrency: 4,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
