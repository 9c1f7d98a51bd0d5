/** PEP 3333, A Note On String Types and Unicode Issues: native strings vs bytes, latin-1 only. */
import type { CallTrace } from '../../harness/trace.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { charNames, describe, nonLatin1, type TypedValue } from '../../spec/schemas/values.js';
import { defineCases } from '../case.js';

/** Every native string the application handed to the gateway: status, header names and values. */
function nativeStrings(call: CallTrace): Array<[string, TypedValue]> {
  return call.startResponses.flatMap((sr) => {
    const out: Array<[string, TypedValue]> = [];
    if (sr.args[0]) out.push(['status', sr.args[0]]);
    for (const [i, h] of (sr.args[1]?.items ?? []).entries()) {
      for (const [j, part] of (h.items ?? []).slice(0, 2).entries())
        out.push([`header ${i} ${j ? 'value' : 'name'}`, part]);
    }
    return out;
  });
}

export const unicodeCases = defineCases([
  {
    id: 'unicode-str-metadata-bytes-body',
    rules: ['unicode-native-vs-bytes'],
    description: 'Status and headers are native str; body data is bytes.',
    check: (call) => {
      const strs = nativeStrings(call);
      const body = [...call.of('item').map((i) => i.value), ...call.of('write').map((w) => w.data)];
      if (!strs.length && !body.length) return null;
      const breaches: Breach[] = [];
      const badStr = strs.find(([, v]) => v.t !== 'str');
      if (badStr)
        breaches.push({
          rule: 'unicode-native-vs-bytes',
          message: `${badStr[0]} is ${describe(badStr[1])}`,
          expected: 'native str for status and headers',
        });
      const badBody = body.find((v) => v.t !== 'bytes');
      if (badBody)
        breaches.push({
          rule: 'unicode-native-vs-bytes',
          message: `body data is ${describe(badBody)}`,
          expected: 'bytes for body data',
        });
      return breaches;
    },
  },
  {
    id: 'unicode-latin1-only',
    rules: ['unicode-latin1-translatable', 'unicode-app-non-latin1-fatal'],
    description: 'Every native string the application supplies holds only code points U+0000 to U+00FF.',
    check: (call) => {
      const strs = nativeStrings(call).filter(([, v]) => v.t === 'str');
      if (!strs.length) return null;
      const wide = strs.find(([, v]) => nonLatin1(v.v ?? '').length);
      if (!wide) return [];
      const names = charNames(nonLatin1(wide[1].v ?? ''));
      const message = `${wide[0]} ${describe(wide[1])} has code points above U+00FF (${names})`;
      return ['unicode-latin1-translatable', 'unicode-app-non-latin1-fatal'].map((rule) => ({
        rule,
        message,
        expected: 'latin-1 only; encode other text (RFC 2047 / RFC 8187) or put it in the body',
      }));
    },
  },
]);
