/**
 * How long a middleware certification takes next to an application certification, with the
 * compiled bin: the same clean application certified alone (`app`) and wrapped in a
 * pass-through middleware (`middleware`). Prints the medians of a few runs and their ratio.
 * Run: npm run bench:middleware
 */
import { spawnSync } from 'node:child_process';
import { fromRoot } from '../harness/paths.js';

const RUNS = Number(process.env.RUNS ?? 5);
const bin = fromRoot('bin', 'wsgi-conformance.js');

function median(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args, '--reporter', 'json'], { cwd: fromRoot(), encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

const app = median(['app', 'examples/greeting.py']);
const mw = median(['middleware', 'fixtures/middleware/clean/passthrough.py:middleware']);
console.log(`app certification (examples/greeting.py):          ${app.toFixed(0)} ms`);
console.log(`middleware certification (clean/passthrough.py):   ${mw.toFixed(0)} ms`);
console.log(
  `ratio middleware / app: ${(mw / app).toFixed(2)} (median of ${RUNS} runs each, wall time incl. node and python ` +
    `start)`,
);
