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

/** What re-pinning would change: `- line` leaves the pin, `+ line` enters it; empty when equal. */
export function pinDiff(before: readonly string[], after: readonly string[]): string[] {
  const old = new Set(before);
  const now = new Set(after);
  return [
    ...before.filter((l) => !now.has(l)).map((l) => `- ${l}`),
    ...after.filter((l) => !old.has(l)).map((l) => `+ ${l}`),
  ];
}

/** The whole change of a pin, version included, as lines a person reads; empty when equal. */
export function describePinChange(before: Pinned | undefined, after: Pinned): string[] {
  const lines: string[] = [];
  if (!before) return [`new pin: ${after.version ?? 'unknown version'}`, ...after.verdict.map((l) => `+ ${l}`)];
  if (before.version !== after.version)
    lines.push(`version: ${before.version ?? 'unknown'} -> ${after.version ?? 'unknown'}`);
  return [...lines, ...pinDiff(before.verdict, after.verdict)];
}
