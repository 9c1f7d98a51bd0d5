/**
 * JUnit XML (the Jenkins xUnit junit-10.xsd dialect, which GitLab, GitHub test-report actions
 * and Jenkins all read): one testsuite per PEP section (per target and section in a matrix),
 * one testcase per (case, rule) named `case [rule]`.
 *
 * A testcase fails exactly when the result would fail the run, so CI dashboards and the exit
 * code agree: a broken MUST rule is `<failure type="MUST">`. A broken SHOULD rule is a
 * warning, which JUnit has no element for: it is `<skipped type="SHOULD">` with a message
 * starting "warning", visible in every consumer's skipped list without turning the build red;
 * with `strict` (as --strict) it is `<failure type="SHOULD">`. Declared (known) failures are
 * `<skipped type="expected-failure">` (as pytest reports xfail), MAY findings pass with a
 * note in system-out, and "could not test" is `<error type="CODE">`.
 */
import type { Report, Result } from './result.js';
import { escapeAttribute as attr, escapeMarkup as text, truncate } from './text.js';
import { bySection, routeOptionsLabel, targetLabel, tlsLabel, verdictOf } from './view.js';

export interface JunitOptions {
  /** SHOULD failures fail the run (--strict): render them as failures too. */
  strict?: boolean;
}

/** Per piece of evidence: a transcript is there to show the finding, not the whole body. */
const EVIDENCE_CHARS = 4000;

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
}

export function renderJunit(reports: readonly Report[], options: JunitOptions = {}): string {
  const suites = reports.flatMap((report) => suitesOf(report, reports.length > 1, options));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  const tool = reports[0]?.tool ?? { name: 'wsgi-conformance', version: '' };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`${tool.name} ${tool.version}`.trim())}" tests="${sum('tests')}" ` +
      `failures="${sum('failures')}" errors="${sum('errors')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suitesOf(report: Report, prefix: boolean, options: JunitOptions): Suite[] {
  const label = targetLabel(report);
  const groups = bySection(report.results);
  if (!groups.length && report.target.error) {
    const xml =
      `    <testcase name="load [target]" classname="${attr(classname(report, 'setup'))}">\n      <error ` +
      `type="load" message="${attr(report.target.error)}"/>\n    </testcase>`;
    return [
      suite(report, `${prefix ? `${label}: ` : ''}could not test`, '', [xml], {
        tests: 1,
        failures: 0,
        errors: 1,
        skipped: 0,
      }),
    ];
  }
  return groups.map(({ section, url, results }) => {
    const cases = results.map((r) => testcase(report, r, options));
    const count = { tests: results.length, failures: 0, errors: 0, skipped: 0 };
    for (const c of cases) if (c.kind !== 'passed') count[c.kind] += 1;
    return suite(
      report,
      prefix ? `${label}: ${section}` : section,
      url,
      cases.map((c) => c.xml),
      count,
    );
  });
}

function suite(
  report: Report,
  name: string,
  url: string,
  cases: string[],
  n: { tests: number; failures: number; errors: number; skipped: number },
): Suite {
  const t = report.target;
  const props: Array<[string, string | undefined]> = [
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['target', t.name],
    ['target.kind', t.kind],
    ['target.version', t.version],
    ['target.command', t.command],
    ['target.tls', tlsLabel(t)],
    ['target.route-options', routeOptionsLabel(t)],
    ['python', t.python],
    ['application', t.loadedAs],
    ['target.error', t.error],
    ['section.url', url || undefined],
    ...(t.routes ?? []).map((route): [string, string] => ['route', route]),
    ...(report.notes ?? []).map((note): [string, string] => ['note', note]),
  ];
  const properties = props.flatMap(([k, v]) =>
    v === undefined ? [] : [`      <property name="${attr(k)}" value="${attr(v)}"/>`],
  );
  const xml = [
    `  <testsuite name="${attr(name)}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" ` +
      `skipped="${n.skipped}" package="${attr(t.name)}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: n.tests, failures: n.failures, errors: n.errors };
}

/** Jenkins splits classname at its last dot into package and class: target, then section. */
function classname(report: Report, section: string): string {
  const undot = (s: string) => s.replace(/\./g, '_');
  return `${undot(report.target.name)}.${undot(section)}`;
}

function testcase(
  report: Report,
  r: Result,
  { strict = false }: JunitOptions,
): { xml: string; kind: 'failures' | 'errors' | 'skipped' | 'passed' } {
  const name = attr(`${r.case} [${r.rule}]`);
  const open = `    <testcase name="${name}" classname="${attr(classname(report, r.section))}"`;
  const v = verdictOf(r);
  const wrap = (inner: string) => `${open}>\n      ${inner}\n    </testcase>`;
  if (r.outcome === 'pass') return { xml: `${open}/>`, kind: 'passed' };
  if (r.outcome === 'skip') return { xml: wrap(`<skipped message="${attr(r.message)}"/>`), kind: 'skipped' };
  if (r.outcome === 'error')
    return {
      xml: wrap(`<error type="${attr(r.code)}" message="${attr(r.message)}">${text(details(r))}</error>`),
      kind: 'errors',
    };
  const body = text(details(r));
  if (v === 'fail' || (v === 'warn' && strict))
    return {
      xml: wrap(`<failure type="${r.level}" message="${attr(`${r.level}: ${r.actual}`)}">${body}</failure>`),
      kind: 'failures',
    };
  if (v === 'warn')
    return {
      xml: wrap(
        `<skipped type="SHOULD" ` +
          `message="${attr(`warning (SHOULD, not counted as a failure): ${r.actual}`)}">${body}</skipped>`,
      ),
      kind: 'skipped',
    };
  if (v === 'expected')
    return {
      xml: wrap(
        `<skipped type="expected-failure" ` +
          `message="${attr(`expected failure (${r.level}): ${r.actual}`)}">${body}</skipped>`,
      ),
      kind: 'skipped',
    };
  return {
    xml: wrap(`<system-out>${text(`note (MAY, never counted): ${r.actual}\n${details(r)}`)}</system-out>`),
    kind: 'passed',
  };
}

/** The body a consumer shows under the testcase: the same facts as the console, in plain text. */
function details(r: Result): string {
  const lines = [
    ...(r.outcome === 'fail' ? [`expected: ${r.expected}`, `actual: ${r.actual}`] : [r.message]),
    ...(r.scenarios.length ? [`requests: ${r.scenarios.join(', ')}`] : []),
    ...(r.routes?.length ? [`routes: ${r.routes.join(', ')}`] : []),
    ...(r.location ? [`at: ${r.location.file}:${r.location.line}  ${r.location.code ?? ''}`.trimEnd()] : []),
    ...(r.affected ? [`affected: ${r.affected}`] : []),
    `rule: ${r.rule} (${r.level}), ${r.section}: "${r.quote}"`,
    r.url,
    `fix: ${r.hint}`,
    `re-run: ${r.rerun}`,
    ...r.evidence.flatMap((e) => ['', truncate(e, EVIDENCE_CHARS)]),
  ];
  return lines.join('\n');
}
