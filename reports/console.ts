/** Human report: findings first with everything needed to act, passes as counts, summary last. */
import type { Report, Result } from './result.js';
import type { Style } from './style.js';

const MARK = { fail: '✗', warn: '⚠', error: '!', skip: '-', pass: '✓', expected: '○' } as const;

export interface ConsoleOptions {
  verbose?: boolean;
  /** Findings and summary only (the gallery prints many reports in a row). */
  compact?: boolean;
}

export function renderConsole(report: Report, s: Style, { verbose = false, compact = false }: ConsoleOptions = {}): string {
  const out: string[] = [];
  const t = report.target;
  if (!compact) out.push(s.bold(`wsgi-conformance ${report.tool.version}: ${t.kind} ${t.name}`));
  if (t.python && !compact) out.push(s.dim(`  python ${t.python}${t.loadedAs ? `, application = ${t.loadedAs}` : ''}`));
  if (t.error) {
    out.push('', s.red(`${MARK.error} could not test ${t.name}:`), indent(t.error, '    '), '', summaryLine(report, s));
    return out.join('\n');
  }
  const bySection = new Map<string, Result[]>();
  for (const r of report.results) bySection.set(r.section, [...(bySection.get(r.section) ?? []), r]);
  const quiet: string[] = [];
  for (const [section, results] of bySection) {
    const shown = results.filter((r) => verbose || r.outcome === 'fail' || r.outcome === 'error');
    const passed = results.filter((r) => r.outcome === 'pass').length;
    if (!shown.length) {
      quiet.push(`${section} ${passed}/${results.length}`);
      continue;
    }
    out.push('', `${s.bold(section)} ${s.dim(`(${passed}/${results.length} passed)`)}`);
    for (const r of shown) out.push(...renderResult(r, s));
  }
  if (quiet.length && !compact) out.push('', s.dim(`No findings in: ${quiet.join(', ')} (passed/total; --verbose lists them)`));
  for (const note of report.notes ?? []) out.push('', s.yellow(`note: ${note}`));
  out.push('', summaryLine(report, s));
  return out.join('\n');
}

function renderResult(r: Result, s: Style): string[] {
  const where = r.scenarios.length > 4
    ? s.dim(` [${r.scenarios.slice(0, 3).join(', ')} and ${r.scenarios.length - 3} more requests]`)
    : r.scenarios.length ? s.dim(` [${r.scenarios.join(', ')}]`) : '';
  if (r.outcome === 'pass') return [`  ${s.green(MARK.pass)} ${r.rule} ${s.dim(r.description)}`];
  if (r.outcome === 'skip') return [`  ${s.dim(`${MARK.skip} ${r.rule}: ${r.message}`)}`];
  if (r.outcome === 'error') return [`  ${s.red(`${MARK.error} ERROR`)} ${r.rule} ${s.dim(`(${r.code})`)}`, indent(r.message, '      ')];
  const label = r.known
    ? s.dim(`${MARK.expected} EXPECTED ${r.level === 'MUST' ? 'FAIL' : 'WARN'}`)
    : r.level === 'MUST' ? s.red(`${MARK.fail} FAIL`) : s.yellow(`${MARK.warn} WARN`);
  const lines = [
    `  ${label} ${s.bold(r.rule)} (${r.level}) ${s.dim(`case ${r.case}`)}`,
    `      ${r.actual}${where}`,
    ...r.evidence.map((e) => s.dim(`      also: ${e}`)),
    `      expected: ${r.expected}`,
    s.dim(`      ${r.section}: "${r.quote}"`),
    s.dim(`      ${r.url}`),
    `      fix: ${r.hint}`,
    s.dim(`      re-run: ${r.rerun}`),
  ];
  return lines;
}

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => pad + l).join('\n');
}

export function summaryLine(report: Report, s: Style): string {
  const m = report.summary;
  const expected = report.results.filter((r) => r.known).length;
  const parts = [
    s.green(`${m.pass} passed`),
    (m.mustFailures ? s.red : s.dim)(`${m.mustFailures} failed (MUST)`),
    (m.warnings ? s.yellow : s.dim)(`${m.warnings} warning${m.warnings === 1 ? '' : 's'} (SHOULD)`),
    ...(expected ? [s.dim(`${expected} expected`)] : []),
    s.dim(`${m.skip} skipped`),
    (m.error ? s.red : s.dim)(`${m.error} error${m.error === 1 ? '' : 's'}`),
  ];
  return parts.join(', ');
}
