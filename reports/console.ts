/**
 * Human report: findings grouped by PEP section with everything needed to act on them,
 * passes as counts, the summary printed last. When the setup is broken as a whole, the
 * cause is said once instead of repeated under every case.
 */
import { renderFinding, indent } from './console-finding.js';
import { diagnoseSetup, type SetupProblem } from './diagnose.js';
import type { Report } from './result.js';
import type { Style } from './style.js';
import { visibleDeep } from './text.js';
import { routeRows } from './routes.js';
import { bySection, routeOptionsLabel, tlsLabel } from './view.js';

export interface ConsoleOptions {
  verbose?: boolean;
  /** Findings and summary only (the gallery prints many reports in a row). */
  compact?: boolean;
}

export function renderConsole(
  input: Report,
  s: Style,
  { verbose = false, compact = false }: ConsoleOptions = {},
): string {
  // Whatever the implementation sent is shown as text, never as terminal control sequences.
  const report = visibleDeep(input);
  const out: string[] = [];
  const t = report.target;
  if (!compact) {
    out.push(
      s.bold(`wsgi-conformance ${report.tool.version}: ${t.kind} ${t.name}${t.version ? ` (${t.version})` : ''}`),
    );
    if (t.python) out.push(s.dim(`  python ${t.python}${t.loadedAs ? `, application = ${t.loadedAs}` : ''}`));
    if (t.command && t.command !== t.name) out.push(s.dim(`  command: ${t.command}`));
    const tls = tlsLabel(t);
    if (tls) out.push(s.dim(`  over ${tls}`));
    const routeOptions = routeOptionsLabel(t);
    if (routeOptions) out.push(s.dim(`  route options: ${routeOptions}`));
  }
  const problem = diagnoseSetup(report);
  if (t.error) {
    out.push('', s.red(`! could not test ${t.name}:`), indent(t.error, 4), '', s.dim(problem?.advice ?? ''));
  } else if (problem && !verbose) {
    out.push('', ...renderProblem(problem, s), s.dim(`  (--verbose lists all ${report.results.length} results)`));
  } else {
    out.push(...renderSections(report, s, verbose, compact));
    out.push(...renderRoutes(report, s));
    if (problem) out.push('', ...renderProblem(problem, s));
  }
  for (const note of report.notes ?? []) out.push('', s.yellow(`note: ${note}`));
  out.push('', summaryLine(report, s));
  return out.join('\n');
}

function renderSections(report: Report, s: Style, verbose: boolean, compact: boolean): string[] {
  const out: string[] = [];
  const quiet: string[] = [];
  for (const { section, results } of bySection(report.results)) {
    const shown = results.filter((r) => verbose || r.outcome === 'fail' || r.outcome === 'error');
    const passed = results.filter((r) => r.outcome === 'pass').length;
    if (!shown.length) {
      quiet.push(`${section} ${passed}/${results.length}`);
      continue;
    }
    out.push('', `${s.bold(section)} ${s.dim(`(${passed}/${results.length} passed)`)}`);
    for (const r of shown) out.push(...renderFinding(r, s, verbose));
  }
  if (quiet.length && !compact)
    out.push('', s.dim(`No findings in: ${quiet.join(', ')} (passed/total; --verbose lists them)`));
  return out;
}

/** Which of the application's routes broke which rules (user requests and crawl). */
function renderRoutes(report: Report, s: Style): string[] {
  const rows = routeRows(report);
  if (!rows.length) return [];
  const broken = rows.filter((r) => r.verdict !== 'pass');
  const out = ['', `${s.bold('Routes')} ${s.dim(`(${rows.length - broken.length}/${rows.length} without findings)`)}`];
  for (const row of broken) {
    const mark = row.verdict === 'fail' ? s.red('✗') : row.verdict === 'warn' ? s.yellow('⚠') : s.dim('○');
    out.push(`  ${mark} ${row.route}  ${s.dim(row.findings.map((f) => f.rule).join(', '))}`);
  }
  const fine = rows.filter((r) => r.verdict === 'pass');
  const names = fine
    .slice(0, 8)
    .map((r) => r.route)
    .join(', ');
  if (fine.length) out.push(s.dim(`  ✓ ${names}${fine.length > 8 ? ` and ${fine.length - 8} more` : ''}`));
  return out;
}

function renderProblem(p: SetupProblem, s: Style): string[] {
  return [
    s.red(`! ${p.headline}.`),
    ...p.causes.map((c) => `  ${s.bold(`${c.count}×`)} ${indent(c.text, 6).trimStart()}`),
    '',
    `  ${p.advice}`,
  ];
}

export function summaryLine(report: Report, s: Style): string {
  const m = report.summary;
  const expected = report.results.filter((r) => r.known && r.outcome === 'fail').length;
  const notes = report.results.filter((r) => !r.known && r.outcome === 'fail' && r.level === 'MAY').length;
  const parts = [
    s.green(`${m.pass} passed`),
    (m.mustFailures ? s.red : s.dim)(`${m.mustFailures} failed (MUST)`),
    (m.warnings ? s.yellow : s.dim)(`${m.warnings} warning${m.warnings === 1 ? '' : 's'} (SHOULD)`),
    ...(notes ? [s.dim(`${notes} note${notes === 1 ? '' : 's'} (MAY)`)] : []),
    ...(expected ? [s.dim(`${expected} expected`)] : []),
    s.dim(`${m.skip} skipped`),
    (m.error ? s.red : s.dim)(`${m.error} error${m.error === 1 ? '' : 's'}`),
  ];
  return parts.join(', ');
}
