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

  it.each([
    ['None', { t: 'NoneType' }, ['headers-list-type']],
    ['a 1-tuple', list({ t: 'tuple', n: 1, items: [str('A')] }), ['headers-tuple-items']],
    ['a bytes name that is no token', list(pair({ t: 'bytes', v: 'X Y', n: 3 }, str('b'))), ['headers-str-types']],
    ['a bytes value with LF', list(pair(str('X-Note'), { t: 'bytes', v: 'a\nb', n: 3 })), ['headers-str-types']],
    ['a str value whose text did not come', list(pair(str('X-Note'), { t: 'str', n: 3 })), ['headers-str-types']],
  ])('judges %s by its type alone', (_, tv, rules) => {
    expect(rulesFor(tv as TypedValue)).toEqual(rules);
  });
});

/** A finding says what was wrong with which header, and what is expected instead. */
describe('HeadersSchema findings', () => {
  it.each([
    [{ t: 'NoneType' }, 'headers-list-type', 'response_headers is None', 'exactly a list (type(headers) is list)'],
    [{ t: 'dict', n: 0 }, 'headers-list-type', 'response_headers is a dict', 'exactly a list (type(headers) is list)'],
    [
      list(str('A')),
      'headers-tuple-items',
      "header 0 is str 'A', not a 2-tuple",
      "a tuple (name, value) such as ('Content-Type', 'text/plain')",
    ],
    [
      list(pair(str('A'), { t: 'int', r: '5' })),
      'headers-str-types',
      'header 0 value is int 5',
      'native str names and values',
    ],
    [
      list(pair(str('X-Price'), str('5 €'))),
      'headers-latin1',
      "header 0 value '5 €' has characters outside ISO-8859-1 (U+20AC)",
      'only ISO-8859-1 characters (encode others, e.g. RFC 8187/2047)',
    ],
    [
      list(pair(str('A'), str('b')), pair({ t: 'int', r: '1' }, str('a\nb'))),
      'headers-value-no-ctl',
      "header 1 (?) value 'a\\nb' contains control characters (U+000A)",
      'no control characters, no CR or LF anywhere in the value',
    ],
    [
      list(pair(str('X Y'), str('b'))),
      'headers-name-token',
      'header 0 name "X Y" is not an HTTP token',
      'a field name of token characters, without colon or spaces',
    ],
    [
      list(pair(str('Keep-Alive'), str('b'))),
      'headers-no-hop-by-hop',
      'header 0 is the hop-by-hop header Keep-Alive',
      'no hop-by-hop headers (Connection, Keep-Alive, Transfer-Encoding, ...): the server owns the connection',
    ],
  ])('%j: %s', (tv, rule, message, expected) => {
    expect(breachesOf(HeadersSchema, tv).filter((b) => b.rule === rule)).toEqual([{ rule, message, expected }]);
  });

  it('names an application that sets Transfer-Encoding itself', () => {
    expect(
      breachesOf(HeadersSchema, list(pair(str('Transfer-Encoding'), str('chunked')))).find(
        (b) => b.rule === 'body-app-no-transfer-encoding',
      ),
    ).toEqual({
      rule: 'body-app-no-transfer-encoding',
      message: 'the application sets Transfer-Encoding itself',
      expected: 'no Transfer-Encoding from the application: the server chooses the framing',
    });
  });
});
