/** One result in the HTML report: a collapsed row that opens on everything needed to act on it. */
import type { Result } from './result.js';
import { escapeMarkup as esc, truncate } from './text.js';
import { verdictOf, VERDICT_LABEL, type Verdict } from './view.js';

/** Per piece of evidence: enough for any transcript the suite records, bounded against garbage. */
const EVIDENCE_CHARS = 20_000;

export function badge(v: Verdict, text: string = VERDICT_LABEL[v]): string {
  return `<span class="badge b-${v}">${esc(text)}</span>`;
}

/** The catalog writes `code` in quotes and hints: shown as code, everything else escaped. */
function withCode(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Only web links: a report read from a file could carry a javascript: URL. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? esc(url) : '#';
}

export function rowId(target: number, index: number): string {
  return `r-${target}-${index}`;
}

export function resultRow(r: Result, target: number, index: number, section: number): string {
  const v = verdictOf(r);
  const seen = r.outcome === 'fail' ? r.actual : r.message;
  const facts: Array<[string, string]> = [];
  if (r.outcome === 'fail')
    facts.push(['expected', withCode(r.expected)], ['actual', `<span class="mono">${esc(r.actual)}</span>`]);
  else
    facts.push([
      r.outcome === 'error' ? `error (${esc(r.code)})` : r.outcome === 'skip' ? 'skipped' : 'checked',
      esc(r.outcome === 'pass' ? r.description : r.message),
    ]);
  if (r.scenarios.length) facts.push(['requests', r.scenarios.map((s) => `<code>${esc(s)}</code>`).join(', ')]);
  if (r.routes?.length) facts.push(['routes', r.routes.map((s) => `<code>${esc(s)}</code>`).join(', ')]);
  if (r.location) {
    const { file, line, code } = r.location;
    facts.push([
      'at',
      `<code>${esc(`${file}:${line}`)}</code>${code ? ` <span class="mono">${esc(code)}</span>` : ''}`,
    ]);
  }
  if (r.affected) facts.push(['affected', esc(r.affected)]);
  // A pass already states the case's description as what was checked.
  facts.push([
    'case',
    r.outcome === 'pass' ? `<code>${esc(r.case)}</code>` : `<code>${esc(r.case)}</code> ${esc(r.description)}`,
  ]);
  if (r.outcome !== 'pass') facts.push(['fix', withCode(r.hint)]);
  return [
    `<details class="result" id="${rowId(target, index)}" data-verdict="${v}" data-level="${esc(r.level)}" ` +
      `data-section="${section}" data-target="${target}">`,
    `<summary>${badge(v)} <code>${esc(r.rule)}</code> <span class="muted">${esc(r.level)}</span> <span ` +
      `class="msg">${esc(truncate(seen, 300))}</span></summary>`,
    '<div class="body">',
    `<dl>${facts.map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`).join('')}</dl>`,
    // The PEP's words where someone must act on them; a pass links its section (a matrix page
    // holds thousands of passes, and the quote on each would multiply its size).
    r.outcome === 'pass'
      ? `<div class="muted">rule: <a href="${safeUrl(r.url)}" rel="noreferrer">${esc(r.section)}</a></div>`
      : `<blockquote>${withCode(r.quote)}<br>— <a href="${safeUrl(r.url)}" ` +
        `rel="noreferrer">${esc(r.section)}</a></blockquote>`,
    ...r.evidence.map((e) => `<pre class="evidence">${esc(truncate(e, EVIDENCE_CHARS))}</pre>`),
    `<div class="muted">re-run only this case:</div><pre>${esc(r.rerun)}</pre>`,
    '</div></details>',
  ].join('\n');
}
