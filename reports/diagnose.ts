/**
 * When (almost) nothing could be judged, the setup is broken, not the implementation: a
 * server that never answered, a probe or application that would not import. Readers then
 * need the cause once, not a hundred copies of it.
 */
import type { Report, Result } from './result.js';
import { verdictOf } from './view.js';

export interface SetupProblem {
  /** One sentence: what went wrong with the run as a whole. */
  headline: string;
  /** Distinct causes, most frequent first, with how many results each explains. */
  causes: Array<{ text: string; count: number }>;
  /** What to check next. */
  advice: string;
}

/** Below this many judged results a run is too small to call broken as a whole. */
const MIN_JUDGED = 5;

export function diagnoseSetup(report: Report): SetupProblem | undefined {
  const t = report.target;
  if (t.error) {
    return {
      headline: `could not test ${t.name}: it did not load or start`,
      causes: [{ text: t.error, count: Math.max(1, report.results.length) }],
      advice: adviceFor(report),
    };
  }
  const judged = report.results.filter((r) => r.outcome !== 'skip');
  const bad = judged.filter((r) => r.outcome === 'error' || verdictOf(r) === 'fail');
  const passed = judged.filter((r) => r.outcome === 'pass').length;
  if (judged.length < MIN_JUDGED || bad.length < judged.length * 0.9 || passed > judged.length * 0.05) return undefined;
  const errors = bad.filter((r) => r.outcome === 'error').length;
  const what = errors >= bad.length / 2 ? 'could not be tested' : 'failed';
  return {
    headline:
      `the setup is probably broken, not ${t.name}: ${bad.length} of ${judged.length} checks ` +
      `${what}${passed ? `, ${passed} passed` : ', none passed'}`,
    causes: topCauses(bad),
    advice: adviceFor(report),
  };
}

function topCauses(results: readonly Result[]): SetupProblem['causes'] {
  const counts = new Map<string, number>();
  for (const r of results) {
    const text = r.outcome === 'error' ? `${r.message} (${r.code})` : r.message;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 3);
}

function adviceFor(report: Report): string {
  const codes = new Set(report.results.flatMap((r) => (r.outcome === 'error' ? [r.code] : [])));
  if (report.target.kind !== 'server') {
    if (codes.has('timeout'))
      return (
        'The application did not finish its calls in time: check that it does not block (on a database, the ' +
        'network, stdin), or allow more with `--timeout`.'
      );
    if (codes.has('runner-died'))
      return (
        'The Python process died during the calls (os._exit, a crash in a C extension, the OOM killer): call the ' +
        'application by hand to see how.'
      );
    return (
      'Check that the application imports with that Python (`--python` picks the interpreter) and that the target ' +
      'names a WSGI callable (file.py, file.py:callable or module:callable).'
    );
  }
  const started = ![...codes].some((c) => c.startsWith('launch-'));
  const cause = started
    ? 'The server started but never answered properly: run its command by hand and request /, read its log, and ' +
      'check that it serves the probe application (the {app} placeholder).'
    : 'The server did not start: run its command by hand, check that the server is installed for the Python given ' +
      'by `--python`, and that the probe (harness/python/probe.py) imports.';
  return `${cause} \`wsgi-conformance doctor\` checks the usual suspects.`;
}
