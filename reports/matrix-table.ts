/**
 * The console's comparison of several targets (a matrix run): one row per PEP section, one
 * column per implementation, each cell counting what needs attention there.
 */
import type { Report, Result } from './result.js';
import type { Style } from './style.js';

const COLUMN_MAX = 16;

/** "ok", or counts: F failed MUST, W failed SHOULD, E errors, K known (baseline), "-" none ran. */
export function cell(results: readonly Result[]): string {
  if (!results.length) return '-';
  const n = (p: (r: Result) => boolean) => results.filter(p).length;
  const fail = n((r) => r.outcome === 'fail' && !r.known && r.level === 'MUST');
  const warn = n((r) => r.outcome === 'fail' && !r.known && r.level !== 'MUST');
  const error = n((r) => r.outcome === 'error');
  const known = n((r) => r.outcome === 'fail' && Boolean(r.known));
  const parts = [fail && `${fail}F`, warn && `${warn}W`, error && `${error}E`, known && `${known}K`].filter(Boolean);
  return parts.length ? parts.join(' ') : 'ok';
}

export function renderMatrixTable(reports: readonly Report[], s: Style): string {
  const sections = [...new Set(reports.flatMap((r) => r.results.map((x) => x.section)))];
  const names = reports.map((r) => shorten(r.target.name));
  const label = Math.max(...sections.map((x) => x.length), 'PEP 3333 section'.length, 'passed'.length);
  const widths = reports.map((_r, i) => Math.max((names[i] ?? '').length, 7));
  const paint = (text: string, width: number) => {
    const padded = text.padEnd(width);
    if (text === 'ok') return s.green(padded);
    if (/[FE]/.test(text)) return s.red(padded);
    if (text.includes('W')) return s.yellow(padded);
    return s.dim(padded);
  };
  const row = (head: string, cells: string[], colour = true) => {
    const shown = cells.map((c, i) => (colour ? paint(c, widths[i] ?? 7) : c.padEnd(widths[i] ?? 7)));
    return `${head.padEnd(label)}  ${shown.join('  ')}`.trimEnd();
  };
  const lines = [s.bold(row('PEP 3333 section', names, false))];
  for (const section of sections)
    lines.push(
      row(
        section,
        reports.map((r) => cell(r.results.filter((x) => x.section === section))),
      ),
    );
  const totals = reports.map((r) => (r.target.error ? 'untested' : `${r.summary.pass}/${r.summary.total}`));
  lines.push(s.dim(row('passed', totals, false)));
  lines.push(s.dim('F failed MUST, W failed SHOULD, E could not test, K known (baseline), - not run here'));
  return lines.join('\n');
}

const shorten = (name: string) => (name.length > COLUMN_MAX ? `${name.slice(0, COLUMN_MAX - 1)}…` : name);
