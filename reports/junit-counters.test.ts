/**
 * The JUnit counters (tests, failures, errors, skipped on each testsuite, and the sums on
 * testsuites) equal the elements they count, for every kind of result, with and without
 * --strict, for one target and several. Plain string checks, no xmllint: these must run
 * everywhere.
 */
import { describe, expect, it } from 'vitest';
import { TOOL } from '../spec/tool.js';
import { renderJunit } from './junit.js';
import { summarize, type Report, type Result } from './result.js';

const base = { description: 'd', url: 'u', quote: 'q', hint: 'h', scenarios: [], evidence: [], rerun: 'r' };
const result = (kind: string, section: string, i: number): Result => {
  const id = { ...base, case: `c${i}`, rule: `r-${kind}`, section, message: kind };
  const failed = { outcome: 'fail' as const, expected: 'e', actual: 'a' };
  switch (kind) {
    case 'pass':
      return { ...id, level: 'MUST', outcome: 'pass' };
    case 'must':
      return { ...id, level: 'MUST', ...failed };
    case 'should':
      return { ...id, level: 'SHOULD', ...failed };
    case 'may':
      return { ...id, level: 'MAY', ...failed };
    case 'known':
      return { ...id, level: 'MUST', ...failed, known: true };
    case 'error':
      return { ...id, level: 'MUST', outcome: 'error', code: 'timeout' };
    case 'skip':
      return { ...id, level: 'MUST', outcome: 'skip', reason: 'why' };
    default:
      throw new Error(kind);
  }
};

function report(kinds: string[], sections = ['S1'], targetError?: string, name = 'app.py'): Report {
  const results = kinds.map((k, i) => result(k, sections[i % sections.length] as string, i));
  return {
    tool: TOOL,
    target: { kind: 'app', name, ...(targetError ? { error: targetError } : {}) },
    summary: summarize(results),
    results,
  };
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped?: number;
}
const attr = (tag: string, name: string) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(tag)?.[1] ?? NaN);

/** Each testsuite's counters and the elements inside it, and the root's counters. */
function parse(xml: string) {
  const suites = [...xml.matchAll(/(<testsuite\s[^>]*>)([\s\S]*?)<\/testsuite>/g)].map(([, open, body]) => ({
    declared: {
      tests: attr(open as string, 'tests'),
      failures: attr(open as string, 'failures'),
      errors: attr(open as string, 'errors'),
      skipped: attr(open as string, 'skipped'),
    },
    found: {
      tests: (body?.match(/<testcase\s/g) ?? []).length,
      failures: (body?.match(/<failure\s/g) ?? []).length,
      errors: (body?.match(/<error\s/g) ?? []).length,
      skipped: (body?.match(/<skipped\s/g) ?? []).length,
    },
  }));
  const root = /<testsuites\s[^>]*>/.exec(xml)?.[0] ?? '';
  return {
    suites,
    root: { tests: attr(root, 'tests'), failures: attr(root, 'failures'), errors: attr(root, 'errors') },
  };
}

const ALL = ['pass', 'must', 'should', 'may', 'known', 'error', 'skip'];

describe('JUnit counters', () => {
  it.each([
    ['one of each kind', [report(ALL)], false, { tests: 7, failures: 1, errors: 1, skipped: 3 }],
    ['one of each kind, strict', [report(ALL)], true, { tests: 7, failures: 2, errors: 1, skipped: 2 }],
    [
      'only errors (an app that could not load)',
      [report(Array(41).fill('error'), ['S1', 'S2', 'S3'], 'would not load')],
      false,
      { tests: 41, failures: 0, errors: 41, skipped: 0 },
    ],
    ['only skips', [report(['skip', 'skip', 'pass'])], false, { tests: 3, failures: 0, errors: 0, skipped: 2 }],
    [
      'a target with no results that could not load',
      [report([], ['S1'], 'boom')],
      false,
      { tests: 1, failures: 0, errors: 1, skipped: 0 },
    ],
    [
      'two targets',
      [report(ALL, ['S1', 'S2'], undefined, 'a.py'), report(['must', 'error', 'pass'], ['S1'], undefined, 'b.py')],
      false,
      { tests: 10, failures: 2, errors: 2, skipped: 3 },
    ],
  ] as Array<[string, Report[], boolean, Required<Counts>]>)('%s', (_, reports, strict, total) => {
    const { suites, root } = parse(renderJunit(reports, { strict }));
    expect(suites.length).toBeGreaterThan(0);
    for (const s of suites) expect(s.declared).toEqual(s.found);
    const sum = (k: keyof Required<Counts>) => suites.reduce((n, s) => n + s.found[k], 0);
    expect({ tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: sum('skipped') }).toEqual(
      total,
    );
    expect(root).toEqual({ tests: total.tests, failures: total.failures, errors: total.errors });
  });

  it('every subset of kinds keeps counters and elements equal', () => {
    for (let mask = 1; mask < 1 << ALL.length; mask++) {
      const kinds = ALL.filter((_, i) => mask & (1 << i));
      for (const strict of [false, true]) {
        const { suites, root } = parse(renderJunit([report(kinds, ['S1', 'S2'])], { strict }));
        for (const s of suites) expect(s.declared, `${kinds.join('+')}${strict ? ' strict' : ''}`).toEqual(s.found);
        expect(root.tests).toBe(kinds.length);
        expect(root.errors).toBe(kinds.includes('error') ? 1 : 0);
        expect(root.failures).toBe((kinds.includes('must') ? 1 : 0) + (strict && kinds.includes('should') ? 1 : 0));
      }
    }
  });
});
