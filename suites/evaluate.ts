/** Turns call traces into results: one per (case, rule), fail > error > pass > skip. */
import type { CallTrace } from '../harness/trace.js';
import { callTraceText } from './call-trace-text.js';
import type { Breach } from '../spec/schemas/issue.js';
import type { Result } from '../reports/result.js';
import type { AppCase } from './case.js';
import { locate } from './app/locate.js';
import { ORDINARY } from './app/scenarios.js';
import { errored, failed, passed, resultBase, skipped } from './result-base.js';

interface Seen extends Breach {
  scenario: string;
}

/**
 * A finding that compares calls points where the application raised in one of them, else
 * where it answered the first request (its start_response), as far as the trace knows.
 */
function locateAcross(rule: string, calls: ReadonlyMap<string, CallTrace>) {
  const all = [...calls.values()].filter((c) => c.completed);
  const raised = all.find((c) => c.exceptions.some((e) => !e.fromGateway && !e.atCallSite));
  return (raised ? locate(rule, raised) : undefined) ?? all.map((c) => locate(rule, c)).find((at) => at !== undefined);
}

export function evaluateCase(c: AppCase, calls: ReadonlyMap<string, CallTrace>, rerun: string): Result[] {
  // A request on the application's own route is an ordinary request.
  const routes = c.scenarios?.some((s) => (ORDINARY as readonly string[]).includes(s)) ?? true;
  const inScope = [...calls.values()].filter(
    (call) => !c.scenarios || c.scenarios.includes(call.scenario) || (routes && call.route),
  );
  const breaches: Seen[] = [];
  let exercised = false;
  for (const call of c.check ? inScope : []) {
    if (!call.completed) continue;
    const found = c.check?.(call) ?? null;
    if (found === null) continue;
    exercised = true;
    breaches.push(
      ...found.map((f) => {
        const at = f.at ?? locate(f.rule, call);
        return { ...f, scenario: call.scenario, ...(at ? { at } : {}) };
      }),
    );
  }
  if (c.across) {
    const found = c.across(calls);
    if (found !== null) {
      exercised = true;
      breaches.push(
        ...found.map((f) => {
          const at = f.at ?? locateAcross(f.rule, calls);
          return { ...f, scenario: 'across calls', ...(at ? { at } : {}) };
        }),
      );
    }
  }
  const errors = inScope.filter((call) => call.error);
  return c.rules.map((id) => {
    const base = resultBase(c.id, c.description, id, rerun);
    const mine = breaches.filter((f) => f.rule === id);
    const first = mine[0];
    if (first) {
      // The same breach in several scenarios is one result; distinct ones become evidence.
      const byMessage = new Map<string, string[]>();
      for (const f of mine) byMessage.set(f.message, [...(byMessage.get(f.message) ?? []), f.scenario]);
      const evidence = [...byMessage].slice(1, 6).map(([m, sc]) => `${m} [${sc.join(', ')}]`);
      // The call that shows the first finding, as the HTTP transcript does for server cases.
      const shown = calls.get(first.scenario);
      const result = failed(
        base,
        first,
        byMessage.get(first.message) ?? [],
        shown ? [...evidence, callTraceText(shown)] : evidence,
      );
      const seenOn = mine.map((f) => calls.get(f.scenario)?.route).filter((r): r is string => r !== undefined);
      const onRoutes = [...new Set(seenOn)];
      const at = mine.find((f) => f.at)?.at;
      return { ...result, ...(onRoutes.length ? { routes: onRoutes } : {}), ...(at ? { location: at } : {}) };
    }
    const error = errors[0]?.error;
    if (error)
      return errored(
        base,
        error.code,
        error.message,
        errors.map((e) => e.scenario),
        [...errors.slice(1).map((e) => `${e.scenario}: ${e.error?.message}`), callTraceText(errors[0] as CallTrace)],
      );
    return exercised ? passed(base) : skipped(base, 'no request made the application do what this case checks');
  });
}
