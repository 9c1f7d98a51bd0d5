/**
 * How long a middleware certification takes next to an application certification, with the
 * compiled bin: the same clean application certified alone (`app`) and wrapped in a
 * pass-through middleware (`middleware`). The two run in turn, so both see the same load; prints
 * the medians of wall time and of CPU time (user + system of the whole process tree, the steadier
 * figure on a shared machine), their ratios, and the load average.
 * Run: npm run bench:middleware
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fromRoot } from '../harness/paths.js';

const RUNS = Number(process.env.RUNS ?? 5);
const bin = fromRoot('bin', 'wsgi-conformance.js');
const CLOCK_TICKS = 100; // USER_HZ: /proc counts CPU time in hundredths of a second on Linux

/** CPU seconds of every child this process has waited for (Linux: /proc/self/stat cutime + cstime). */
function childrenCpu(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ", field 3 (state) is index 0: cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

function once(args: string[]): { wall: number; cpu: number | undefined } {
  const cpu0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args, '--reporter', 'json'], { cwd: fromRoot(), encoding: 'utf8' });
  const wall = performance.now() - t0;
  const cpu1 = childrenCpu();
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) * 1000 };
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const load = loadavg()[0] as number;
const app: ReturnType<typeof once>[] = [];
const mw: ReturnType<typeof once>[] = [];
for (let i = 0; i < RUNS; i++) {
  app.push(once(['app', 'examples/greeting.py']));
  mw.push(once(['middleware', 'fixtures/middleware/clean/passthrough.py:middleware']));
}
const wall = [median(app.map((r) => r.wall)), median(mw.map((r) => r.wall))] as const;
const hasCpu = app.every((r) => r.cpu !== undefined);
const cpu = [median(app.map((r) => r.cpu ?? 0)), median(mw.map((r) => r.cpu ?? 0))] as const;
const cpuText = (ms: number) => (hasCpu ? `, ${ms.toFixed(0)} ms CPU` : '');
console.log(`app certification (examples/greeting.py):          ${wall[0].toFixed(0)} ms wall${cpuText(cpu[0])}`);
console.log(`middleware certification (clean/passthrough.py):   ${wall[1].toFixed(0)} ms wall${cpuText(cpu[1])}`);
console.log(
  `ratio middleware / app: ${(wall[1] / wall[0]).toFixed(2)} wall` +
    `${hasCpu ? `, ${(cpu[1] / cpu[0]).toFixed(2)} CPU` : ''} (median of ${RUNS} runs each, in turn, ` +
    `incl. node and python start; load average ${load.toFixed(1)} at the start, ${loadavg()[0]?.toFixed(1)} at ` +
    `the end)`,
);
