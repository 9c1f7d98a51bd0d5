/**
 * Markdown for a CI job summary ($GITHUB_STEP_SUMMARY) or a pull-request comment: a verdict
 * line, a table per PEP section (or, for several targets, implementations × rules), the
 * findings as a compact table, and each one's details collapsed. Bounded: GitHub rejects
 * comments over 65536 characters (job summaries over 1 MiB), so findings that do not fit are
 * left out with a note saying how many and where to find them.
 */
import { diagnoseSetup, type SetupProblem } from './diagnose.js';
import { truncate } from './text.js';
import { FINDINGS_HEADER, findingDetails, findingRow } from './markdown-finding.js';
import { block, code, ICON, prose, row } from './markdown-text.js';
import type { Report } from './result.js';
import { routeRows } from './routes.js';
import {
  bySection,
  countVerdicts,
  isFinding,
  matrixRows,
  routeOptionsLabel,
  sectionsOf,
  targetLabel,
  tlsLabel,
  VERDICTS,
  verdictOf,
  worst,
} from './view.js';

export interface MarkdownOptions {
  /**
   * Upper bound on the length (UTF-16 units). The default fits a PR comment, and a job summary
   * even at 4 bytes a character.
   */
  maxChars?: number;
}

export const PR_COMMENT_LIMIT = 65_536;
const NOTE_ROOM = 400;

export function renderMarkdown(
  reports: readonly Report[],
  { maxChars = PR_COMMENT_LIMIT - 536 }: MarkdownOptions = {},
): string {
  if (!reports.length) return '## wsgi-conformance: no targets were run\n';
  const doc = new Budget(
    (reports.length === 1 ? single(reports[0] as Report) : matrix(reports)).join('\n'),
    maxChars - NOTE_ROOM,
  );
  // A broken setup was explained once above; its hundred copies of the cause are not listed.
  const broken = reports.filter((r) => diagnoseSetup(r));
  const withFindings = reports
    .filter((r) => !broken.includes(r))
    .map((report) => ({ report, findings: report.results.filter(isFinding) }))
    .filter((x) => x.findings.length);
  const total = withFindings.reduce((n, x) => n + x.findings.length, 0);
  const heading = (report: Report) => (reports.length > 1 ? [`\n#### ${code(targetLabel(report))}\n`] : ['']);
  // Tables first: a reader who sees only the start still sees every finding's row.
  let listed = 0;
  if (total || broken.length) doc.add(`\n### Findings (${total})`);
  if (broken.length)
    doc.add(
      `\nNot listed: the results of ${broken.map((r) => code(targetLabel(r), { max: 80 })).join(', ')}, whose ` +
        `setup is broken (see above).`,
    );
  for (const { report, findings } of withFindings) {
    if (!doc.add([...heading(report), ...FINDINGS_HEADER].join('\n'))) break;
    for (const r of findings)
      if (doc.add(findingRow(r))) listed += 1;
      else break;
  }
  let detailed = 0;
  if (listed && doc.add('\n### Details')) {
    for (const { report, findings } of withFindings) {
      if (!doc.add(heading(report).join('\n'))) break;
      for (const r of findings)
        if (doc.add(`${findingDetails(r)}\n`)) detailed += 1;
        else break;
    }
  }
  if (listed < total || detailed < total) {
    doc.force(
      `\n> [!NOTE]\n> Cut to fit ${maxChars} characters: ${total - listed} of ${total} findings are not listed, ` +
        `${total - detailed} have no details here. The HTML report and report.json have everything.`,
    );
  }
  return fit(`${doc.text}\n`, maxChars);
}

/** Appends pieces while they fit under the limit; the first that does not fit stops the rest. */
class Budget {
  private full = false;
  constructor(
    public text: string,
    private readonly max: number,
  ) {}

  add(piece: string): boolean {
    if (this.full || this.text.length + piece.length + 1 > this.max) return !(this.full = true);
    this.text += `\n${piece}`;
    return true;
  }

  /** The closing note: its room is reserved, so it always fits. */
  force(piece: string): void {
    this.text += `\n${piece}`;
  }
}

