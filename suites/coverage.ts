/** Which case checks which rule, and why the others are not checked (shown by `rules`). */
import { rules } from '../spec/catalog/index.js';
import type { Rule } from '../spec/rule.js';
import { appCases } from './app/index.js';
import { serverCases } from './server/index.js';

export interface Coverage {
  rule: Rule;
  cases: string[];
  /** Why no case checks the rule, when none does. */
  gap?: string;
}

export function coverage(): Coverage[] {
  return rules.map((rule) => {
    const cases = [...appCases, ...serverCases].filter((c) => c.rules.includes(rule.id)).map((c) => c.id);
    return cases.length ? { rule, cases } : { rule, cases, gap: gapReason(rule) };
  });
}

/** Rules a case could name but no request can judge, with the reason (shown by `rules`). */
const UNTESTABLE: Record<string, string> = {
  'env-config-pairs': 'untestable: how a deployer configures extra environ pairs is server configuration, not visible to a request',
  'env-ssl-vars': 'untestable here: applies only under TLS, and the presets listen on plain HTTP (a --url https:// target would need its own certificate setup)',
  'errors-text-mode': "untestable from the application's side: line-ending conversion happens in the server's log output, which is the server's business; accepting str is checked by errors-stream",
};

function gapReason(rule: Rule): string {
  const untestable = UNTESTABLE[rule.id];
  if (untestable) return untestable;
  if (rule.observe.every((o) => o === 'manual')) return 'not testable automatically (documentation or intent)';
  if (rule.level === 'MAY') return 'a permission (MAY): nothing to fail';
  if (rule.binds.includes('middleware') && !rule.binds.includes('application')) return 'middleware rule: middleware certification is not implemented yet';
  if (rule.observe.every((o) => o === 'wire' || o === 'manual')) return 'visible only in the raw HTTP exchange: the wire suite (planned)';
  if (!rule.observe.includes('app')) return 'server-side rule without a case yet (planned)';
  return 'not checked in-process yet';
}
