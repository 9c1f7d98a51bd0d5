/**
 * A skip that came from the moment (a stalled clock, a gap too close to call, a timeout on a
 * busy machine: Skip.again) is run again, at most five runs in all, so the load of the
 * machine does not decide a verdict. The server here is a stand-in: the cases' `run` answers
 * without a network.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../harness/server/exchange.js';
import type { RunningServer } from '../../harness/server/launcher.js';
import type { ServerCase, Skip } from './case.js';
import { runServerCase } from './run-case.js';
import { ServerSession } from './session.js';

const server = { name: 'stand-in', url: 'http://127.0.0.1:9', host: '127.0.0.1', port: 9 } as RunningServer;
const answer = (id: string): Exchange => ({
  id,
  status: 200,
  headers: [],
  body: Buffer.alloc(0),
  notes: [],
  ms: 1,
  transcript: '',
  raw: Buffer.alloc(0),
  reads: [],
  loopStallMs: 0,
});

function caseThat(verdicts: Array<Skip | []>): { c: ServerCase; runs: () => number } {
  let runs = 0;
  const c: ServerCase = {
    id: 'moment',
    rules: ['body-no-delay'],
    description: 'a case judged by the moment',
    request: { scenario: 'respond' },
    run: async () => ({ ex: answer(`moment-${++runs}`), facts: [] }),
    check: () => verdicts[Math.min(runs, verdicts.length) - 1] ?? [],
  };
  return { c, runs: () => runs };
}

const timing = { timeoutMs: 1000, graceMs: 0 };
const session = () => new ServerSession(server, '/nonexistent', 't');

describe('a skip from the moment is tried again', () => {
  it('judges on the run after two inconclusive ones', async () => {
    const { c, runs } = caseThat([{ skip: 'too close to call', again: true }, { skip: 'stalled', again: true }, []]);
    const [r] = await runServerCase(session(), c, timing, 'rerun');
    expect(r?.outcome).toBe('pass');
    expect(runs()).toBe(3);
  });
  it('stops after five runs and keeps the skip', async () => {
    const { c, runs } = caseThat([{ skip: 'too close to call', again: true }]);
    const [r] = await runServerCase(session(), c, timing, 'rerun');
    expect(r?.outcome).toBe('skip');
    expect(runs()).toBe(5);
  });
  it('runs a plain skip once', async () => {
    const { c, runs } = caseThat([{ skip: 'no wrapper' }]);
    await runServerCase(session(), c, timing, 'rerun');
    expect(runs()).toBe(1);
  });
});