/** Last resort when even the heading is too long (thousands of targets): a hard cut. */
function fit(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 80)}\n\n(cut: the summary exceeded ${max} characters)\n`;
}

function verdictIcon(report: Report): string {
  if (report.target.error || diagnoseSetup(report)) return ICON.error;
  if (report.summary.mustFailures) return ICON.fail;
  if (report.summary.error) return ICON.error;
  return report.summary.warnings ? ICON.warn : ICON.pass;
}

function counts(report: Report): string {
  const m = report.summary;
  return (
    `**${m.mustFailures} failed (MUST)**, ${m.warnings} warning${m.warnings === 1 ? '' : 's'} (SHOULD), ${m.pass} ` +
    `passed, ${m.skip} skipped, ${m.error} error${m.error === 1 ? '' : 's'}`
  );
}

function setupWarning(report: Report): string[] {
  const p = diagnoseSetup(report);
  if (!p) return [];
  // A multi-line cause (a Python traceback) stays readable in a fenced block.
  const cause = (c: SetupProblem['causes'][number]) =>
    c.text.includes('\n')
      ? [
          `> - ${c.count}×`,
          '>',
          ...block(truncate(c.text, 3000))
            .split('\n')
            .map((l) => `>   ${l}`),
        ]
      : [`> - ${c.count}× ${code(c.text, { max: 500 })}`];
  return [
    '',
    `> [!WARNING]`,
    `> ${code(`${p.headline}.`, { max: 500 })}`,
    ...p.causes.flatMap(cause),
    `>`,
    `> ${prose(p.advice)}`,
  ];
}

function single(report: Report): string[] {
  const t = report.target;
  const out = [
    `## ${verdictIcon(report)} wsgi-conformance ${report.tool.version}: ${t.kind} ${code(targetLabel(report))}`,
    '',
    counts(report),
  ];
  if (t.python) out.push('', `Python: ${code(t.python)}`);
  const tls = tlsLabel(t);
  if (tls) out.push('', `Over ${prose(tls)}`);
  const routeOptions = routeOptionsLabel(t);
  if (routeOptions) out.push('', `Route options: ${code(routeOptions)}`);
  out.push(...setupWarning(report), ...(report.notes ?? []).map((n) => `\n> ${code(n, { max: 1000 })}`));
  // Sections where everything passed take one line: a PR comment has room for findings, not
  // for thirty rows of passes (the server suite spans the PEP and the HTTP RFCs).
  const groups = bySection(report.results);
  const clean = groups.filter((g) => g.results.every((r) => verdictOf(r) === 'pass'));
  const rest = groups.filter((g) => !clean.includes(g));
  if (rest.length)
    out.push(
      '',
      row(['Section', ...VERDICTS.map((v) => `${ICON[v]} ${v}`)]),
      row(['---', ...VERDICTS.map(() => '---:')]),
    );
  for (const g of rest) {
    const n = countVerdicts(g.results);
    out.push(
      row([`[${prose(g.section, { table: true })}](${g.url})`, ...VERDICTS.map((v) => (n[v] ? String(n[v]) : ''))]),
    );
  }
  if (clean.length)
    out.push(
      '',
      `${ICON.pass} Everything passed in ${clean.length} more section${clean.length > 1 ? 's' : ''} ` +
        `(${clean.reduce((n, g) => n + g.results.length, 0)} results).`,
    );
  out.push(...routesTable(report));
  return out;
}

/** The application's own routes that were requested, and the rules each broke. */
function routesTable(report: Report): string[] {
  const rows = routeRows(report);
  if (!rows.length) return [];
  const broken = rows.filter((r) => r.verdict !== 'pass');
  const out = ['', `### Routes (${rows.length - broken.length} of ${rows.length} without findings)`];
  if (broken.length) out.push('', row(['', 'Route', 'Rules broken']), row(['---', '---', '---']));
  for (const r of broken.slice(0, 100)) {
    out.push(
      row([
        ICON[r.verdict],
        code(r.route, { table: true, max: 120 }),
        r.findings.map((f) => `\`${f.rule}\``).join(', '),
      ]),
    );
  }
  if (broken.length > 100)
    out.push('', `…and ${broken.length - 100} more routes with findings (report.json has them).`);
  return out;
}

function matrix(reports: readonly Report[]): string[] {
  const out = [`## wsgi-conformance ${reports[0]?.tool.version ?? ''}: ${reports.length} targets`, ''];
  out.push(
    row(['', 'Target', 'Failed (MUST)', 'Warnings (SHOULD)', 'Passed', 'Skipped', 'Errors']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:']),
  );
  for (const [i, r] of reports.entries()) {
    const m = r.summary;
    out.push(
      row([
        `${verdictIcon(r)} T${i + 1}`,
        code(targetLabel(r), { table: true, max: 120 }),
        String(m.mustFailures),
        String(m.warnings),
        String(m.pass),
        String(m.skip),
        String(m.error),
      ]),
    );
  }
  for (const r of reports) out.push(...setupWarning(r));
  out.push(
    '',
    '### Sections × targets',
    '',
    row(['Section', ...reports.map((_, i) => `T${i + 1}`)]),
    row(['---', ...reports.map(() => ':---:')]),
  );
  for (const section of sectionsOf(reports)) {
    const cells = reports.map((r) => {
      const mine = r.results.filter((x) => x.section === section);
      const verdict = worst(mine.map(verdictOf));
      return verdict ? `${ICON[verdict]} ${mine.filter((x) => x.outcome === 'pass').length}/${mine.length}` : '·';
    });
    out.push(row([prose(section, { table: true }), ...cells]));
  }
  const rows = matrixRows(reports);
  const differing = rows.filter((x) => x.cells.some((c) => c !== undefined && c !== 'pass'));
  out.push(
    '',
    '### Rules × targets',
    '',
    `${rows.length - differing.length} of ${rows.length} rules pass on every target that ran them; the others:`,
    '',
  );
  out.push(
    row(['Rule', 'Level', ...reports.map((_, i) => `T${i + 1}`)]),
    row(['---', '---', ...reports.map(() => ':---:')]),
  );
  for (const x of differing)
    out.push(row([`[\`${x.rule}\`](${x.url})`, x.level, ...x.cells.map((c) => (c ? ICON[c] : '·'))]));
  out.push(
    '',
    `${VERDICTS.map((v) => `${ICON[v]} ${v}`).join(' · ')} · \`·\` not run; a section shows its worst result and ` +
      `passed/total.`,
  );
  return out;
}
