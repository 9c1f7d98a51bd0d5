/**
 * Each real server's current verdicts, pinned (suites/server/pinned/<preset>.json), so CI
 * notices when the suite's verdict on a real server changes. `npm run pin` rewrites them
 * after running each preset several times and refusing to pin a verdict that varies.
 */
import { existsSync } from 'node:fs';
import type { Report } from '../../reports/result.js';

/**
 * The pinned matrix is Debian's packages, which install for /usr/bin/python3. The first
 * python3 on PATH may be another interpreter with other versions of the same servers
 * (pyenv's Werkzeug 3 beside Debian's 2.2), so pins and their test name this one.
 */
export const PIN_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : undefined;

/** Everything that is not a pass, as "case rule outcome" lines, sorted. */
export function verdict(report: Report): string[] {
  const lines = report.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.case} ${r.rule} ${r.outcome}`);
  if (report.target.error) lines.push(`(could not start: ${report.target.error.split('\n')[0]})`);
  return lines.sort();
}

export interface Pinned {
  preset: string;
  version?: string;
  /** Non-passing (case, rule, outcome) triples. */
  verdict: string[];
}
