/** One result on the console: everything needed to act on a finding, in reading order. */
import type { Result } from './result.js';
import type { Style } from './style.js';
import { verdictOf, type Verdict } from './view.js';

const MARK: Readonly<Record<Verdict, string>> = {
  fail: '✗',
  warn: '⚠',
  note: 'i',
  expected: '○',
  error: '!',
  skip: '-',
  pass: '✓',
};

/** Evidence beyond this many lines is cut unless --verbose: a transcript is there to show, not to scroll. */
const EVIDENCE_LINES = 20;

export function renderFinding(r: Result, s: Style, verbose: boolean): string[] {
  const v = verdictOf(r);
  if (v === 'pass') return [`  ${s.green(MARK.pass)} ${r.rule} ${s.dim(r.description)}`, ...affected(r, s)];
  if (v === 'skip') return [`  ${s.dim(`${MARK.skip} ${r.rule}: ${r.message}`)}`, ...affected(r, s)];
  if (r.outcome === 'error') {
    return [
      `  ${s.red(`${MARK.error} ERROR`)} ${r.rule} ${s.dim(`(${r.code}) case ${r.case}`)}`,
      indent(r.message, 6),
      ...affected(r, s),
      ...evidence(r, s, verbose),
      s.dim(`      re-run: ${r.rerun}`),
    ];
  }
  if (r.outcome !== 'fail') return [];
  const lines = [
    `  ${label(r, v, s)} ${s.bold(r.rule)} (${r.level}) ${s.dim(`case ${r.case}`)}`,
    `      expected: ${r.expected}`,
    `      actual:   ${indent(r.actual, 16).trimStart()}${where(r, s)}`,
    ...located(r, s),
    ...affected(r, s),
    ...evidence(r, s, verbose),
    s.dim(`      ${r.section}: "${r.quote}"`),
    s.dim(`      ${r.url}`),
    `      fix: ${r.hint}`,
    s.dim(`      re-run: ${r.rerun}`),
  ];
  return lines;
}

/** The application's line that did it: `greeting_str.py:4  return ['Hello']`. */
function located(r: Result, s: Style): string[] {
  if (!r.location) return [];
  const { file, line, code } = r.location;
  return [`      at:       ${s.bold(`${file}:${line}`)}${code ? `  ${s.dim(code)}` : ''}`];
}

/** The server had changed when this case ran ("after case X, the server no longer ..."). */
function affected(r: Result, s: Style): string[] {
  return r.affected ? [s.yellow(`      affected: ${r.affected}`)] : [];
}

function label(r: Result, v: Verdict, s: Style): string {
  if (v === 'expected') return s.dim(`${MARK.expected} EXPECTED ${r.level === 'MUST' ? 'FAIL' : 'WARN'}`);
  if (v === 'fail') return s.red(`${MARK.fail} FAIL`);
  if (v === 'warn') return s.yellow(`${MARK.warn} WARN`);
  return s.dim(`${MARK.note} NOTE`);
}

function where(r: Result, s: Style): string {
  const sc = r.scenarios;
  if (!sc.length) return '';
  return s.dim(
    sc.length > 4 ? ` [${sc.slice(0, 3).join(', ')} and ${sc.length - 3} more requests]` : ` [${sc.join(', ')}]`,
  );
}

/** Further evidence (other breaches), and the HTTP transcript or call trace that shows the finding. */
function evidence(r: Result, s: Style, verbose: boolean): string[] {
  const out: string[] = [];
  for (const e of r.evidence) {
    const lines = e.split('\n');
    const shown = verbose || lines.length <= EVIDENCE_LINES ? lines : lines.slice(0, EVIDENCE_LINES);
    out.push(s.dim(lines.length > 1 ? '      evidence:' : `      also: ${e}`));
    if (lines.length > 1) out.push(...shown.map((l) => s.dim(`        ${l}`)));
    if (shown.length < lines.length)
      out.push(s.dim(`        … ${lines.length - shown.length} more lines (--verbose shows all)`));
  }
  return out;
}

export function indent(text: string, width: number): string {
  const pad = ' '.repeat(width);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
