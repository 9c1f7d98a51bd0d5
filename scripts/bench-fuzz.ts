/**
 * npm run bench:fuzz [-- COUNT [PRESET]]: the generative phase at scale. Runs COUNT
 * generated exchanges (default 10,000) against the clean fixture server (or a preset),
 * judged against the reference model, and reports requests per second next to a bare
 * replay: the same generated requests (same seed) sent to the same server with nothing
 * parsed or judged. The model must not be the bottleneck; on the clean fixture, any
 * counterexample is a bug in the model or the fixture, and the script exits 1.
 */
import fc from 'fast-check';
import { connect } from 'node:net';
import { startHost, type ServerTarget } from '../harness/fuzz/transport.js';
import { fromRoot } from '../harness/paths.js';
import { exampleRequests } from '../suites/fuzz/judge.js';
import { exampleArb, fuzz } from '../suites/fuzz/run.js';

const count = Number(process.argv[2] ?? 10_000);
const preset = process.argv[3];
const target: ServerTarget = preset
  ? { kind: 'preset', name: preset }
  : { kind: 'cmd', template: `{python} '${fromRoot('fixtures', 'servers', 'clean_server.py')}' {host} {port} {app}` };
const seed = 42;

/** Sends bytes on a fresh connection and reads until the server closes (or 3 s pass). */
function bare(host: string, port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => socket.end(bytes));
    const done = () => (clearTimeout(timer), socket.destroy(), resolve());
    const timer = setTimeout(done, 3000);
    socket
      .on('data', () => undefined)
      .on('close', done)
      .on('error', done);
  });
}

const host = await startHost(target, '/usr/bin/python3');
try {
  const { host: h, port } = host.server;
  const run = await fuzz({ host: h, port, timeoutMs: 3000, seed, runs: count, timeLimitMs: 3_600_000 });
  const examples = fc.sample(exampleArb, { seed, numRuns: Math.min(count, run.exchanges) });
  const t = performance.now();
  for (const [i, ex] of examples.entries())
    await bare(h, port, Buffer.from(exampleRequests(ex, `${h}:${port}`, `bare-${i}`).join(''), 'latin1'));
  const bareMs = performance.now() - t;
  const rate = (n: number, ms: number) => (n * 1000) / ms;
  console.log(`target: ${preset ?? 'clean fixture'}, seed ${seed}`);
  console.log(
    `judged: ${run.exchanges} exchanges in ${(run.ms / 1000).toFixed(1)} s: ` +
      `${rate(run.exchanges, run.ms).toFixed(0)}/s (${rate(run.exchanges, run.wireMs).toFixed(0)}/s counting only ` +
      `the exchanges)`,
  );
  console.log(
    `bare replay: ${examples.length} exchanges in ${(bareMs / 1000).toFixed(1)} s: ` +
      `${rate(examples.length, bareMs).toFixed(0)}/s`,
  );
  console.log(`ratio judged/bare: ${(rate(run.exchanges, run.ms) / rate(examples.length, bareMs)).toFixed(2)}`);
  console.log(
    `counterexamples: ` +
      `${run.counterexamples.length}${run.counterexamples.map((c) => `\n  ${c.rule}: ${c.violation.actual}`).join('')}`,
  );
  console.log(`not judged: ${[...run.unjudged].map(([r, n]) => `${n}× ${r}`).join('; ') || 'none'}`);
  if (!preset && (run.counterexamples.length || run.unjudged.size)) process.exitCode = 1;
} finally {
  await host.close();
}
