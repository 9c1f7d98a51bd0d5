/**
 * The summary counts every outcome, and the cause of an incomplete verdict (the line that goes
 * to stderr whatever the reporters) names the target, the cases and the first error.
 */
import { describe, expect, it } from 'vitest';
import { type Report, type Result, summarize, untestedCause } from './result.js';

const base = { description: '', section: '', url: '', quote: '', hint: '', rerun: '', scenarios: [], evidence: [] };
const pass = (c: string): Result => ({ ...base, case: c, rule: 'r', level: 'MUST', message: '', outcome: 'pass' });
const skip = (c: string): Result => ({ ...pass(c), outcome: 'skip', reason: 'x' });
const error = (c: string, message = `could not test: ${c} broke`): Result => ({
  ...pass(c),
  outcome: 'error',
  code: 'x',
  message,
});
const fail = (c: string, level: Result['level'], known?: boolean): Result => ({
  ...pass(c),
  level,
  outcome: 'fail',
  expected: 'e',
  actual: 'a',
  ...(known === undefined ? {} : { known }),
});

const report = (results: Result[], error?: string): Report => ({
  tool: { name: 'wsgi-conformance', version: '0' },
  target: { kind: 'app', name: 'app.py', ...(error ? { error } : {}) },
  summary: summarize(results),
  results,
});

describe('summarize', () => {
  it('counts each outcome, and MUST and SHOULD failures that are not known', () => {
    const results = [
      pass('a'),
      pass('b'),
      skip('c'),
      skip('d'),
      skip('e'),
      error('f'),
      fail('g', 'MUST'),
      fail('h', 'MUST', true),
      fail('i', 'MUST', false),
      fail('j', 'SHOULD'),
      fail('k', 'SHOULD', true),
      fail('l', 'MAY'),
    ];
    expect(summarize(results)).toEqual({
      total: 12,
      pass: 2,
      fail: 6,
      skip: 3,
      error: 1,
      mustFailures: 2,
      warnings: 1,
    });
  });
});

describe('untestedCause', () => {
  const table: Array<[string, Report, string | undefined]> = [
    ['nothing errored', report([pass('a'), skip('b'), fail('c', 'MUST')]), undefined],
    [
      'the target could not be tested',
      report([pass('a')], 'no module named app'),
      'could not test app.py: no module named app',
    ],
    [
      'one case errored',
      report([pass('a'), error('b'), error('b', 'second rule')]),
      '1 case of app.py could not be judged; b: could not test: b broke',
    ],
    [
      'two cases errored',
      report([pass('a'), error('b'), error('c')]),
      '2 cases of app.py could not be judged; b (and 1 more): could not test: b broke',
    ],
    [
      'three cases errored',
      report([error('b'), skip('z'), error('c'), error('d'), error('b')]),
      '3 cases of app.py could not be judged; b (and 2 more): could not test: b broke',
    ],
  ];
  it.each(table)('%s', (_name, r, expected) => expect(untestedCause(r)).toBe(expected));
});
