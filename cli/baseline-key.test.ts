/**
 * A baseline entry is keyed by target, case and rule: an entry for one rule of a case never
 * hides a failure of another rule of the same case, nor of the same rule in another case,
 * nor a failure of another target.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Result } from '../reports/result.js';
import { BaselineBook, loadBaseline, type Baseline } from './baseline.js';
import { RESULT_FIELDS } from '../test/result-fields.js';

const base = RESULT_FIELDS;
const fail = (c: string, rule: string): Result => ({
  ...base,
  case: c,
  rule,
  outcome: 'fail',
  expected: 'e',
  actual: 'a',
});
const pass = (c: string, rule: string): Result => ({ ...base, case: c, rule, outcome: 'pass' });

const baseline: Baseline = {
  known: [
    { case: 'case-1', rule: 'rule-a', reason: 'any target' },
    { case: 'case-2', rule: 'rule-a', reason: 'gunicorn only', target: 'gunicorn' },
    { case: 'case-3', rule: 'rule-a', reason: 'expired', expires: '2020-01-01' },
  ],
};
const book = new BaselineBook('b.json', baseline, '2025-06-01');

describe('the baseline key is (target, case, rule)', () => {
  it.each([
    ['the listed case and rule, any target', 'waitress', 'case-1', 'rule-a', true],
    ['another rule of the same case', 'waitress', 'case-1', 'rule-b', false],
    ['the same rule in another case', 'waitress', 'case-9', 'rule-a', false],
    ['an entry for the target that ran', 'gunicorn', 'case-2', 'rule-a', true],
    ['an entry for another target', 'waitress', 'case-2', 'rule-a', false],
    ['another rule under a target entry', 'gunicorn', 'case-2', 'rule-b', false],
    ['an expired entry', 'waitress', 'case-3', 'rule-a', false],
  ] as const)('%s: known=%s', (_, target, c, rule, known) => {
    expect(book.mark(target, fail(c, rule)).known === true).toBe(known);
  });

  it('a pass is never marked known, and only its own entry reports it as passing now', () => {
    expect(book.mark('waitress', pass('case-1', 'rule-a')).known).toBeUndefined();
    const verdict = book.verdict('waitress', [
      pass('case-1', 'rule-b'),
      pass('case-9', 'rule-a'),
      pass('case-1', 'rule-a'),
    ]);
    expect(verdict.unexpectedPasses).toEqual([{ case: 'case-1', rule: 'rule-a' }]);
  });

  it('an expired entry fails only for its own rule', () => {
    const verdict = book.verdict('waitress', [fail('case-3', 'rule-b'), fail('case-3', 'rule-a')]);
    expect(verdict.expired.map((e) => `${e.case} ${e.rule}`)).toEqual(['case-3 rule-a']);
  });

  it('two rules of one case are two entries, not a duplicate; the same rule twice is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-baseline-key-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'b.json');
    writeFileSync(
      file,
      JSON.stringify({
        known: [
          { case: 'c', rule: 'a', reason: 'x' },
          { case: 'c', rule: 'b', reason: 'y' },
        ],
      }),
    );
    expect(loadBaseline(file, false).known).toHaveLength(2);
    writeFileSync(
      file,
      JSON.stringify({
        known: [
          { case: 'c', rule: 'a', reason: 'x' },
          { case: 'c', rule: 'a', reason: 'y' },
        ],
      }),
    );
    expect(() => loadBaseline(file, false)).toThrow(/c a is listed twice/);
  });
});
