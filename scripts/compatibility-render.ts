/**
 * docs/compatibility.md and .html as rendered from docs/compatibility-run.json (the saved
 * reports of `npm run compat`), so a test can check the published pages against the saved
 * run and the saved run against the pins.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../harness/paths.js';
import { renderCompatibility, type Implementation } from '../reports/compatibility.js';
import { renderHtml } from '../reports/html.js';
import type { Report } from '../reports/result.js';
import { getRule } from '../spec/catalog/index.js';
import { ruleUrl } from '../spec/rule.js';
import { TOOL } from '../spec/tool.js';
import { renderTlsSection } from './compatibility-tls.js';
import { appCases } from '../suites/app/index.js';
import { serverCases } from '../suites/server/index.js';
import { fuzzSection } from './compatibility-fuzz.js';

const descriptions = new Map([...appCases, ...serverCases].map((c) => [c.id, c.description]));
const triage = JSON.parse(readFileSync(fromRoot('docs', 'findings', 'triage.json'), 'utf8')) as {
  server: Array<{ preset: string; case: string; rule: string; finding?: string }>;
};

export const SAVED_RUN = fromRoot('docs', 'compatibility-run.json');

export interface SavedRun {
  date: string;
  runs: number;
  impls: Array<Omit<Implementation, 'findingOf'>>;
}

/** Finding links come from the current triage.json and findings/, so --render picks up new pages. */
export function withFindings(impl: Omit<Implementation, 'findingOf'>): Implementation {
  if (impl.kind === 'server') {
    return {
      ...impl,
      findingOf: (r) => {
        const hit = triage.server.find(
          (t) => t.preset === impl.name && t.case === r.case && t.rule === r.rule,
        )?.finding;
        return hit ? `findings/${hit}` : undefined;
      },
    };
  }
  return {
    ...impl,
    findingOf: (r) =>
      existsSync(fromRoot('docs', 'findings', `${impl.name}-${r.rule}.md`))
        ? `findings/${impl.name}-${r.rule}.md`
        : undefined,
  };
}

/** The pages as `npm run compat` publishes them from a saved run. */
export function renderSaved(saved: SavedRun): { md: string; html: string } {
  const impls = saved.impls.map((i) => withFindings({ ...i, reports: i.reports.map(hydrate) }));
  const md = renderCompatibility(impls, { date: saved.date, tool: `${TOOL.name} ${TOOL.version}`, runs: saved.runs });
  return {
    md: `${withSections(md)}\n`,
    html: renderHtml(impls.map(asOneReport)),
  };
}

/**
 * Sections other runs produce go before the details: servers over TLS, rendered from the `.tls`
 * pins (scripts/compatibility-tls.ts), then what docs/compatibility-sections/ holds (the
 * middleware matrix from scripts/middleware-matrix.ts), then the generative phase's section,
 * rendered from its pins (compatibility-fuzz.ts).
 */
function withSections(md: string): string {
  const dir = fromRoot('docs', 'compatibility-sections');
  const parts = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.mdpart'))
        .sort()
        .map((f) => readFileSync(join(dir, f), 'utf8').trimEnd())
    : [];
  const extra = [renderTlsSection(), ...parts, fuzzSection()].join('\n\n');
  const at = md.indexOf('\n## Details');
  return at < 0 ? `${md}\n\n${extra}` : `${md.slice(0, at)}\n${extra}\n${md.slice(at)}`;
}

/**
 * The saved run keeps what the implementation did; what the suite says of every result (the
 * rule's quote, hint and link, the case's description) comes back from the catalog and the
 * cases on load. Evidence is kept only for findings and errors. That keeps the file small.
 */
export function slim(report: Report): Report {
  const results = report.results.map(({ quote: _q, hint: _h, url: _u, description: _d, ...r }) => ({
    ...r,
    ...(r.outcome === 'pass' || r.outcome === 'skip' ? { evidence: [] } : {}),
  }));
  return { ...report, results: results as Report['results'] };
}

function hydrate(report: Report): Report {
  return {
    ...report,
    results: report.results.map((r) => {
      const rule = getRule(r.rule);
      return {
        ...r,
        quote: rule?.quote ?? '',
        hint: rule?.hint ?? '',
        url: rule ? ruleUrl(rule) : '',
        description: descriptions.get(r.case) ?? '',
      };
    }),
  };
}

/** A framework's views as one target for the HTML matrix (case ids prefixed by the view). */
function asOneReport(impl: Implementation): Report {
  if (impl.reports.length === 1) return impl.reports[0] as Report;
  const results = impl.reports.flatMap((r) =>
    r.results.map((x) => ({ ...x, case: `${r.target.name.split('/').pop()?.replace(/\.py$/, '')}:${x.case}` })),
  );
  const base = impl.reports[0] as Report;
  const summary = { ...base.summary };
  for (const k of Object.keys(summary) as Array<keyof typeof summary>)
    summary[k] = impl.reports.reduce((n, r) => n + r.summary[k], 0);
  return { ...base, target: { ...base.target, name: impl.name, version: impl.version }, summary, results };
}
