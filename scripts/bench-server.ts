/**
 * npm run bench:server [-- PRESET]: wall time of a full server certification with the
 * compiled bin (start-up included), next to a bare replay: the same server started the same
 * way, and the same number of requests sent to it with plain keep-alive fetch, no checks.
 */
import { spawnSync } from 'node:child_process';
import { fromRoot } from '../harness/paths.js';
import { launch } from '../harness/server/launcher.js';
import { PROBE_APP } from '../suites/server/certify.js';
import { serverCases } from '../suites/server/index.js';

const preset = process.argv[2] ?? 'wsgiref';
const runs = 3;
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  spawnSync(process.execPath, [fromRoot('bin', 'wsgi-conformance.js'), 'server', '--preset', preset], {
    stdio: 'ignore',
  });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);

const t = performance.now();
const server = await launch({ target: { kind: 'preset', name: preset }, app: PROBE_APP });
const started = performance.now() - t;
for (const c of serverCases) {
  if (c.noAnswerIsBreach) continue; // a bare replay would hang where the suite bounds the wait
  await fetch(`${server.url}${c.request.target ?? '/'}`, {
    headers: { 'X-Probe-Scenario': c.request.scenario, 'X-Probe-Id': `replay-${c.id}` },
  })
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
}
const replay = performance.now() - t;
await server.stop();

const ms = (n: number) => `${Math.round(n)} ms`;
console.log(`server: ${preset}, ${serverCases.length} cases`);
console.log(`full certification (compiled bin, start-up included): median ${ms(times[1] ?? 0)} over ${runs} runs`);
console.log(
  `bare replay: start ${ms(started)}, requests of the cases that always get an answer, sequential: total ${ms(replay)}`,
);
console.log("the difference is the waits timing rules need (stall detection, close() grace) and the suite's checks");
