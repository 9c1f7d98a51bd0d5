/**
 * Benchmark (npm run bench [-- TARGET] [--python EXE]):
 *  1. in-process calls per second through the runner, next to a plain Python loop calling
 *     the same app directly (the floor the instrumentation adds to);
 *  2. wall time of a full `wsgi-conformance app` certification with the compiled bin,
 *     start-up included (what a user waits for);
 *  3. both again with --python pyodide (Python in WebAssembly, in a worker), next to CPython
 *     (skip with --no-pyodide).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { AppSession } from '../harness/app-session.js';
import { fromRoot } from '../harness/paths.js';
import { disposePyodide } from '../harness/pyodide/node-runner.js';
import { scenarioByName } from '../suites/app/scenarios.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    python: { type: 'string', default: 'python3' },
    calls: { type: 'string', default: '2000' },
    'no-pyodide': { type: 'boolean', default: false },
  },
});
const target = positionals[0] ?? fromRoot('examples', 'greeting.py');
const python = values.python;
const calls = Number(values.calls);
const get = scenarioByName('get')?.spec;
if (!get) throw new Error('no get scenario');

/** Calls per second through the runner (after a warm-up), and how long the runner took to start. */
async function throughRunner(interpreter: string, n: number): Promise<{ rate: number; startMs: number }> {
  const started = performance.now();
  const session = new AppSession({ target, cwd: process.cwd(), python: interpreter, timeoutMs: 10_000 });
  const opened = await session.open();
  if (!opened.ok) throw new Error(`cannot load ${target} with ${interpreter}: ${opened.error.message}`);
  const startMs = performance.now() - started;
  for (let i = 0; i < 50; i++) await session.call(`w${i}`, get as NonNullable<typeof get>); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await session.call(`c${i}`, get as NonNullable<typeof get>);
  await session.close();
  return { rate: n / ((performance.now() - t0) / 1000), startMs };
}

const runnerRate = (await throughRunner(python, calls)).rate;
let t: number;

const loop = `
import sys, time, io, runpy, wsgiref.simple_server as ss
captured = []
class Stop(BaseException): pass
class S:
    def serve_forever(self): raise Stop()
ss.make_server = lambda h, p, app, *a, **k: captured.append(app) or S()
sys.path.insert(0, '.')
try:
    mod = runpy.run_path(sys.argv[1].split(':')[0])
    app = captured[-1] if captured else mod['application']
except Stop:
    app = captured[-1]
n = int(sys.argv[2])
def start_response(status, headers, exc_info=None):
    return lambda data: None
def environ():
    return {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '', 'PATH_INFO': '/', 'QUERY_STRING': '',
            'SERVER_NAME': 'localhost', 'SERVER_PORT': '80', 'SERVER_PROTOCOL': 'HTTP/1.1', 'HTTP_HOST': 'localhost',
            'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(),
            'wsgi.errors': sys.stderr, 'wsgi.multithread': False, 'wsgi.multiprocess': False, 'wsgi.run_once': False}
t = time.perf_counter()
for _ in range(n):
    body = app(environ(), start_response)
    for _chunk in body: pass
    getattr(body, 'close', lambda: None)()
print(n / (time.perf_counter() - t))
`;
const plainRate = Number(
  execFileSync(python, ['-c', loop, target, String(calls * 10)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim(),
);

const runs = 5;
/** Median wall time of a command, in ms (interleaved with the others, so load drifts hit all alike). */
const samples = new Map<string, number[]>();
const BIN = fromRoot('bin', 'wsgi-conformance.js');
const commands: Record<string, [string, string[]]> = {
  node: [process.execPath, ['-e', '0']],
  python: [python, ['-c', 'pass']],
  version: [process.execPath, [BIN, '--version']],
  app: [process.execPath, [BIN, 'app', target, '--python', python]],
};
for (let i = 0; i < runs; i++) {
  for (const [name, [exe, args]] of Object.entries(commands)) {
    t = performance.now();
    spawnSync(exe, args, { stdio: 'ignore' });
    samples.set(name, [...(samples.get(name) ?? []), performance.now() - t]);
  }
}
const median = (name: string) => {
  const xs = [...(samples.get(name) ?? [])].sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? 0;
};
const times = [...(samples.get('app') ?? [])].sort((a, b) => a - b);
const bare = median('node') + median('python');

/** Median wall time of the compiled bin certifying the target. */
function certification(interpreter: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    spawnSync(process.execPath, [fromRoot('bin', 'wsgi-conformance.js'), 'app', target, '--python', interpreter], {
      stdio: 'ignore',
    });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`target: ${target} (python: ${python})`);
console.log(
  `in-process calls/s through the runner : ${fmt(runnerRate)}  (one JSON-lines round trip per call, full trace)`,
);
console.log(`plain Python loop calling the app     : ${fmt(plainRate)}  (no instrumentation, no IPC)`);
console.log(
  `full certification, compiled bin     : median ${fmt(times[Math.floor(runs / 2)] ?? 0)} ms over ${runs} runs ` +
    `(node + python start-up included)`,
);
console.log(
  `bare start-up                         : node -e 0 ${fmt(median('node'))} ms, python -c pass ` +
    `${fmt(median('python'))} ms`,
);
console.log(`app certification / (node + python)   : ${(median('app') / bare).toFixed(2)}x  (target: at most 2.5x)`);
console.log(
  `--version / node -e 0                 : ${(median('version') / median('node')).toFixed(2)}x  (target: at most 1.5x)`,
);

if (!values['no-pyodide'] && python !== 'pyodide') {
  const pyodide = await throughRunner('pyodide', Math.min(calls, 500));
  disposePyodide();
  const pyodideMedian = certification('pyodide', 3);
  console.log('');
  console.log(`--python pyodide (next to ${python} above):`);
  console.log(
    `in-process calls/s through the runner : ${fmt(pyodide.rate)}  (${(pyodide.rate / runnerRate).toFixed(2)}× ` +
      `${python}; one worker message per event)`,
  );
  console.log(`interpreter start (worker + Pyodide)  : ${fmt(pyodide.startMs)} ms`);
  console.log(
    `full certification, compiled bin     : median ${fmt(pyodideMedian)} ms over 3 runs ` +
      `(${(pyodideMedian / median('app')).toFixed(1)}× ${python})`,
  );
}
