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
      'only a MAY finding: a note, never counted',
      [report(['may'])],
      false,
      { tests: 1, failures: 0, errors: 0, skipped: 0 },
    ],
    ['only a known failure: skipped', [report(['known'])], false, { tests: 1, failures: 0, errors: 0, skipped: 1 }],
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

/** What each element says: a CI server shows these names and messages as the run's outcome. */
describe('JUnit elements', () => {
  const suiteBlock = (xml: string, name: string) =>
    new RegExp(`<testsuite name="${name}"[\\s\\S]*?</testsuite>`).exec(xml)?.[0] ?? '';

  it('is one XML document: the declaration, then <testsuites> named after the tool', () => {
    const xml = renderJunit([report(['pass'])]);
    expect(
      xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${TOOL.name} ${TOOL.version}" `),
    ).toBe(true);
    expect(xml.endsWith('</testsuite>\n</testsuites>\n')).toBe(true);
    expect(renderJunit([])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="wsgi-conformance" tests="0" failures="0" ' +
        'errors="0">\n</testsuites>\n',
    );
  });

  it('names each testsuite after its section, prefixed by the target only when there are several', () => {
    const one = renderJunit([report(['pass'], ['S1'], undefined, 'a.py')]);
    expect(one).toContain('<testsuite name="S1" ');
    const two = renderJunit([report(['pass'], ['S1'], undefined, 'a.py'), report([], ['S1'], 'boom', 'b.py')]);
    expect(two).toContain('<testsuite name="a.py: S1" ');
    expect(two).toContain('<testsuite name="b.py: could not test" ');
    const alone = renderJunit([report([], ['S1'], 'boom', 'b.py')]);
    expect(suiteBlock(alone, 'could not test')).toContain(
      '<testcase name="load [target]" classname="b_py.setup">\n      <error type="load" message="boom"/>',
    );
    expect(suiteBlock(alone, 'could not test')).not.toContain('section.url');
  });

  it('names each testcase "case [rule]" and says why it failed, warned or was expected to fail', () => {
    const xml = renderJunit([report(ALL)]);
    expect(xml).toContain('<testcase name="c0 [r-pass]" classname="app_py.S1"/>');
    expect(xml).toContain(
      '<testcase name="c1 [r-must]" classname="app_py.S1">\n      <failure type="MUST" message="MUST: a">',
    );
    expect(xml).toContain('<skipped type="SHOULD" message="warning (SHOULD, not counted as a failure): a">');
    expect(xml).toContain('<system-out>note (MAY, never counted): a\n');
    expect(xml).toContain('<skipped type="expected-failure" message="expected failure (MUST): a">');
    expect(xml).toContain('<skipped message="skip"/>');
    expect(xml.match(/<system-out>/g)).toHaveLength(1);
  });

  it('warns (does not fail) on a SHOULD finding unless strict is asked for', () => {
    expect(parse(renderJunit([report(['should'])])).root.failures).toBe(0);
    expect(parse(renderJunit([report(['should'])], { strict: true })).root.failures).toBe(1);
  });
});
