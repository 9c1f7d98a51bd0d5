/**
 * Reports from real runs for the renderers' tests: broken fixtures certified for real, so
 * the renderers see what the suite produces, not what a test author imagines. Each run is
 * made once per test file.
 */
import { existsSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import type { Report } from '../reports/result.js';
import { certifyApp } from '../suites/app/certify.js';
import { certifyServer } from '../suites/server/certify.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const cache = new Map<string, Promise<Report>>();

function once(key: string, run: () => Promise<Report>): Promise<Report> {
  if (!cache.has(key)) cache.set(key, run());
  return cache.get(key) as Promise<Report>;
}

/** An application fixture, e.g. `broken/headers-value-no-ctl.py`; `known` marks rules as declared broken. */
export function appReport(fixture: string, known: readonly string[] = []): Promise<Report> {
  return once(`app:${fixture}:${known.join()}`, () => certifyApp({ target: `fixtures/apps/${fixture}`, cwd: fromRoot(), timeoutMs: 2000, expectBroken: new Set(known) }));
}

/** A server fixture under fixtures/servers (e.g. `broken/close-called.py`), hosting the probe over HTTP. */
export function serverReport(script: string, only?: readonly string[]): Promise<Report> {
  const path = fromRoot('fixtures', 'servers', script);
  return once(`server:${script}:${only?.join() ?? ''}`, () => certifyServer({ target: { kind: 'cmd', template: `{python} '${path}' {host} {port} {app}` }, python: PYTHON, timeoutMs: 3000, ...(only ? { only } : {}) }));
}

/** A server that answers every request with bytes that are not HTTP: the setup is broken as a whole. */
export function garbageServerReport(): Promise<Report> {
  const path = fromRoot('fixtures', 'hostile-servers', 'misbehave.py');
  return once('garbage', () => certifyServer({ target: { kind: 'cmd', template: `{python} ${path} garbage {host} {port}` }, timeoutMs: 2000, graceMs: 500 }));
}

/** Strings a hostile server could send, aimed at every output format at once. */
export const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"quoted" & \'single\' | pipe `tick` ]]> --> </details></pre></td>',
  'ESC[31m\u001b[31mred\u001b[0m NUL\u0000 BEL\u0007 VT\u000b FF\u000c DEL\u007f C1\u0085 lone\ud800 bidi\u202e',
].join(' ');

/** A real report with hostile strings planted wherever implementation data lands. */
export function poisoned(report: Report): Report {
  return {
    ...report,
    target: { ...report.target, name: `evil ${HOSTILE}`, version: `Evil/1.0 ${HOSTILE}` },
    notes: [`note ${HOSTILE}`],
    results: report.results.map((r, i) => {
      const planted = { ...r, message: `${r.message} ${HOSTILE}`, evidence: [...r.evidence, `< HTTP/1.1 200 ${HOSTILE}\n< X-Evil: ${HOSTILE}`], scenarios: i % 2 ? [...r.scenarios, HOSTILE] : r.scenarios };
      return planted.outcome === 'fail' ? { ...planted, actual: `${planted.actual} ${HOSTILE}` } : planted;
    }),
  };
}
