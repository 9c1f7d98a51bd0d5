/** Reports list results in the suite's case order, whatever order the stream has them in. */
import type { Result, TargetKind } from '../reports/result.js';
import type { ResultOrder } from '../reports/stream.js';
import { appCases } from '../suites/app/index.js';
import { towardsApplicationCases } from '../suites/middleware/towards-application.js';
import { serverCases } from '../suites/server/index.js';

function rank(cases: ReadonlyArray<{ id: string; rules: readonly string[] }>): Map<string, number> {
  const out = new Map<string, number>();
  cases.forEach((c, i) => c.rules.forEach((rule, j) => out.set(`${c.id}\0${rule}`, i * 1000 + j)));
  return out;
}

// A middleware run's towards-the-application cases come first. Middleware runs of earlier
// versions reported as kind app, so app keeps knowing their cases (baselines, merges).
const middleware = rank([...towardsApplicationCases, ...appCases]);
const ranks: Record<TargetKind, Map<string, number>> = { app: middleware, middleware, server: rank(serverCases) };

/** Known (case, rule) pairs by position; unknown ones (another suite version) last, by id. */
export function caseOrder(kind: TargetKind): ResultOrder {
  const of = (r: Result) => ranks[kind].get(`${r.case}\0${r.rule}`) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => of(a) - of(b) || `${a.case}\0${a.rule}`.localeCompare(`${b.case}\0${b.rule}`);
}

/** Does this suite have the case and rule a baseline entry names? */
export function knownPair(kind: TargetKind | undefined, c: { case: string; rule: string }): boolean {
  const key = `${c.case}\0${c.rule}`;
  return kind ? ranks[kind].has(key) : ranks.app.has(key) || ranks.server.has(key);
}
