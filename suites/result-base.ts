/** The fields every result of a (case, rule) pair shares, and the outcomes built on them. */
import type { Result } from '../reports/result.js';
import { requireRule } from '../spec/catalog/index.js';
import { ruleUrl } from '../spec/rule.js';
import type { Breach } from '../spec/schemas/issue.js';

type Base = Omit<Result, 'outcome' | 'message' | 'scenarios' | 'evidence' | 'expected' | 'actual' | 'reason' | 'code'>;

export function resultBase(caseId: string, description: string, ruleId: string, rerun: string): Base {
  const rule = requireRule(ruleId);
  return {
    case: caseId,
    rule: ruleId,
    level: rule.level,
    description,
    section: rule.section,
    url: ruleUrl(rule),
    quote: rule.quote,
    hint: rule.hint,
    rerun,
  };
}

export function failed(base: Base, first: Breach, scenarios: string[], evidence: string[]): Result {
  return {
    ...base,
    outcome: 'fail',
    expected: first.expected ?? requireRule(base.rule).summary,
    actual: first.message,
    message: first.message,
    scenarios,
    evidence,
  };
}

export function errored(
  base: Base,
  code: string,
  message: string,
  scenarios: string[] = [],
  evidence: string[] = [],
): Result {
  return { ...base, outcome: 'error', code, message: `could not test: ${message}`, scenarios, evidence };
}

export function passed(base: Base): Result {
  return { ...base, outcome: 'pass', message: base.description, scenarios: [], evidence: [] };
}

export function skipped(base: Base, reason: string): Result {
  return { ...base, outcome: 'skip', reason, message: `not exercised: ${reason}`, scenarios: [], evidence: [] };
}
