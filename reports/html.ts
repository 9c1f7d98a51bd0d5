/**
 * The HTML report: one self-contained file (inline CSS and script, no network, no assets)
 * with a summary per target, a comparison matrix when several targets ran, filters, and
 * every result by PEP section with its rule, quote, evidence and fix. Every string from a
 * report is escaped; a Content-Security-Policy that admits only this page's own style and
 * script (by hash) backs that up, and forbids every fetch.
 */
import { createHash } from 'node:crypto';
import { diagnoseSetup } from './diagnose.js';
import { badge, resultRow, safeUrl } from './html-finding.js';
import { renderMatrix } from './html-matrix.js';
import { SCRIPT } from './html-script.js';
import { CSS } from './html-style.js';
import type { Report } from './result.js';
import { routeRows } from './routes.js';
import { escapeMarkup as esc } from './text.js';
import { bySection, countVerdicts, routeOptionsLabel, sectionsOf, targetLabel, tlsLabel, VERDICTS } from './view.js';

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

export function renderHtml(reports: readonly Report[]): string {
  const csp =
    `default-src 'none'; style-src ${hash(CSS)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; ` +
    `form-action 'none'`;
  const title =
    reports.length === 1
      ? `wsgi-conformance: ${targetLabel(reports[0] as Report)}`
      : `wsgi-conformance: ${reports.length} targets`;
  const sections = sectionsOf(reports);
  const all = reports.flatMap((r) => r.results);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head><body>',
    `<header><h1>${esc(title)}</h1><p class="muted">wsgi-conformance ${esc(reports[0]?.tool.version ?? '')}: PEP ` +
      `3333 (WSGI 1.0.1) conformance. MUST failures fail a run, SHOULD failures are warnings, errors mean the ` +
      `target could not be tested.</p></header>`,
    '<main>',
    `<section id="summary" class="cards">${reports.map(summaryCard).join('\n')}</section>`,
    reports.length > 1 ? renderMatrix(reports) : '',
    filters(reports, sections, all.length, countVerdicts(all)),
    '<p id="empty" hidden>No result matches the filters.</p>',
    ...reports.map((r, t) => targetResults(r, t, reports.length > 1, sections)),
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function summaryCard(report: Report, t: number, reports: readonly Report[]): string {
  const x = report.target;
  const n = countVerdicts(report.results);
  const facts: Array<[string, string | undefined]> = [
    ['kind', x.kind],
    ['version', x.version],
    ['python', x.python],
    ['application', x.loadedAs],
    ['command', x.command],
    ['over', tlsLabel(x)],
    ['route options', routeOptionsLabel(x)],
  ];
  const problem = diagnoseSetup(report);
  const causes = problem?.causes.map((c) => `<li>${c.count}× <span class="mono">${esc(c.text)}</span></li>`).join('');
  return [
    `<div class="card" id="target-${t}"><h2>${reports.length > 1 ? `T${t + 1} ` : ''}${esc(x.name)}</h2>`,
    `<div class="counts">${VERDICTS.filter((v) => n[v] || v === 'fail' || v === 'pass')
      .map((v) => badge(v, `${n[v]} ${v}`))
      .join(' ')}</div>`,
    `<dl>${facts.flatMap(([k, v]) => (v ? [`<dt>${k}</dt><dd class="mono">${esc(v)}</dd>`] : [])).join('')}</dl>`,
    problem
      ? `<div class="callout"><b>${esc(problem.headline)}.</b><ul>${causes}</ul>${esc(problem.advice)}</div>`
      : '',
    ...(report.notes ?? []).map((note) => `<div class="callout">${esc(note)}</div>`),
    '</div>',
  ].join('\n');
}

function filters(
  reports: readonly Report[],
  sections: readonly string[],
  total: number,
  n: Record<string, number>,
): string {
  // Findings first: passes and skips start hidden when there is anything else to look at.
  const findings = VERDICTS.some((v) => v !== 'pass' && v !== 'skip' && n[v]);
  const boxes = VERDICTS.map(
    (v) =>
      `<label><input type="checkbox" name="verdict" ` +
      `value="${v}"${!findings || (v !== 'pass' && v !== 'skip') ? ' checked' : ''}> ` +
      `${badge(v, `${n[v]} ${v}`)}</label>`,
  );
  const levels = ['MUST', 'SHOULD', 'MAY'].map((l) => `<option value="${l}">${l}</option>`);
  const select = (id: string, label: string, options: string[]) =>
    `<label>${label} <select id="${id}"><option value="">all</option>${options.join('')}</select></label>`;
  return [
    '<section id="filters">',
    ...boxes,
    select('f-level', 'level', levels),
    select(
      'f-section',
      'section',
      sections.map((s, i) => `<option value="${i}">${esc(s)}</option>`),
    ),
    reports.length > 1
      ? select(
          'f-target',
          'target',
          reports.map((r, i) => `<option value="${i}">T${i + 1} ${esc(targetLabel(r))}</option>`),
        )
      : '',
    '<label>search <input type="search" id="f-search" placeholder="rule, case, header…"></label>',
    `<span class="muted"><span id="shown">${total}</span> of ${total} results shown</span>`,
    '</section>',
  ].join('\n');
}

function targetResults(report: Report, t: number, several: boolean, sections: readonly string[]): string {
  const index = new Map(report.results.map((r, i) => [r, i]));
  const groups = bySection(report.results).map((g) => {
    const s = sections.indexOf(g.section);
    const rows = g.results.map((r) => resultRow(r, t, index.get(r) ?? 0, s));
    return (
      `<section class="group"><h3><a href="${safeUrl(g.url)}" rel="noreferrer">${esc(g.section)}</a> <span ` +
      `class="muted">${g.results.filter((r) => r.outcome === 'pass').length}/${g.results.length} ` +
      `passed</span></h3>\n${rows.join('\n')}</section>`
    );
  });
  const heading = `<h2>${several ? `T${t + 1} ` : 'Results: '}${esc(targetLabel(report))}</h2>`;
  return `<section class="target-results">${heading}\n${routesTable(report)}${groups.join('\n')}</section>`;
}

/** The application's own routes that were requested, and the rules each broke. */
function routesTable(report: Report): string {
  const rows = routeRows(report);
  if (!rows.length) return '';
  const rules = (r: (typeof rows)[number]) => r.findings.map((f) => `<code>${esc(f.rule)}</code>`).join(', ');
  const cells = rows.map(
    (r) => `<tr><td>${badge(r.verdict)}</td><td><code>${esc(r.route)}</code></td><td>${rules(r)}</td></tr>`,
  );
  const fine = rows.filter((r) => r.verdict === 'pass').length;
  return [
    `<section class="group routes"><h3>Routes <span class="muted">${fine}/${rows.length} without findings</span></h3>`,
    `<table><thead><tr><th></th><th>route</th><th>rules ` +
      `broken</th></tr></thead><tbody>${cells.join('')}</tbody></table>`,
    '</section>\n',
  ].join('\n');
}
