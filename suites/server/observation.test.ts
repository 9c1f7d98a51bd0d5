/** observation(): the probe's answer validated against its scenario's schema, a mismatch judged as an error. */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../harness/server/exchange.js';
import { defineServerCases, breach, observation, type Observed } from './case.js';
import { judgeServerCase } from './judge.js';

const exchange = (status: number | undefined, json: unknown): Exchange => ({
  id: 'x-1',
  ...(status === undefined ? {} : { status }),
  headers: [],
  body: Buffer.from(JSON.stringify(json) ?? ''),
  ...(json === undefined ? {} : { json }),
  notes: [],
  ms: 1,
  transcript: 'GET / HTTP/1.1',
  raw: Buffer.alloc(0),
  reads: [],
  loopStallMs: 0,
});
const seen = (status: number | undefined, json: unknown): Observed => ({ ex: exchange(status, json), facts: [] });

const [errorsCase] = defineServerCases([
  {
    id: 'errors-probe',
    rules: ['errors-methods'],
    description: 'wsgi.errors has write().',
    request: { scenario: 'errors' },
    check: (o) => {
      const obs = observation(o, 'errors');
      if (!obs) return null;
      return obs.results.filter((r) => r.error).map((r) => breach('errors-methods', `${r.op} raised`, 'no error'));
    },
  },
]);

describe('observation()', () => {
  it('gives the typed observation of a 200 JSON answer', () => {
    const obs = observation(seen(200, { errorsType: 'X', results: [{ op: 'write' }] }), 'errors');
    expect(obs?.results[0]?.op).toBe('write');
  });

  it("gives nothing when the answer is not the probe's JSON (another status, no JSON)", () => {
    expect(observation(seen(500, { errorsType: 'X', results: [] }), 'errors')).toBeUndefined();
    expect(observation(seen(200, undefined), 'errors')).toBeUndefined();
  });

  it('judges an observation that breaks the protocol as an error naming the scenario and the issue', () => {
    const c = errorsCase;
    if (!c) throw new Error('no case');
    const wrong = { errorsType: 'X', results: [{ op: 1 }] };
    const results = judgeServerCase(c, { ex: exchange(200, wrong), facts: [] }, 'rerun');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ outcome: 'error', code: 'probe-protocol' });
    expect(results[0]?.message).toMatch(/scenario 'errors' does not match the probe protocol: results\[0\]\.op: /);
    expect(results[0]?.message).toMatch(/a bug in wsgi-conformance/);
  });

  it('still judges a valid observation', () => {
    const c = errorsCase;
    if (!c) throw new Error('no case');
    const good = { errorsType: 'X', results: [{ op: 'write' }] };
    const ok = judgeServerCase(c, { ex: exchange(200, good), facts: [] }, 'r');
    expect(ok[0]?.outcome).toBe('pass');
    const error = { type: 'OSError', message: 'm', traceback: 't' };
    const bad = { errorsType: 'X', results: [{ op: 'flush', error }] };
    expect(judgeServerCase(c, { ex: exchange(200, bad), facts: [] }, 'r')[0]?.outcome).toBe('fail');
  });
});
