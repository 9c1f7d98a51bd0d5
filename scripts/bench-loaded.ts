/**
 * Runs the tests with a CPU hog beside them (npm run bench:loaded [-- --runs 3 --hogs 2 --lane unit]):
 * verdicts must not depend on load, so every run must pass however slow it gets. Prints each
 * run's wall time and result; exits 1 if any run failed. A benchmark, not a timed test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { fromRoot } from '../harness/paths.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    hogs: { type: 'string', default: String(availableParallelism()) },
    lane: { type: 'string', default: 'all' },
  },
});
const runs = Number(values.runs);
const hogCount = Number(values.hogs);
const lane = values.lane ?? 'all';
const command = lane === 'all' ? ['test'] : [`test:${lane === 'real-world' ? 'real' : lane}`];

// Each hog is a busy loop at normal priority: the tests compete for every core.
const hogs = Array.from({ length: hogCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: false }),
);
const stopHogs = () => {
  for (const h of hogs) h.kill('SIGKILL');
};
process.on('exit', stopHogs);
process.on('SIGINT', () => process.exit(130));

let failed = 0;
for (let i = 1; i <= runs; i++) {
  const start = performance.now();
  const r = spawnSync('npm', ['run', '--silent', ...command], {
    cwd: fromRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  const ok = r.status === 0;
  if (!ok) failed++;
  const tail = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /FAIL|Test Files|Tests |✗|×/.test(l));
  console.log(
    `run ${i}/${runs} (npm run ${command[0]}, ${hogCount} CPU hogs): ${ok ? 'pass' : `FAIL (exit ${r.status})`} ` +
      `in ${seconds} s`,
  );
  if (!ok) console.log(tail.slice(0, 40).join('\n'));
}
stopHogs();
console.log(failed ? `${failed} of ${runs} loaded runs failed` : `all ${runs} loaded runs passed`);
process.exit(failed ? 1 : 0);
