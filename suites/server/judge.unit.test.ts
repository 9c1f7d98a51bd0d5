/**
 * judgeServerCase decides each (case, rule) row of a server run: fail > error > pass > skip.
 * A table of exchanges and check outcomes against the verdict each row must get.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../harness/server/exchange.js';
import type { Fact } from '../../harness/server/facts.js';
import { ProbeProtocolError } from '../../harness/probe-protocol.js';
import type { Result } from '../../reports/result.js';
import type { ServerCase } from './case.js';
import { type CaseRun, judgeServerCase, whyUnjudged } from './judge.js';

const MUST = 'input-returns-bytes';
const OTHER = 'env-server-protocol';
const SHOULD = 'start-response-store-then-check';

function ex(over: Partial<Exchange> = {}): Exchange {
  return {
    id: 'r1',
    status: 200,
    headers: [],
    body: Buffer.from('{}'),
    json: {},
    notes: [],
    ms: 1,
    transcript: 'TRANSCRIPT',
    raw: Buffer.alloc(0),
    reads: [],
    loopStallMs: 0,
    ...over,
  };
}

function kase(check: ServerCase['check'], over: Partial<ServerCase> = {}): ServerCase {
  return {
    id: 'case-x',
    rules: [MUST, OTHER, SHOULD],
    description: 'the case states a fact',
    request: { scenario: 'environ' } as ServerCase['request'],
    check,
    ...over,
  };
}

const f = (rule: string, message = `broke ${rule}`) => ({ rule, message, expected: 'the rule' });
const outcomes = (rs: Result[]) => rs.map((r) => r.outcome);

describe('judgeServerCase: one verdict per row', () => {
  const table: Array<[string, ServerCase, CaseRun, Result['outcome'][]]> = [
    ['no findings: every row passes', kase(() => []), { ex: ex() }, ['pass', 'pass', 'pass']],
    ['a finding fails its row only', kase(() => [f(OTHER)]), { ex: ex() }, ['pass', 'fail', 'pass']],
    ['a SHOULD finding is a fail row at SHOULD', kase(() => [f(SHOULD)]), { ex: ex() }, ['pass', 'pass', 'fail']],
    ['null from the check skips every row', kase(() => null), { ex: ex() }, ['skip', 'skip', 'skip']],
    [
      '{skip} from the check skips every row',
      kase(() => ({ skip: 'no write' })),
      { ex: ex() },
      ['skip', 'skip', 'skip'],
    ],
    [
      'a run error errors every row',
      kase(() => [f(MUST)]),
      { error: { code: 'died', message: 'gone' } },
      ['error', 'error', 'error'],
    ],
    ['no exchange and no error skips', kase(() => [f(MUST)]), {}, ['skip', 'skip', 'skip']],
    [
      'no answer is an error when the case does not expect a stall',
      kase(() => [f(MUST)]),
      { ex: ex({ status: undefined, error: 'timed out' }) },
      ['error', 'error', 'error'],
    ],
    [
      'no answer is the finding of noAnswerIsBreach, the other rows skip',
      kase(() => [], { noAnswerIsBreach: OTHER }),
      { ex: ex({ status: undefined, error: 'timed out' }) },
      ['skip', 'fail', 'skip'],
    ],
    [
      'an answer cut short skips (judged by the wire cases)',
      kase(() => [f(MUST)]),
      { ex: ex({ status: 200, error: 'body cut short' }) },
      ['skip', 'skip', 'skip'],
    ],
    [
      'an answer cut short after its status is no stall, even where no answer is a finding',
      kase(() => [f(MUST)], { noAnswerIsBreach: OTHER }),
      { ex: ex({ status: 200, error: 'body cut short' }) },
      ['skip', 'skip', 'skip'],
    ],
    [
      'an answer cut short is checked when the case expects an abort',
      kase(() => [f(MUST)], { abortExpected: true }),
      { ex: ex({ status: 200, error: 'body cut short' }) },
      ['fail', 'pass', 'pass'],
    ],
    [
      'no answer on an abort case is checked, not a finding or an error',
      kase(() => [f(SHOULD)], { abortExpected: true, noAnswerIsBreach: OTHER }),
      { ex: ex({ status: undefined, error: 'reset' }) },
      ['pass', 'pass', 'fail'],
    ],
    [
      'no answer with noAnswerIsBreach on an abort case and no findings passes',
      kase(() => [], { abortExpected: true, noAnswerIsBreach: OTHER }),
      { ex: ex({ status: undefined, error: 'reset' }) },
      ['pass', 'pass', 'pass'],
    ],
    [
      'a check that crashes errors (a suite bug)',
      kase(() => {
        throw new Error('boom');
      }),
      { ex: ex() },
      ['error', 'error', 'error'],
    ],
  ];
  it.each(table)('%s', (_name, c, run, expected) => {
    const results = judgeServerCase(c, run, 'RERUN');
    expect(outcomes(results)).toEqual(expected);
    expect(results.map((r) => r.rule)).toEqual([...c.rules]);
    expect(results.every((r) => r.case === 'case-x' && r.rerun === 'RERUN')).toBe(true);
  });

  it('asks for another try only when a skip says so', () => {
    let again = 0;
    const onAgain = () => {
      again += 1;
    };
    judgeServerCase(
      kase(() => ({ skip: 'stalled', again: true })),
      { ex: ex() },
      '',
      onAgain,
    );
    expect(again).toBe(1);
    judgeServerCase(
      kase(() => ({ skip: 'foreign answer' })),
      { ex: ex() },
      '',
      onAgain,
    );
    expect(again).toBe(1);
    expect(
      outcomes(
        judgeServerCase(
          kase(() => ({ skip: 'stalled', again: true })),
          { ex: ex() },
          '',
        ),
      ),
    ).toEqual(['skip', 'skip', 'skip']);
  });

  it('the check sees the exchange and the facts', () => {
    const facts = [{ ev: 'call' }] as unknown as Fact[];
    const seen: unknown[] = [];
    judgeServerCase(
      kase((o) => {
        seen.push(o.ex.id, o.facts);
        return [];
      }),
      { ex: ex(), facts },
      '',
    );
    expect(seen).toEqual(['r1', facts]);
    const none: unknown[] = [];
    judgeServerCase(
      kase((o) => (none.push(o.facts), [])),
      { ex: ex() },
      '',
    );
    expect(none).toEqual([[]]);
  });

  it('the check is not run on an error, a stall or a cut-short answer', () => {
    let calls = 0;
    const c = kase(() => (calls++, []));
    judgeServerCase(c, { ex: ex(), error: { code: 'x', message: 'y' } }, '');
    judgeServerCase(c, { ex: ex({ status: undefined, error: 'reset' }) }, '');
    judgeServerCase(c, { ex: ex({ error: 'short' }) }, '');
    expect(calls).toBe(0);
  });

  it('a failed row carries the first finding, then the others and the transcript as evidence', () => {
    const [row] = judgeServerCase(
      kase(() => [f(MUST, 'first'), f(OTHER), f(MUST, 'second')]),
      { ex: ex() },
      '',
    );
    expect(row).toMatchObject({ outcome: 'fail', message: 'first', actual: 'first', expected: 'the rule' });
    expect(row?.evidence).toEqual(['second', 'TRANSCRIPT']);
    expect(row?.scenarios).toEqual([]);
  });

  it('a stall names the finding, the other rows say where it is reported', () => {
    const c = kase(() => [], { noAnswerIsBreach: OTHER });
    const [skip, fail] = judgeServerCase(c, { ex: ex({ status: undefined, error: 'timed out' }) }, '');
    expect(fail).toMatchObject({ outcome: 'fail', message: 'no answer: timed out', expected: 'a complete answer' });
    expect(skip).toMatchObject({ reason: `the request got no answer, which is reported under ${OTHER}` });
  });

  it('errors name their cause and code', () => {
    const [noAnswer] = judgeServerCase(
      kase(() => []),
      { ex: ex({ status: undefined, error: 'reset' }) },
      '',
    );
    expect(noAnswer).toMatchObject({
      outcome: 'error',
      code: 'no-response',
      message: 'could not test: the server did not answer: reset',
      evidence: ['TRANSCRIPT'],
    });
    const [crash] = judgeServerCase(
      kase(() => {
        throw new Error('boom');
      }),
      { ex: ex() },
      '',
    );
    expect(crash).toMatchObject({
      code: 'suite-bug',
      message: 'could not test: the check crashed (a bug in wsgi-conformance): boom',
    });
    const [protocol] = judgeServerCase(
      kase(() => {
        throw new ProbeProtocolError('environ', 'bad');
      }),
      { ex: ex() },
      '',
    );
    expect(protocol).toMatchObject({ code: 'probe-protocol' });
    expect(protocol?.message).toMatch(/^could not test: the probe's observation .* \(a bug in wsgi-conformance\)$/);
    const [died] = judgeServerCase(
      kase(() => []),
      { error: { code: 'died', message: 'gone' } },
      '',
    );
    expect(died).toMatchObject({ code: 'died', message: 'could not test: gone', evidence: [], scenarios: [] });
  });

  it('skip reasons: the check’s own, or why the answer could not be judged', () => {
    const [own] = judgeServerCase(
      kase(() => ({ skip: 'no write' })),
      { ex: ex() },
      '',
    );
    expect(own).toMatchObject({ reason: 'no write' });
    const [cut] = judgeServerCase(
      kase(() => []),
      { ex: ex({ error: 'short' }) },
      '',
    );
    expect(cut).toMatchObject({ reason: 'the response was incomplete: short' });
    const [cutStall] = judgeServerCase(
      kase(() => [], { noAnswerIsBreach: OTHER }),
      { ex: ex({ error: 'short' }) },
      '',
    );
    expect(cutStall).toMatchObject({ reason: 'the response was incomplete: short' });
    const [unjudged] = judgeServerCase(
      kase(() => null),
      { ex: ex({ status: 404 }) },
      '',
    );
    expect(unjudged).toMatchObject({ reason: whyUnjudged({ ex: ex({ status: 404 }) }) });
  });
});

describe('whyUnjudged', () => {
  const call = [{ ev: 'call' }] as unknown as Fact[];
  const table: Array<[string, CaseRun, string]> = [
    ['no exchange', {}, 'the case got no exchange to judge'],
    ['404, probe not called', { ex: ex({ status: 404 }) }, 'status 404 from the server: the probe was never called'],
    [
      '404, probe called',
      { ex: ex({ status: 404 }), facts: call },
      "the server's answer (status 404, the probe was called) did not let this case judge",
    ],
    [
      '404, only other facts',
      { ex: ex({ status: 404 }), facts: [{ ev: 'op-start' }] as unknown as Fact[] },
      'status 404 from the server: the probe was never called',
    ],
    [
      '500 with a body that is not JSON, probe called',
      { ex: ex({ status: 500, json: undefined, body: Buffer.from('oops') }), facts: call },
      "the server's answer (status 500, the probe was called) did not let this case judge",
    ],
    [
      '500 with an empty body, probe called',
      { ex: ex({ status: 500, json: undefined, body: Buffer.alloc(0) }), facts: call },
      "the server's answer (status 500, the probe was called) did not let this case judge",
    ],
    [
      'a wire conversation',
      { ex: { ...ex({ status: 400 }), wire: true } as unknown as Exchange, facts: call },
      'the conversation (status 400) did not let this case judge',
    ],
    [
      'no status',
      { ex: ex({ status: undefined }) },
      "the server's answer (no status, no probe call on record) did not let this case judge",
    ],
    [
      '200 but not JSON',
      { ex: ex({ json: undefined, body: Buffer.from('hello') }) },
      'status 200, but the body (5 bytes, starting "hello") is not the probe\'s JSON observation',
    ],
    [
      '200 and empty',
      { ex: ex({ json: undefined, body: Buffer.alloc(0) }) },
      "status 200 with an empty body where the probe's observation was expected",
    ],
    [
      '200 with JSON, lenient notes',
      { ex: ex({ notes: ['bare LF', 'short'] }) },
      "the server's answer (status 200, no probe call on record) did not let this case judge; read leniently: " +
        'bare LF; short',
    ],
  ];
  it.each(table)('%s', (_name, run, expected) => expect(whyUnjudged(run)).toBe(expected));

  it('quotes at most 60 bytes of a body that is not JSON', () => {
    const body = Buffer.from('x'.repeat(100));
    expect(whyUnjudged({ ex: ex({ json: undefined, body }) })).toContain(`starting "${'x'.repeat(60)}"`);
  });
});
