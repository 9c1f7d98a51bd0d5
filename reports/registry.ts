/**
 * The reporters --reporter can name, each rendering every report of a run (several for a
 * matrix) from the result stream's contents. A reporter with a file writes it into --out
 * DIR, or to stdout without --out. `jsonl` is not here: it is the stream itself.
 */
import { renderConsole } from './console.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderMatrixTable } from './matrix-table.js';
import type { Report } from './result.js';
import { renderSarif } from './sarif.js';
import type { Style } from './style.js';

export interface RenderContext {
  style: Style;
  verbose: boolean;
  /** --strict: warnings fail the run, so JUnit shows them as failures too. */
  strict: boolean;
}

export interface Reporter {
  /** What --reporter calls it. */
  readonly name: string;
  /** Its file name in --out DIR; absent for console, which always writes to stdout. */
  readonly file?: string;
  /** One file per target (DIR/<target>/<file>) when a run has several: report.json's contract is one target. */
  readonly perTarget?: boolean;
  render(reports: readonly Report[], context: RenderContext): string;
}

/** The stream (results.jsonl): a reporter name, but written as the run goes, not rendered. */
export const STREAM_REPORTER = { name: 'jsonl', file: 'results.jsonl' } as const;

export const reporters: readonly Reporter[] = [
  { name: 'console', render: renderConsoleAll },
  { name: 'json', file: 'report.json', perTarget: true, render: (reports) => reports.map(renderJson).join('') },
  { name: 'junit', file: 'junit.xml', render: (reports, { strict }) => renderJunit(reports, { strict }) },
  { name: 'markdown', file: 'report.md', render: (reports) => renderMarkdown(reports) },
  { name: 'html', file: 'report.html', render: (reports) => renderHtml(reports) },
  { name: 'sarif', file: 'report.sarif', render: (reports) => renderSarif(reports) },
];

export const reporterNames = (): string[] => [...reporters.map((r) => r.name), STREAM_REPORTER.name];

export function getReporter(name: string): Reporter | undefined {
  return reporters.find((r) => r.name === name);
}

/** One report as before; several: each one's findings, then the comparison table. */
function renderConsoleAll(reports: readonly Report[], { style: s, verbose }: RenderContext): string {
  if (reports.length === 1) return renderConsole(reports[0] as Report, s, { verbose });
  const each = reports.map((r) => {
    const version = r.target.version ? ` (${r.target.version})` : '';
    return `${s.bold(`== ${r.target.name}${version}`)}\n${renderConsole(r, s, { verbose, compact: true })}`;
  });
  return [...each, renderMatrixTable(reports, s)].join('\n\n');
}
