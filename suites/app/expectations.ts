/**
 * What a fixture or example declares about itself, and how a report measures up to it.
 * Fixture files declare in leading comments: `# expect-fail: RULE`, `# expect-warn: RULE`,
 * `# also-fail: RULE`, `# also-warn: RULE`, `# expect: clean`, `# expect-error: CODE`.
 */
import type { Report } from '../../reports/result.js';
import { withImplied } from '../../spec/implied.js';

export interface Expectation {
  fail: string[];
  warn: string[];
  /** Error code expected for the whole target (`load`, `timeout`, `runner-died`, `endless-body`). */
  error?: string;
}

export function parseExpectation(source: string): Expectation {
  const exp: Expectation = { fail: [], warn: [] };
  for (const line of source.split('\n').slice(0, 12)) {
    const m = /^#\s*(expect-fail|also-fail|expect-warn|also-warn|expect-error|expect):\s*(\S+)/.exec(line);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key.endsWith('fail')) exp.fail.push(value);
    else if (key.endsWith('warn')) exp.warn.push(value);
    else if (key === 'expect-error') exp.error = value;
  }
  return exp;
}

/** Differences between what was declared and what the report says; empty when they agree. */
export function compare(exp: Expectation, report: Report): string[] {
  if (exp.error) {
    const codes = new Set(
      report.results.filter((r) => r.outcome === 'error').map((r) => (r.outcome === 'error' ? r.code : '')),
    );
    return codes.has(exp.error)
      ? []
      : [
          `expected error ${exp.error}, got ` +
            `${[...codes].join(', ') || 'none'}${report.target.error ? ` (${report.target.error})` : ''}`,
        ];
  }
  if (report.target.error) return [`could not be tested: ${report.target.error}`];
  const out: string[] = [];
  const fail = withImplied(exp.fail);
  const warn = withImplied(exp.warn);
  for (const [level, declared] of [
    ['MUST', fail],
    ['SHOULD', warn],
  ] as const) {
    const seen = new Set(report.results.filter((r) => r.outcome === 'fail' && r.level === level).map((r) => r.rule));
    for (const rule of declared)
      if (!seen.has(rule)) out.push(`expected ${rule} to ${level === 'MUST' ? 'fail' : 'warn'}, it did not`);
    for (const rule of seen)
      if (!declared.has(rule))
        out.push(
          `unexpected ${level === 'MUST' ? 'failure' : 'warning'}: ${rule}: ` +
            `${report.results.find((r) => r.rule === rule && r.outcome === 'fail')?.message}`,
        );
  }
  for (const r of report.results) if (r.outcome === 'error') out.push(`error in ${r.case} (${r.code}): ${r.message}`);
  return [...new Set(out)];
}
