/**
 * compare() decides the fixture meta-tests, the gallery and the framework tests: a table of
 * what a fixture declares against what a report says, and the differences it must name.
 */
import { describe, expect, it } from 'vitest';
import { summarize, type Report, type Result } from '../../reports/result.js';
import { TOOL } from '../../spec/tool.js';
import { compare, parseExpectation, type Expectation } from './expectations.js';
import { RESULT_FIELDS } from '../../test/result-fields.js';

const base = RESULT_FIELDS;
const fail = (rule: string, level: Result['level'] = 'MUST', c = 'case'): Result => ({
  ...base,
  case: c,
  rule,
  level,
  outcome: 'fail',
  expected: 'e',
  actual: 'a',
  message: `${rule} broke`,
});
const pass = (rule: string): Result => ({ ...base, case: 'case', rule, level: 'MUST', outcome: 'pass' });
const error = (code: string): Result => ({
  ...base,
  case: 'case-e',
  rule: 'r',
  level: 'MUST',
  outcome: 'error',
  code,
  message: `could not test: ${code}`,
});
const skip = (rule: string): Result => ({ ...base, case: 'case', rule, level: 'MUST', outcome: 'skip', reason: 'x' });

function report(results: Result[], targetError?: string): Report {
  return {
    tool: TOOL,
    target: { kind: 'app', name: 'a.py', ...(targetError ? { error: targetError } : {}) },
    summary: summarize(results),
    results,
  };
}
const exp = (fail: string[] = [], warn: string[] = [], error?: string): Expectation => ({
  fail,
  warn,
  ...(error ? { error } : {}),
});

describe('compare()', () => {
  it.each([
    ['clean declared, clean report', exp(), report([pass('a'), skip('b')]), []],
    ['the declared MUST failure', exp(['a']), report([fail('a'), pass('b')]), []],
    ['the declared SHOULD warning', exp([], ['w']), report([fail('w', 'SHOULD')]), []],
    ['a declared failure that did not happen', exp(['a']), report([pass('a')]), ['expected a to fail, it did not']],
    ['a declared warning that did not happen', exp([], ['w']), report([pass('w')]), ['expected w to warn, it did not']],
    ['an undeclared MUST failure', exp(), report([fail('a')]), ['unexpected failure: a: a broke']],
    ['an undeclared SHOULD warning', exp(), report([fail('w', 'SHOULD')]), ['unexpected warning: w: w broke']],
    [
      'a declared failure seen as a warning',
      exp(['a']),
      report([fail('a', 'SHOULD')]),
      ['expected a to fail, it did not', 'unexpected warning: a: a broke'],
    ],
    [
      'a declared warning seen as a failure',
      exp([], ['a']),
      report([fail('a')]),
      ['unexpected failure: a: a broke', 'expected a to warn, it did not'],
    ],
    ['a MAY finding is neither', exp(), report([fail('m', 'MAY')]), []],
    [
      'a failure in two cases is named once',
      exp(),
      report([fail('a', 'MUST', 'c1'), fail('a', 'MUST', 'c2')]),
      ['unexpected failure: a: a broke'],
    ],
    [
      'an error result',
      exp(),
      report([pass('a'), error('timeout')]),
      ['error in case-e (timeout): could not test: timeout'],
    ],
    ['a target that could not load', exp(['a']), report([], 'SyntaxError'), ['could not be tested: SyntaxError']],
    ['the expected error', exp([], [], 'timeout'), report([error('timeout')]), []],
    [
      'another error than expected',
      exp([], [], 'timeout'),
      report([error('load')]),
      ['expected error timeout, got load'],
    ],
    [
      'two other errors than expected, beside a pass',
      exp([], [], 'timeout'),
      report([pass('a'), error('load'), error('crash')]),
      ['expected error timeout, got load, crash'],
    ],
    [
      'an undeclared failure is named with its own message, not that of a pass or another failure',
      exp(['b']),
      report([pass('a'), fail('b'), fail('a')]),
      ['unexpected failure: a: a broke'],
    ],
    [
      'no error when one was expected',
      exp([], [], 'timeout'),
      report([pass('a')]),
      ['expected error timeout, got none'],
    ],
    [
      'no error, load failure named',
      exp([], [], 'timeout'),
      report([], 'boom'),
      ['expected error timeout, got none (boom)'],
    ],
    [
      'a rule implied by the declared one',
      exp(['status-native-str']),
      report([fail('status-native-str'), fail('unicode-native-vs-bytes')]),
      [],
    ],
    [
      'an implied rule that did not fail',
      exp(['status-native-str']),
      report([fail('status-native-str')]),
      ['expected unicode-native-vs-bytes to fail, it did not'],
    ],
  ] as Array<[string, Expectation, Report, string[]]>)('%s', (_, expectation, r, problems) => {
    expect(compare(expectation, r)).toEqual(problems);
  });
});

describe('parseExpectation()', () => {
  it('reads every key from the leading comment lines', () => {
    const source =
      '# expect-fail: a\n# also-fail: b\n# expect-warn: c\n# also-warn: d\n# expect-error: timeout\nimport x\n';
    expect(parseExpectation(source)).toEqual({ fail: ['a', 'b'], warn: ['c', 'd'], error: 'timeout' });
  });

  it('clean declares nothing, and only the first 12 lines count', () => {
    expect(parseExpectation('# expect: clean\n')).toEqual({ fail: [], warn: [] });
    expect(parseExpectation(`${'#\n'.repeat(12)}# expect-fail: late\n`)).toEqual({ fail: [], warn: [] });
    expect(parseExpectation(`${'#\n'.repeat(11)}# expect-fail: last\n`)).toEqual({ fail: ['last'], warn: [] });
  });

  it('ignores lines that are not declarations', () => {
    expect(parseExpectation('#expect-fail:a\n# expect-fail a\nx = 1  # expect-fail: b\n')).toEqual({
      fail: ['a'],
      warn: [],
    });
  });
});
