/** Turns call traces into results: one per (case, rule), fail > error > pass > skip. */
import type { CallTrace } from '../harness/trace.js';
import { requireRule } from '../spec/catalog/index.js';
import { ruleUrl } from '../spec/rule.js';
import type { Finding } from '../spec/schemas/issue.js';
import type { Result } from '../reports/result.js';
import type { AppCase } from './case.js';

interface Seen extends Finding {
  scenario: string;
}

export function evaluateCase(c: AppCase, calls: ReadonlyMap<string, CallTrace>, rerun: string): Result[] {
  const inScope = [...calls.values()].filter((call) => !c.scenarios || c.scenarios.includes(call.scenario));
  const findings: Seen[] = [];
  let exercised = false;
  for (const call of c.check ? inScope : []) {
    if (!call.completed) continue;
    const found = c.check?.(call) ?? null;
    if (found === null) continue;
    exercised = true;
    findings.push(...found.map((f) => ({ ...f, scenario: call.scenario })));
  }
  if (c.across) {
    const found = c.across(calls);
    if (found !== null) {
      exercised = true;
      findings.push(...found.map((f) => ({ ...f, scenario: 'across calls' })));
    }
  }
  const errors = inScope.filter((call) => call.error);
  return c.rules.map((id) => {
    const rule = requireRule(id);
    const base = {
      case: c.id,
      rule: id,
      level: rule.level,
      description: c.description,
      section: rule.section,
      url: ruleUrl(rule),
      quote: rule.quote,
      hint: rule.hint,
      rerun,
    };
    const mine = findings.filter((f) => f.rule === id);
    const first = mine[0];
    if (first) {
      // The same observation in several scenarios is one finding; distinct ones become evidence.
      const byMessage = new Map<string, string[]>();
      for (const f of mine) byMessage.set(f.message, [...(byMessage.get(f.message) ?? []), f.scenario]);
      const scenarios = [...new Set(mine.map((f) => f.scenario))];
      const evidence = [...byMessage].slice(1, 6).map(([m, sc]) => `${m} [${sc.join(', ')}]`);
      return { ...base, outcome: 'fail', expected: first.expected ?? rule.summary, actual: first.message, message: first.message, scenarios: byMessage.get(first.message) ?? scenarios, evidence };
    }
    const error = errors[0]?.error;
    if (error) {
      return { ...base, outcome: 'error', code: error.code, message: `could not test: ${error.message}`, scenarios: errors.map((e) => e.scenario), evidence: errors.slice(1).map((e) => `${e.scenario}: ${e.error?.message}`) };
    }
    if (exercised) return { ...base, outcome: 'pass', message: c.description, scenarios: [], evidence: [] };
    return { ...base, outcome: 'skip', reason: 'not exercised', message: `not exercised: no request made the application do what this case checks`, scenarios: [], evidence: [] };
  });
}
