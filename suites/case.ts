/**
 * A case is data: which rules it checks, the fact it states, which calls it reads, and
 * a check that returns breaches (from Zod schemas carrying rule ids). `null` means the
 * calls did not exercise what the case is about, so it cannot pass or fail there.
 */
import type { CallTrace } from '../harness/trace.js';
import type { Breach } from '../spec/schemas/issue.js';

export interface AppCase {
  readonly id: string;
  readonly rules: readonly string[];
  /** A fact about conforming applications, e.g. "Every body item is bytes". */
  readonly description: string;
  /** Scenario names the case reads (default: every scenario). */
  readonly scenarios?: readonly string[];
  /** Breaches for one call; null when the call did not exercise the rule. */
  readonly check?: (call: CallTrace) => Breach[] | null;
  /** For cases that compare calls (repeatability): gets every call by scenario name. */
  readonly across?: (calls: ReadonlyMap<string, CallTrace>) => Breach[] | null;
}

export function defineCases(cases: readonly AppCase[]): readonly AppCase[] {
  return cases;
}
