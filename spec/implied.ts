/**
 * The PEP states some requirements twice: once where the value is defined and once in
 * "A Note On String Types" / "Unicode Issues". Breaking the specific rule (key) therefore
 * breaks the general ones (values) too; expectations name the specific rule only.
 */
export const IMPLIED: Readonly<Record<string, readonly string[]>> = {
  'status-native-str': ['unicode-native-vs-bytes'],
  'headers-str-types': ['unicode-native-vs-bytes'],
  'body-items-bytes': ['unicode-native-vs-bytes'],
  'write-arg-bytes': ['unicode-native-vs-bytes'],
  'status-latin1': ['unicode-latin1-translatable', 'unicode-app-non-latin1-fatal'],
  'headers-latin1': ['unicode-latin1-translatable', 'unicode-app-non-latin1-fatal'],
  'body-app-no-transfer-encoding': ['headers-no-hop-by-hop'],
};

/** The declared rules plus every rule they imply. */
export function withImplied(rules: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) {
    out.add(rule);
    for (const implied of IMPLIED[rule] ?? []) out.add(implied);
  }
  return out;
}
