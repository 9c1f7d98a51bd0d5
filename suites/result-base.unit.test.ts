/** The result builders: the outcome, and what each one says, for every (case, rule) row. */
import { describe, expect, it } from 'vitest';
import { requireRule } from '../spec/catalog/index.js';
import { errored, failed, passed, resultBase, skipped } from './result-base.js';

const RULE = 'input-returns-bytes';
const base = resultBase('case-x', 'a fact', RULE, 'RERUN');

describe('result builders', () => {
  it('the base carries the rule record', () => {
    const rule = requireRule(RULE);
    expect(base).toMatchObject({ case: 'case-x', rule: RULE, level: rule.level, section: rule.section });
    expect(base).toMatchObject({ quote: rule.quote, hint: rule.hint, description: 'a fact', rerun: 'RERUN' });
  });

  it('pass, skip, error and fail', () => {
    expect(passed(base)).toEqual({ ...base, outcome: 'pass', message: 'a fact', scenarios: [], evidence: [] });
    expect(skipped(base, 'why')).toEqual({
      ...base,
      outcome: 'skip',
      reason: 'why',
      message: 'not exercised: why',
      scenarios: [],
      evidence: [],
    });
    expect(errored(base, 'timeout', 'hung')).toEqual({
      ...base,
      outcome: 'error',
      code: 'timeout',
      message: 'could not test: hung',
      scenarios: [],
      evidence: [],
    });
    expect(failed(base, { rule: RULE, message: 'str' }, ['get'], ['e'])).toEqual({
      ...base,
      outcome: 'fail',
      expected: requireRule(RULE).summary,
      actual: 'str',
      message: 'str',
      scenarios: ['get'],
      evidence: ['e'],
    });
    expect(failed(base, { rule: RULE, message: 'str', expected: 'bytes' }, [], [])).toMatchObject({
      expected: 'bytes',
    });
  });
});
