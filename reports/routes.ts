/**
 * The application's own routes (user requests and crawl) and which rules broke on each:
 * every renderer shows the same table, so "which page is broken" reads the same everywhere.
 */
import type { Report, Result } from './result.js';
import { verdictOf, worst, type Verdict } from './view.js';

export interface RouteRow {
  route: string;
  /** Worst verdict of the findings seen on this route ('pass' when none). */
  verdict: Verdict;
  /** Findings seen on this route, worst first. */
  findings: Array<{ rule: string; level: Result['level']; verdict: Verdict }>;
}

/** One row per requested route, in request order; empty for runs without routes. */
export function routeRows(report: Report): RouteRow[] {
  return (report.target.routes ?? []).map((route) => {
    const findings = report.results
      .filter((r) => r.outcome === 'fail' && r.routes?.includes(route))
      .map((r) => ({ rule: r.rule, level: r.level, verdict: verdictOf(r) }));
    const order = ['fail', 'warn', 'note', 'expected'];
    findings.sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
    return { route, verdict: worst(findings.map((f) => f.verdict)) ?? 'pass', findings };
  });
}

/** `file.py:12`, the way editors and terminals link to a line. */
export function locationLabel(r: Result): string | undefined {
  return r.location ? `${r.location.file}:${r.location.line}` : undefined;
}
