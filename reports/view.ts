/** What every renderer shares: a result's verdict, results grouped by section, the matrix. */
import type { Report, Result } from './result.js';

/**
 * fail: a MUST rule broken; warn: a SHOULD rule broken; note: a MAY rule judged (never
 * counted); expected: a failure the target declares known; skip: not exercised; error:
 * could not test (never the implementation's fault).
 */
export type Verdict = 'fail' | 'warn' | 'note' | 'expected' | 'error' | 'pass' | 'skip';

/** Worst first: the order findings are listed in, and how a matrix cell sums up several cases. */
export const VERDICTS: readonly Verdict[] = ['fail', 'warn', 'note', 'expected', 'error', 'pass', 'skip'];

export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  fail: 'FAIL',
  warn: 'WARN',
  note: 'NOTE',
  expected: 'EXPECTED',
  error: 'ERROR',
  pass: 'PASS',
  skip: 'SKIP',
};

export function verdictOf(r: Result): Verdict {
  if (r.outcome !== 'fail') return r.outcome;
  if (r.known) return 'expected';
  return r.level === 'MUST' ? 'fail' : r.level === 'SHOULD' ? 'warn' : 'note';
}

/** Is this result something a reader must look at (anything but pass and skip)? */
export function isFinding(r: Result): boolean {
  const v = verdictOf(r);
  return v !== 'pass' && v !== 'skip';
}

export function worst(verdicts: readonly Verdict[]): Verdict | undefined {
  return VERDICTS.find((v) => verdicts.includes(v));
}

export interface SectionGroup {
  section: string;
  url: string;
  results: Result[];
}

/** Results by PEP section, in the order the suite ran them (which follows the PEP's topics). */
export function bySection(results: readonly Result[]): SectionGroup[] {
  const groups = new Map<string, SectionGroup>();
  for (const r of results) {
    const g = groups.get(r.section) ?? { section: r.section, url: r.url, results: [] };
    g.results.push(r);
    groups.set(r.section, g);
  }
  return [...groups.values()];
}

export function countVerdicts(results: readonly Result[]): Record<Verdict, number> {
  const out = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) out[verdictOf(r)] += 1;
  return out;
}

/** How a target is named in headings and matrix columns: its name, server version when known, TLS. */
export function targetLabel(report: Report): string {
  const name = report.target.version ? `${report.target.name} (${report.target.version})` : report.target.name;
  return report.target.tls ? `${name} over TLS` : name;
}

/** How the suite spoke to a server over TLS, for the target's description; undefined over plain HTTP. */
export function tlsLabel(target: Report['target']): string | undefined {
  if (!target.tls) return undefined;
  return `TLS, the server's certificate verified against ${target.tls.ca ?? 'a throwaway CA the suite made (--tls)'}`;
}

/** The route options of an application run as given, for the target's description. */
export function routeOptionsLabel(target: Report['target']): string | undefined {
  return target.routeOptions?.length ? target.routeOptions.join(' ') : undefined;
}

export interface MatrixRow {
  rule: string;
  level: Result['level'];
  section: string;
  url: string;
  /** One per report, in order: the worst verdict of the rule's results there, or undefined when not run. */
  cells: Array<Verdict | undefined>;
}

/** Implementations × rules: one row per rule any report judged, in first-seen order. */
export function matrixRows(reports: readonly Report[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const report of reports) {
    for (const r of report.results) {
      if (!rows.has(r.rule))
        rows.set(r.rule, { rule: r.rule, level: r.level, section: r.section, url: r.url, cells: [] });
    }
  }
  for (const row of rows.values()) {
    row.cells = reports.map((report) => worst(report.results.filter((r) => r.rule === row.rule).map(verdictOf)));
  }
  return [...rows.values()];
}

/** Every section any report has, in first-seen order. */
export function sectionsOf(reports: readonly Report[]): string[] {
  return [...new Set(reports.flatMap((r) => r.results.map((x) => x.section)))];
}
