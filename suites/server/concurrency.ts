/** PEP 3333, environ Variables: wsgi.multithread, wsgi.multiprocess and wsgi.run_once tell the truth. */
import { eventFacts, type FactOf } from '../../harness/probe-protocol.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { defineServerCases, breach, type Observed } from './case.js';

type Slept = FactOf<'slept'>;
const PARALLEL = 4;

export const concurrencyCases = defineServerCases([
  {
    id: 'concurrency-flags',
    rules: ['env-multithread', 'env-multiprocess', 'env-run-once'],
    description:
      'Four overlapping requests: wsgi.multithread is true when threads of one process ran them at once, ' +
      'wsgi.multiprocess when several processes served them, wsgi.run_once is false when a process served more ' +
      'than one.',
    request: { scenario: 'sleep', headers: [['X-Probe-Sleep', '0.4']] },
    run: async (send) => {
      const all = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          send(String(i), { scenario: 'sleep', headers: [['X-Probe-Sleep', '0.4']] }),
        ),
      );
      const first = all[0] as Observed;
      return { ex: first.ex, facts: all.flatMap((o) => o.facts) };
    },
    check: ({ facts }) => judge(eventFacts(facts, 'slept')),
  },
]);

function judge(slept: Slept[]): Breach[] | null {
  if (slept.length < 2) return null;
  const out: Breach[] = [];
  const overlap = (a: Slept, b: Slept) => a.start < b.end && b.start < a.end;
  const pairs = slept.flatMap((a, i) => slept.slice(i + 1).map((b) => [a, b] as const));
  const threaded = pairs.find(([a, b]) => a.pid === b.pid && a.thread !== b.thread && overlap(a, b));
  if (threaded && !threaded[0].multithread)
    out.push(
      breach(
        'env-multithread',
        `two requests ran at the same time in threads of process ${threaded[0].pid}, but wsgi.multithread is ` +
          `${String(threaded[0].multithread)}`,
        'wsgi.multithread true when the app may be called by concurrent threads',
      ),
    );
  const pids = new Set(slept.map((s) => s.pid));
  const single = slept.find((s) => !s.multiprocess);
  if (pids.size > 1 && single)
    out.push(
      breach(
        'env-multiprocess',
        `${pids.size} processes served the requests, but wsgi.multiprocess is ${String(single.multiprocess)}`,
        'wsgi.multiprocess true when several processes may call equivalent apps',
      ),
    );
  const reused = [...pids].find((pid) => slept.filter((s) => s.pid === pid).length > 1);
  const once = slept.find((s) => s.runOnce);
  if (reused !== undefined && once)
    out.push(
      breach(
        'env-run-once',
        `process ${reused} served several requests, but wsgi.run_once is ${String(once.runOnce)}`,
        'wsgi.run_once false unless the process expects one call',
      ),
    );
  return out;
}
