/** The HTML matrix for several targets: sections × targets, then rules × targets with links to the rows. */
import { badge, rowId, safeUrl } from './html-finding.js';
import type { Report } from './result.js';
import { escapeMarkup as esc } from './text.js';
import { matrixRows, sectionsOf, targetLabel, VERDICT_LABEL, verdictOf, worst } from './view.js';

export function renderMatrix(reports: readonly Report[]): string {
  const targets = reports.map((r, i) => `<th title="${esc(targetLabel(r))}">T${i + 1}</th>`);
  const head = `<tr><th></th>${targets.join('')}</tr>`;
  const sectionRows = sectionsOf(reports).map((section) => {
    const cells = reports.map((r) => {
      const mine = r.results.filter((x) => x.section === section);
      const v = worst(mine.map(verdictOf));
      return v
        ? `<td class="cell">${badge(v, `${mine.filter((x) => x.outcome === 'pass').length}/${mine.length}`)}</td>`
        : '<td class="cell muted">·</td>';
    });
    return `<tr><th>${esc(section)}</th>${cells.join('')}</tr>`;
  });
  const ruleRows = matrixRows(reports).map((row) => {
    const cells = row.cells.map((v, t) => {
      if (!v) return '<td class="cell muted">not run</td>';
      const index = reports[t]?.results.findIndex((x) => x.rule === row.rule && verdictOf(x) === v) ?? -1;
      return `<td class="cell"><a class="jump" href="#${rowId(t, index)}">${badge(v, VERDICT_LABEL[v])}</a></td>`;
    });
    return (
      `<tr data-all-pass="${row.cells.every((c) => !c || c === 'pass')}"><th><a href="${safeUrl(row.url)}" ` +
      `rel="noreferrer"><code>${esc(row.rule)}</code></a> <span ` +
      `class="muted">${row.level}</span></th>${cells.join('')}</tr>`
    );
  });
  const legend = reports.map((r, i) => `<li><b>T${i + 1}</b> ${esc(targetLabel(r))}</li>`).join('');
  return [
    '<section id="matrix"><h2>Comparison</h2>',
    `<ul class="muted legend">${legend}</ul>`,
    '<h3>Sections × targets</h3><div class="matrix"><table>',
    head.replace('<th></th>', '<th>Section</th>'),
    ...sectionRows,
    '</table></div>',
    '<h3>Rules × targets</h3><label><input type="checkbox" id="m-differ" checked> only rules not passed by every ' +
      'target that ran them</label><div class="matrix"><table id="rule-matrix">',
    head.replace('<th></th>', '<th>Rule</th>'),
    ...ruleRows,
    '</table></div>',
    '</section>',
  ].join('\n');
}
