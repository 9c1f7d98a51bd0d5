/** The response model (spec/model/response.ts) as tables: the body that must arrive, and each departure's rule. */
import { describe, expect, it } from 'vitest';
import { type AppResponse, bodyOf, checkResponse, type WireAnswer } from './response.js';

const app = (more: Partial<AppResponse> = {}): AppResponse => ({
  status: '200 OK',
  headers: [['X-A', 'a']],
  writes: ['w'],
  items: ['i1', '', 'i2'],
  ...more,
});
const wire = (more: Partial<WireAnswer> = {}): WireAnswer => ({
  status: 200,
  reason: 'OK',
  headers: [
    ['X-A', 'a'],
    ['Date', 'x'],
  ],
  body: 'wi1i2',
  ...more,
});

describe('bodyOf()', () => {
  it.each([
    ['GET', '200 OK', 'wi1i2'],
    ['HEAD', '200 OK', ''],
    ['GET', '204 No Content', ''],
    ['GET', '304 Not Modified', ''],
    ['GET', '100 Continue', ''],
    ['GET', '199 Odd', ''],
    ['GET', '200 OK', 'wi1i2'],
    ['GET', '205 Reset', 'wi1i2'],
    ['POST', '404 Not Found', 'wi1i2'],
    // Only 1xx (RFC 9110 §15.2), 204 and 304 have no content: a code below 100 is none of them.
    ['GET', '099 Odd', 'wi1i2'],
  ])('%s %s', (method, status, body) => {
    expect(bodyOf(app({ status }), method)).toBe(body);
  });
});

describe('checkResponse()', () => {
  it('passes the same answer, with the server owning framing, Date and Server', () => {
    expect(
      checkResponse(
        app({
          headers: [
            ['X-A', 'a'],
            ['Content-Length', '9'],
            ['Connection', 'x'],
            ['Server', 'me'],
          ],
        }),
        'GET',
        wire({
          headers: [
            ['x-a', 'a'],
            ['Content-Length', '5'],
            ['Server', 'other'],
          ],
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'another status: nothing else compared',
      app(),
      wire({ status: 500, reason: 'Oops', headers: [], body: '' }),
      [{ rule: 'status-preserved', expected: 'status 200 OK', actual: '500 Oops' }],
    ],
    [
      'a 5xx for latin-1 headers',
      app({ headers: [['X-A', 'caf\xe9']] }),
      wire({ status: 500, reason: 'Error' }),
      [
        {
          rule: 'unicode-latin1-translatable',
          expected: 'status 200 OK',
          actual: "500 Error (the application's headers hold latin-1 text above U+007F)",
        },
      ],
    ],
    [
      'a 5xx for a latin-1 reason',
      app({ status: '200 Caf\xe9' }),
      wire({ status: 502, reason: 'Bad' }),
      [
        {
          rule: 'unicode-latin1-translatable',
          expected: 'status 200 Caf\xe9',
          actual: "502 Bad (the application's headers hold latin-1 text above U+007F)",
        },
      ],
    ],
    [
      'a 5xx when one header of several holds latin-1 text',
      app({
        headers: [
          ['X-A', 'a'],
          ['X-B', 'caf\xe9'],
        ],
      }),
      wire({ status: 500, reason: 'Error' }),
      [
        {
          rule: 'unicode-latin1-translatable',
          expected: 'status 200 OK',
          actual: "500 Error (the application's headers hold latin-1 text above U+007F)",
        },
      ],
    ],
    [
      'two header values sent as one, without a separator',
      app({
        headers: [
          ['X-A', 'a'],
          ['X-A', 'b'],
        ],
      }),
      wire({ headers: [['X-A', 'ab']] }),
      [{ rule: 'headers-preserved', key: 'x-a', expected: 'x-a: "a", "b"', actual: '"ab"' }],
    ],
    [
      'one header value split in two',
      app({ headers: [['X-A', 'ab']] }),
      wire({
        headers: [
          ['X-A', 'a'],
          ['X-A', 'b'],
        ],
      }),
      [{ rule: 'headers-preserved', key: 'x-a', expected: 'x-a: "ab"', actual: '"a", "b"' }],
    ],
    [
      'a 4xx for latin-1 headers is not about latin-1',
      app({ headers: [['X-A', 'caf\xe9']] }),
      wire({ status: 400, reason: 'Bad' }),
      [{ rule: 'status-preserved', expected: 'status 200 OK', actual: '400 Bad' }],
    ],
    [
      'another reason phrase',
      app(),
      wire({ reason: 'Fine' }),
      [{ rule: 'status-preserved', expected: 'reason phrase "OK"', actual: '"Fine"' }],
    ],
    [
      'a reason phrase sent as UTF-8',
      app({ status: '200 Caf\xe9' }),
      wire({ reason: 'Caf\xc3\xa9' }),
      [
        {
          rule: 'unicode-latin1-translatable',
          expected: 'reason phrase "Caf\xe9"',
          actual: '"Caf\xc3\xa9" (UTF-8, not latin-1)',
        },
      ],
    ],
    [
      'a header dropped',
      app({
        headers: [
          ['X-A', 'a'],
          ['X-B', 'b'],
        ],
      }),
      wire(),
      [{ rule: 'headers-preserved', key: 'x-b', expected: 'x-b: "b"', actual: '(absent)' }],
    ],
    [
      'a repeated header joined',
      app({
        headers: [
          ['Set-Cookie', 'a'],
          ['Set-Cookie', 'b'],
        ],
      }),
      wire({ headers: [['Set-Cookie', 'a, b']] }),
      [{ rule: 'headers-preserved', key: 'set-cookie', expected: 'set-cookie: "a", "b"', actual: '"a, b"' }],
    ],
    [
      'a header value sent as UTF-8',
      app({ headers: [['X-A', 'caf\xe9']] }),
      wire({ headers: [['X-A', 'caf\xc3\xa9']] }),
      [
        {
          rule: 'unicode-latin1-translatable',
          key: 'x-a',
          expected: 'x-a: "caf\xe9"',
          actual: '"caf\xc3\xa9" (UTF-8, not latin-1)',
        },
      ],
    ],
    [
      'a body changed',
      app(),
      wire({ body: 'wi1' }),
      [{ rule: 'body-binary-safe', expected: '5 body bytes "wi1i2"', actual: '3 bytes "wi1"' }],
    ],
    [
      'a body for HEAD',
      app(),
      wire({ body: 'wi1i2' }),
      [{ rule: 'body-binary-safe', expected: '0 body bytes ""', actual: '5 bytes "wi1i2"' }],
    ],
  ] as Array<[string, AppResponse, WireAnswer, object[]]>)('%s', (name, a, w, violations) => {
    expect(checkResponse(a, name === 'a body for HEAD' ? 'HEAD' : 'GET', w)).toEqual(violations);
  });

  it('shows at most 80 bytes of a body', () => {
    const long = 'x'.repeat(100);
    const [v] = checkResponse(app({ writes: [long], items: [] }), 'GET', wire({ body: 'y'.repeat(90) }));
    expect(v).toEqual({
      rule: 'body-binary-safe',
      expected: `100 body bytes ${JSON.stringify('x'.repeat(80))}`,
      actual: `90 bytes ${JSON.stringify('y'.repeat(80))}`,
    });
  });
});
