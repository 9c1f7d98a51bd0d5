/**
 * Reports from real runs for the renderers' tests: broken fixtures certified for real, so the
 * renderers see what the suite produces, not what a test author imagines. The runs are recorded
 * in test/recorded/ (`npm run record-reports` re-records them) and checked against
 * schemas/report.schema.json on load; reports/smoke.test.ts checks a fresh run still matches.
 * A run with no recording (a new test's) is made for real, with a reminder to record it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fromRoot, PACKAGE_ROOT } from '../harness/paths.js';
import type { Report } from '../reports/result.js';
import { type Recording, recordingFile } from './recordings.js';

/** Absolute paths in a recording are stored relative to this placeholder. */
export const ROOT_PLACEHOLDER = '<package-root>';
const root = PACKAGE_ROOT.replace(/\/$/, '');

let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;
function checkSchema(report: unknown, file: string): Report {
  validate ??= new Ajv2020({ strict: false }).compile(
    JSON.parse(readFileSync(fromRoot('schemas', 'report.schema.json'), 'utf8')),
  );
  if (!validate(report))
    throw new Error(`${file} does not match schemas/report.schema.json: ${JSON.stringify(validate.errors)}`);
  return report as Report;
}

/** A report as stored: the package root replaced by a placeholder, so recordings do not depend on the checkout. */
export function toRecorded(report: Report): string {
  return `${JSON.stringify(report, null, 2).split(root).join(ROOT_PLACEHOLDER)}\n`;
}

export function loadRecorded(r: Recording): Report | undefined {
  const file = fromRoot('test', 'recorded', recordingFile(r));
  if (!existsSync(file)) return undefined;
  return checkSchema(JSON.parse(readFileSync(file, 'utf8').split(ROOT_PLACEHOLDER).join(root)), file);
}

const cache = new Map<string, Promise<Report>>();
function report(r: Recording): Promise<Report> {
  const key = recordingFile(r);
  let p = cache.get(key);
  if (!p) {
    const recorded = loadRecorded(r);
    if (recorded) p = Promise.resolve(recorded);
    else {
      process.stderr.write(
        `test/recorded/${key} is missing: add it to test/recordings.ts and run npm run record-reports\n`,
      );
      p = import('./live-reports.js').then((m) => m.liveReport(r));
    }
    cache.set(key, p);
  }
  return p;
}

/** An application fixture, e.g. `broken/headers-value-no-ctl.py`; `known` marks rules as declared broken. */
export function appReport(fixture: string, known: readonly string[] = []): Promise<Report> {
  return report({ kind: 'app', fixture, ...(known.length ? { known } : {}) });
}

/** A server fixture under fixtures/servers (e.g. `broken/close-called.py`), hosting the probe over HTTP. */
export function serverReport(script: string, only?: readonly string[]): Promise<Report> {
  return report({ kind: 'server', script, ...(only ? { only } : {}) });
}

/** A server that answers every request with bytes that are not HTTP: the setup is broken as a whole. */
export function garbageServerReport(): Promise<Report> {
  return report({ kind: 'garbage-server' });
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
      const planted = {
        ...r,
        message: `${r.message} ${HOSTILE}`,
        evidence: [...r.evidence, `< HTTP/1.1 200 ${HOSTILE}\n< X-Evil: ${HOSTILE}`],
        scenarios: i % 2 ? [...r.scenarios, HOSTILE] : r.scenarios,
      };
      return planted.outcome === 'fail' ? { ...planted, actual: `${planted.actual} ${HOSTILE}` } : planted;
    }),
  };
}
