import { describe, expect, it } from 'vitest';
import type { TypedValue } from '../typed-value.js';
import { HeadersSchema } from './headers.js';
import { breachesOf } from './issue.js';

const str = (v: string): TypedValue => ({ t: 'str', v, n: v.length });
const pair = (a: TypedValue, b: TypedValue, t = 'tuple'): TypedValue => ({ t, n: 2, items: [a, b] });
const list = (...items: TypedValue[]): TypedValue => ({ t: 'list', n: items.length, items });
const rulesFor = (tv: TypedValue) => [...new Set(breachesOf(HeadersSchema, tv).map((f) => f.rule))];

describe('HeadersSchema', () => {
  it('accepts a list of str 2-tuples, HTAB in a value, latin-1 text and repeated names', () => {
    expect(
      rulesFor(
        list(
          pair(str('Content-Type'), str('text/plain')),
          pair(str('X-Tab'), str('a\tb')),
          pair(str('X-Latin'), str('café')),
          pair(str('Set-Cookie'), str('a=1')),
          pair(str('Set-Cookie'), str('b=2')),
        ),
      ),
    ).toEqual([]);
  });
  it.each([
    ['a tuple of tuples', { t: 'tuple', n: 1, items: [pair(str('A'), str('b'))] }, ['headers-list-type']],
    ['a list of lists', list(pair(str('A'), str('b'), 'list')), ['headers-tuple-items']],
    ['a 3-tuple', list({ t: 'tuple', n: 3, items: [str('A'), str('b'), str('c')] }), ['headers-tuple-items']],
    ['a bytes value', list(pair(str('A'), { t: 'bytes', v: 'b', n: 1 })), ['headers-str-types']],
    ['an int value', list(pair(str('Content-Length'), { t: 'int', r: '5' })), ['headers-str-types']],
    ['a name with a colon', list(pair(str('X-Thing:'), str('b'))), ['headers-name-token']],
    ['a name with a space', list(pair(str('Content Type'), str('b'))), ['headers-name-token']],
    ['a value with LF', list(pair(str('X-Note'), str('a\nb'))), ['headers-value-no-ctl']],
    ['a value with a NUL', list(pair(str('X-Note'), str('a\u0000b'))), ['headers-value-no-ctl']],
    ['a value with €', list(pair(str('X-Price'), str('5 €'))), ['headers-latin1']],
    ['Connection', list(pair(str('Connection'), str('close'))), ['headers-no-hop-by-hop']],
    ['lower-case keep-alive', list(pair(str('keep-alive'), str('timeout=5'))), ['headers-no-hop-by-hop']],
    [
      'Transfer-Encoding',
      list(pair(str('Transfer-Encoding'), str('chunked'))),
      ['headers-no-hop-by-hop', 'body-app-no-transfer-encoding'],
    ],
  ])('flags %s', (_, tv, rules) => {
    expect(rulesFor(tv as TypedValue)).toEqual(rules);
  });
});
