/** Which case checks which rule, and why the others are not checked (shown by `rules`). */
import { rules } from '../spec/catalog/index.js';
import type { Rule } from '../spec/rule.js';
import { appCases } from './app/index.js';
import { towardsApplicationCases } from './middleware/towards-application.js';
import { serverCases } from './server/index.js';
import { UNTESTED_MUST } from './untested-must.js';

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

/** Rules a case could name but no request can judge, with the reason (shown by `rules`). */
const UNTESTABLE: Record<string, string> = {
  'env-config-pairs':
    'untestable: how a deployer configures extra environ pairs is server configuration, not visible to a request',
  'middleware-write-passthrough-only':
    'nothing to fail: a permission (MAY); its prohibition, write() for yielded data, is checked by middleware-no-write-for-yielded',
  'middleware-transparent':
    'not testable automatically: whether servers or applications needed "special support" is a design property; what shows of it is judged by the server-side and application-side rules of a middleware run',
  'middleware-environ-functions':
    'not testable automatically: telling parsed data "stuffed" into environ from a legitimate extension key needs intent (docs/interpretations.md)',
  'errors-text-mode':
    "untestable from the application's side: line-ending conversion happens in the server's log output, which is the server's business; accepting str is checked by errors-stream",
};

/**
 * Rules whose server half is a permission and whose application half is the application's
 * own choice (PEP 3333, Other HTTP Features): no behaviour of either side can be a failure.
 */
const NOTHING_TO_FAIL: Readonly<Record<string, string>> = {
  'http11-cache-validation-may':
    'nothing to fail: the server MAY answer conditional requests, and the application validates only if it wants to support them',
  'http11-content-encoding':
    'nothing to fail: the server MAY re-encode, and which content-coding the application uses is its own choice',
  'http11-byte-ranges-may':
    'nothing to fail: the server MAY serve byte ranges, and the application serves them only if it wants to',
};

function gapReason(rule: Rule): string {
  const fixed = UNTESTABLE[rule.id] ?? NOTHING_TO_FAIL[rule.id] ?? UNTESTED_MUST[rule.id];
  if (fixed) return fixed;
  if (rule.observe.every((o) => o === 'manual')) return 'not testable automatically (documentation or intent)';
  if (rule.level === 'MAY') return 'a permission (MAY): nothing to fail';
  if (rule.binds.includes('middleware') && !rule.binds.includes('application'))
    return 'middleware rule: middleware certification is not implemented yet';
  if (rule.observe.every((o) => o === 'wire' || o === 'manual'))
    return 'visible only in the raw HTTP exchange, and no wire case checks it yet';
  if (!rule.observe.includes('app')) return 'server-side rule without a case yet (planned)';
  return 'not checked in-process yet';
}
