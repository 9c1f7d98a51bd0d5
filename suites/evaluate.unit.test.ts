/**
 * evaluateCase decides each (case, rule) row of an application run from its calls:
 * fail > error > pass > skip. A table of calls and check outcomes against the verdicts.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../harness/app-session.js';
import type { RunnerEvent } from '../harness/protocol.js';
import { CallTrace } from '../harness/trace.js';
import type { Result } from '../reports/result.js';
import type { Breach } from '../spec/schemas/issue.js';
import type { AppCase } from './case.js';
import { evaluateCase } from './evaluate.js';

const A = 'body-items-bytes';
const B = 'env-call-repeatable';

const trace = (scenario: string, over: Partial<CallRecord> = {}) => new CallTrace({ scenario, events: [], ...over });
const calls = (...ts: CallTrace[]) => new Map(ts.map((t) => [t.scenario, t]));
const f = (rule: string, message = `broke ${rule}`): Breach => ({ rule, message });
const died = { code: 'timeout' as const, message: 'the application hung' };
const kase = (over: Partial<AppCase>): AppCase => ({ id: 'case-x', rules: [A, B], description: 'a fact', ...over });
const outcomes = (rs: Result[]) => rs.map((r) => r.outcome);

describe('evaluateCase: one verdict per row', () => {
  const table: Array<[string, AppCase, Map<string, CallTrace>, Result['outcome'][]]> = [
    ['a check with no findings passes', kase({ check: () => [] }), calls(trace('get')), ['pass', 'pass']],
    ['a finding fails its row only', kase({ check: () => [f(B)] }), calls(trace('get')), ['pass', 'fail']],
    ['a check that never applies skips', kase({ check: () => null }), calls(trace('get')), ['skip', 'skip']],
    ['no check and no across skips', kase({}), calls(trace('get')), ['skip', 'skip']],
    ['no calls at all skips', kase({ check: () => [] }), calls(), ['skip', 'skip']],
    [
      'a call that did not complete errors the rows without findings',
      kase({ check: () => [f(A)] }),
      calls(trace('get'), trace('post', { error: died })),
      ['fail', 'error'],
    ],
    [
      'an incomplete call is not checked',
      kase({ check: () => [f(A)] }),
      calls(trace('post', { error: died })),
      ['error', 'error'],
    ],
    [
      'an erroring call outside the case’s scenarios does not count',
      kase({ scenarios: ['head'], check: () => [] }),
      calls(trace('head'), trace('post', { error: died })),
      ['pass', 'pass'],
    ],
    [
      'calls outside the case’s scenarios are not checked',
      kase({ scenarios: ['head'], check: () => [f(A)] }),
      calls(trace('get')),
      ['skip', 'skip'],
    ],
    [
      'a route is an ordinary request for a case reading ordinary scenarios',
      kase({ scenarios: ['head'], check: () => [f(A)] }),
      calls(trace('GET /items', { route: 'GET /items' })),
      ['fail', 'pass'],
    ],
    [
      'a route is an ordinary request when any of the case’s scenarios is ordinary',
      kase({ scenarios: ['callable-object', 'head'], check: () => [f(A)] }),
      calls(trace('GET /items', { route: 'GET /items' })),
      ['fail', 'pass'],
    ],
    [
      'a route is not a special scenario',
      kase({ scenarios: ['callable-object'], check: () => [f(A)] }),
      calls(trace('GET /items', { route: 'GET /items' })),
      ['skip', 'skip'],
    ],
    ['across: findings fail', kase({ across: () => [f(B)] }), calls(trace('get')), ['pass', 'fail']],
    ['across: no findings pass', kase({ across: () => [] }), calls(trace('get')), ['pass', 'pass']],
    ['across: null skips', kase({ across: () => null }), calls(trace('get')), ['skip', 'skip']],
    [
      'across beside a check that never applies',
      kase({ check: () => null, across: () => [] }),
      calls(trace('get')),
      ['pass', 'pass'],
    ],
    [
      'across: a failure wins over an error',
      kase({ across: () => [f(A)] }),
      calls(trace('get', { error: died })),
      ['fail', 'error'],
    ],
  ];
  it.each(table)('%s', (_name, c, cs, expected) => {
    const results = evaluateCase(c, cs, 'RERUN');
    expect(outcomes(results)).toEqual(expected);
    expect(results.map((r) => r.rule)).toEqual([A, B]);
    expect(results.every((r) => r.case === 'case-x' && r.rerun === 'RERUN')).toBe(true);
  });

  it('only completed in-scope calls reach the check, each once', () => {
    const seen: string[] = [];
    const c = kase({ scenarios: ['get', 'post'], check: (call) => (seen.push(call.scenario), []) });
    evaluateCase(c, calls(trace('get'), trace('post', { error: died }), trace('head')), '');
    expect(seen).toEqual(['get']);
  });

  it('the same message in several scenarios is one finding; distinct ones become evidence', () => {
    const c = kase({
      check: (call) => (call.scenario.startsWith('head') ? [f(A, 'other')] : [f(A, 'same')]),
    });
    const [row] = evaluateCase(c, calls(trace('get'), trace('post'), trace('head'), trace('head-2')), '');
    expect(row).toMatchObject({ outcome: 'fail', message: 'same', actual: 'same', scenarios: ['get', 'post'] });
    expect(row?.evidence[0]).toBe('other [head, head-2]');
    expect(row?.evidence[1]).toMatch(/^call trace \(scenario get\):/);
    expect(row?.evidence).toHaveLength(2);
  });

  it('evidence holds at most five further messages', () => {
    const c = kase({ check: () => [1, 2, 3, 4, 5, 6, 7].map((n) => f(A, `m${n}`)) });
    const [row] = evaluateCase(c, calls(trace('get')), '');
    expect(row?.evidence.slice(0, -1)).toEqual(['m2 [get]', 'm3 [get]', 'm4 [get]', 'm5 [get]', 'm6 [get]']);
  });

  it('a failed row names the routes it was seen on and where', () => {
    const at = { file: 'app.py', line: 3 };
    const c = kase({ check: (call) => (call.route ? [f(A, 'x'), { ...f(A, 'y'), at }] : [f(A, 'x')]) });
    const [row] = evaluateCase(
      c,
      calls(trace('get'), trace('GET /a', { route: 'GET /a' }), trace('GET /b', { route: 'GET /b' })),
      '',
    );
    expect(row).toMatchObject({ routes: ['GET /a', 'GET /b'], location: at });
    const [plain] = evaluateCase(kase({ check: () => [f(A)] }), calls(trace('get')), '');
    expect(plain).not.toHaveProperty('routes');
    expect(plain).not.toHaveProperty('location');
  });

  it('a finding without a location is located in the call that showed it', () => {
    const at = { file: 'app.py', line: 9, code: 'raise' };
    const events = [
      { type: 'exception', id: 'r', phase: 'call', atCallSite: false, fromGateway: false, at, error: pyError },
    ] as unknown as RunnerEvent[];
    const [row] = evaluateCase(kase({ rules: [B], check: () => [f(B)] }), calls(trace('get', { events })), '');
    expect(row).toMatchObject({ location: at });
  });

  it('across: the location is the call where the application raised, else its first located answer', () => {
    const first = { file: 'app.py', line: 1 };
    const raisedAt = { file: 'app.py', line: 7 };
    const answer = (at: object) =>
      [{ type: 'return', id: 'r', value: { t: 'list', r: '[]' }, at }] as unknown as RunnerEvent[];
    const raising = [
      { type: 'exception', id: 'r', phase: 'call', atCallSite: true, fromGateway: false, at: first, error: pyError },
      { type: 'exception', id: 'r', phase: 'call', atCallSite: false, fromGateway: true, at: first, error: pyError },
      {
        type: 'exception',
        id: 'r',
        phase: 'call',
        atCallSite: false,
        fromGateway: false,
        at: raisedAt,
        error: pyError,
      },
    ] as unknown as RunnerEvent[];
    const across = kase({ rules: [B], across: () => [f(B)] });
    const [raised] = evaluateCase(
      across,
      calls(trace('get', { events: answer(first) }), trace('get-again', { events: raising })),
      '',
    );
    expect(raised).toMatchObject({ location: raisedAt, scenarios: ['across calls'] });
    const [answered] = evaluateCase(
      across,
      calls(trace('get', { events: [] }), trace('get-again', { events: answer(first) })),
      '',
    );
    expect(answered).toMatchObject({ location: first });
    const [dead] = evaluateCase(
      across,
      calls(trace('get', { events: answer(first), error: died }), trace('get-again', { events: [] })),
      '',
    );
    expect(dead).not.toHaveProperty('location');
    // Only the application's own exception counts: not the call-site error, not start_response's.
    const at = (where: object, atCallSite: boolean, fromGateway: boolean) =>
      [
        { type: 'exception', id: 'r', phase: 'call', atCallSite, fromGateway, at: where, error: pyError },
      ] as unknown as RunnerEvent[];
    const callSite = { file: 'app.py', line: 2 };
    const gateway = { file: 'app.py', line: 4 };
    const [own0] = evaluateCase(
      across,
      calls(
        trace('a', { events: at(callSite, true, false) }),
        trace('b', { events: at(gateway, false, true) }),
        trace('c', { events: at(raisedAt, false, false) }),
      ),
      '',
    );
    expect(own0).toMatchObject({ location: raisedAt });
    const [own] = evaluateCase(
      kase({ rules: [B], across: () => [{ ...f(B), at: raisedAt }] }),
      calls(trace('get', { events: answer(first) })),
      '',
    );
    expect(own).toMatchObject({ location: raisedAt });
  });

  it('an error row names the first failed call and lists the others', () => {
    const other = { code: 'runner-died' as const, message: 'python died' };
    const [row] = evaluateCase(
      kase({ rules: [A], check: () => [] }),
      calls(trace('get', { error: died }), trace('post', { error: other })),
      '',
    );
    expect(row).toMatchObject({
      outcome: 'error',
      code: 'timeout',
      message: 'could not test: the application hung',
      scenarios: ['get', 'post'],
    });
    expect(row?.evidence[0]).toBe('post: python died');
    expect(row?.evidence[1]).toMatch(/^call trace \(scenario get\):/);
    expect(row?.evidence).toHaveLength(2);
  });

  it('a skip says why', () => {
    const [row] = evaluateCase(kase({ check: () => null }), calls(trace('get')), '');
    expect(row).toMatchObject({ reason: 'no request made the application do what this case checks' });
  });
});

const pyError = { type: 'ValueError', message: 'bad', traceback: '' };
