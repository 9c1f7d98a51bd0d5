/**
 * The PEP states some requirements twice: once where the value is defined and once in
 * "A Note On String Types" / "Unicode Issues". Breaking the specific rule breaks the general
 * ones (its record's `implies`) too; expectations name the specific rule only.
 */
import { rules } from './catalog/index.js';

/** Rule id -> the rules its breach implies, read from the rule records. */
export const IMPLIED: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  rules.filter((r) => r.implies?.length).map((r) => [r.id, r.implies ?? []]),
);

/** Rules that only ever break through another rule's breach. */
export const impliedOnly = (): Set<string> => new Set(Object.values(IMPLIED).flat());

/** The declared rules plus every rule they imply. */
export function withImplied(declared: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const rule of declared) {
    out.add(rule);
    for (const implied of IMPLIED[rule] ?? []) out.add(implied);
  }
  return out;
}
