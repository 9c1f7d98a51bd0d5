/** Which case checks which rule, and why the others are not checked (shown by `rules`). */
import { rules } from '../spec/catalog/index.js';
import type { Rule } from '../spec/rule.js';
import { appCases } from './app/index.js';
import { towardsApplicationCases } from './middleware/towards-application.js';
import { serverCases } from './server/index.js';

export interface Coverage {
  rule: Rule;
  cases: string[];
  /** Why no case checks the rule, when none does. */
  gap?: string;
}

export function coverage(): Coverage[] {
  return rules.map((rule) => {
    const cases = [...appCases, ...serverCases, ...towardsApplicationCases]
      .filter((c) => c.rules.includes(rule.id))
      .map((c) => c.id);
    return cases.length ? { rule, cases } : { rule, cases, gap: gapReason(rule) };
  });
}

/** Why no case checks `rule`: its own reviewed reason, else what kind of rule it is. */
export function gapReason(rule: Rule): string {
  if (rule.untested) return rule.untested;
  if (rule.observe.every((o) => o === 'manual')) return 'not testable automatically (documentation or intent)';
  if (rule.level === 'MAY') return 'a permission (MAY): nothing to fail';
  if (rule.binds.includes('middleware') && !rule.binds.includes('application'))
    return 'middleware rule: middleware certification is not implemented yet';
  if (rule.observe.every((o) => o === 'wire' || o === 'manual'))
    return 'visible only in the raw HTTP exchange, and no wire case checks it yet';
  if (!rule.observe.includes('app')) return 'server-side rule without a case yet (planned)';
  return 'not checked in-process yet';
}
