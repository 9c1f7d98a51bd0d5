/** What `npm run pin` prints and what a version mismatch in CI shows: the change to the pin. */
import { describe, expect, it } from 'vitest';
import { summarize, type Report, type Result } from '../../reports/result.js';
import { TOOL } from '../../spec/tool.js';
import { RESULT_FIELDS } from '../../test/result-fields.js';
import { describePinChange, pinDiff, verdict } from './pinned.js';

describe('pin changes', () => {
  it('lists lines that leave (-) and enter (+) the pin, nothing for equal pins', () => {
    expect(pinDiff(['a x fail', 'b y skip'], ['b y skip', 'c z fail'])).toEqual(['- a x fail', '+ c z fail']);
    expect(pinDiff(['a x fail'], ['a x fail'])).toEqual([]);
    expect(pinDiff([], [])).toEqual([]);
  });

  it('names a new version and a first pin', () => {
    const before = { preset: 'p', version: 'p 1.0', verdict: ['a x fail'] };
    expect(describePinChange(before, { ...before })).toEqual([]);
    expect(describePinChange(before, { ...before, version: 'p 2.0', verdict: [] })).toEqual([
      'version: p 1.0 -> p 2.0',
      '- a x fail',
    ]);
    expect(describePinChange(undefined, before)).toEqual(['new pin: p 1.0', '+ a x fail']);
  });
});

describe('the verdict a pin holds', () => {
  const r = (c: string, outcome: 'pass' | 'fail' | 'error' | 'skip'): Result =>
    ({
      ...RESULT_FIELDS,
      case: c,
      rule: `${c}-rule`,
      outcome,
      expected: 'e',
      actual: 'a',
      code: 'timeout',
      reason: 'x',
    }) as Result;
  const report = (results: Result[], error?: string): Report => ({
    tool: TOOL,
    target: { kind: 'server', name: 's', ...(error ? { error } : {}) },
    summary: summarize(results),
    results,
  });

  it('is every row that did not pass, as sorted "case rule outcome" lines', () => {
    expect(verdict(report([r('b', 'fail'), r('a', 'pass'), r('c', 'skip'), r('a', 'error')]))).toEqual([
      'a a-rule error',
      'b b-rule fail',
      'c c-rule skip',
    ]);
    expect(verdict(report([r('a', 'pass')]))).toEqual([]);
  });

  it('names a server that could not start, by the first line of the reason', () => {
    expect(verdict(report([], 'exited with 1\ntraceback'))).toEqual(['(could not start: exited with 1)']);
  });

  it('says "unknown" for a version it was not told', () => {
    expect(describePinChange(undefined, { preset: 'p', verdict: [] })).toEqual(['new pin: unknown version']);
    expect(describePinChange({ preset: 'p', verdict: [] }, { preset: 'p', version: 'p 2', verdict: [] })).toEqual([
      'version: unknown -> p 2',
    ]);
    expect(describePinChange({ preset: 'p', version: 'p 1', verdict: [] }, { preset: 'p', verdict: [] })).toEqual([
      'version: p 1 -> unknown',
    ]);
  });
});
