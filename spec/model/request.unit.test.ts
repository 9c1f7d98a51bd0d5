/** The request model (spec/model/request.ts) as tables: how RFC 9112 frames the bytes a client sent. */
import { describe, expect, it } from 'vitest';
import { fieldValues, fromByteString, parseRequests, percentDecode, splitTarget, toByteString } from './request.js';

const CRLF = '\r\n';
const head = (...lines: string[]) => `${lines.join(CRLF)}${CRLF}${CRLF}`;

describe('parseRequests()', () => {
  it('frames a request without a body, by Content-Length and chunked, one after another', () => {
    const raw =
      head('GET /a?x=1 HTTP/1.1', 'Host: h', 'X-Pad:  \tv \t') +
      head('POST /b HTTP/1.0', 'Content-Length: 3', 'content-length: 3') +
      'abc' +
      head('PUT /c HTTP/1.1', 'Transfer-Encoding: gzip, Chunked') +
      `3;ext=1${CRLF}ab\n${CRLF}2 ${CRLF}cd${CRLF}0${CRLF}X-T: t${CRLF}${CRLF}` +
      'rest';
    const parsed = parseRequests(raw);
    expect(parsed).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^request 4: no end of the header section/),
    });
    const complete = parseRequests(raw.slice(0, -4));
    expect(complete).toEqual({
      ok: true,
      rest: '',
      requests: [
        {
          method: 'GET',
          target: '/a?x=1',
          protocol: 'HTTP/1.1',
          fields: [
            { name: 'Host', value: 'h' },
            { name: 'X-Pad', value: 'v' },
          ],
          body: '',
          framing: 'none',
          trailers: [],
        },
        {
          method: 'POST',
          target: '/b',
          protocol: 'HTTP/1.0',
          fields: [
            { name: 'Content-Length', value: '3' },
            { name: 'content-length', value: '3' },
          ],
          body: 'abc',
          framing: 'content-length',
          trailers: [],
        },
        {
          method: 'PUT',
          target: '/c',
          protocol: 'HTTP/1.1',
          fields: [{ name: 'Transfer-Encoding', value: 'gzip, Chunked' }],
          body: 'ab\ncd',
          framing: 'chunked',
          trailers: [{ name: 'X-T', value: 't' }],
        },
      ],
    });
  });

  it('reads a chunked body without trailers, and keeps what follows', () => {
    expect(
      parseRequests(`${head('POST / HTTP/1.1', 'Transfer-Encoding: chunked')}1${CRLF}a${CRLF}0${CRLF}${CRLF}`),
    ).toMatchObject({
      ok: true,
      rest: '',
      requests: [{ body: 'a', framing: 'chunked', trailers: [] }],
    });
  });

  it.each([
    ['GET / HTTP/1.1', 'request 1: no end of the header section (CRLF CRLF)'],
    [head('GET  / HTTP/1.1'), 'request 1: bad request line "GET  / HTTP/1.1"'],
    [head('GET / HTTP/11'), 'request 1: bad request line "GET / HTTP/11"'],
    [head('G(T / HTTP/1.1'), 'request 1: method "G(T" is not a token'],
    [head('GET / HTTP/1.1', 'Bad Name: x'), 'request 1: bad field line "Bad Name: x"'],
    [head('GET / HTTP/1.1', ': x'), 'request 1: bad field line ": x"'],
    [head('GET / HTTP/1.1', 'no colon'), 'request 1: bad field line "no colon"'],
    [head('GET / HTTP/1.1', 'X: a\u0001b'), 'request 1: control character in the value of X'],
    [head('GET / HTTP/1.1', 'X: a\u007f'), 'request 1: control character in the value of X'],
    [
      head('GET / HTTP/1.1', 'Transfer-Encoding: chunked, gzip'),
      'request 1: a transfer coding other than a final chunked, or with Content-Length',
    ],
    [
      head('GET / HTTP/1.1', 'Transfer-Encoding: chunked', 'Content-Length: 1'),
      'request 1: a transfer coding other than a final chunked, or with Content-Length',
    ],
    [head('GET / HTTP/1.1', 'Content-Length: 1', 'Content-Length: 2'), 'request 1: Content-Length 1, 2'],
    [head('GET / HTTP/1.1', 'Content-Length: +1'), 'request 1: Content-Length +1'],
    [`${head('GET / HTTP/1.1', 'Content-Length: 4')}ab`, 'request 1: Content-Length 4 but 2 body bytes'],
    [`${head('GET / HTTP/1.1', 'Transfer-Encoding: chunked')}1`, 'request 1: chunk size line without CRLF'],
    [`${head('GET / HTTP/1.1', 'Transfer-Encoding: chunked')}x${CRLF}`, 'request 1: bad chunk size line "x"'],
    [
      `${head('GET / HTTP/1.1', 'Transfer-Encoding: chunked')}1${CRLF}ab${CRLF}`,
      'request 1: chunk data not followed by CRLF',
    ],
    [
      `${head('GET / HTTP/1.1', 'Transfer-Encoding: chunked')}0${CRLF}X: y${CRLF}`,
      'request 1: no end of the trailer section',
    ],
    [
      `${head('GET / HTTP/1.1', 'Transfer-Encoding: chunked')}0${CRLF}bad${CRLF}${CRLF}`,
      'request 1: bad field line "bad"',
    ],
    [`${head('GET / HTTP/1.1')}${head('GET /2 HTTP/1.1', 'X')}`, 'request 2: bad field line "X"'],
    // RFC 9112 §3: exactly method SP request-target SP HTTP-version, nothing before or after.
    [head(''), 'request 1: bad request line ""'],
    [head('X GET / HTTP/1.1'), 'request 1: bad request line "X GET / HTTP/1.1"'],
    [head('GET / HTTP/1.1 x'), 'request 1: bad request line "GET / HTTP/1.1 x"'],
    // RFC 9110 §8.6: Content-Length = 1*DIGIT, nothing around the digits.
    [head('GET / HTTP/1.1', 'Content-Length: x1'), 'request 1: Content-Length x1'],
    [head('GET / HTTP/1.1', 'Content-Length: 1x'), 'request 1: Content-Length 1x'],
    // RFC 9112 §7.1: chunk-size = 1*HEXDIG, then only extensions.
    [`${head('GET / HTTP/1.1', 'Transfer-Encoding: chunked')}x1${CRLF}`, 'request 1: bad chunk size line "x1"'],
    [`${head('GET / HTTP/1.1', 'Transfer-Encoding: chunked')}1x${CRLF}`, 'request 1: bad chunk size line "1x"'],
  ])('refuses %j', (raw, reason) => {
    expect(parseRequests(raw)).toEqual({ ok: false, reason });
  });

  it('reads a body of exactly Content-Length bytes, chunk sizes of several hex digits, empty list elements', () => {
    expect(parseRequests(`${head('POST / HTTP/1.1', 'Content-Length: 2')}ab`)).toMatchObject({
      ok: true,
      requests: [{ body: 'ab', framing: 'content-length' }],
    });
    expect(parseRequests(`${head('POST / HTTP/1.1', 'Content-Length: 10')}0123456789`)).toMatchObject({
      ok: true,
      requests: [{ body: '0123456789', framing: 'content-length' }],
    });
    const sixteen = 'x'.repeat(16);
    expect(
      parseRequests(
        `${head('POST / HTTP/1.1', 'Transfer-Encoding: chunked')}10${CRLF}${sixteen}${CRLF}0${CRLF}${CRLF}`,
      ),
    ).toMatchObject({ ok: true, requests: [{ body: sixteen, framing: 'chunked' }] });
    // RFC 9110 §5.6.1: empty list elements do not count; an empty Transfer-Encoding names no coding.
    expect(
      parseRequests(`${head('POST / HTTP/1.1', 'Transfer-Encoding: chunked, ')}1${CRLF}a${CRLF}0${CRLF}${CRLF}`),
    ).toMatchObject({ ok: true, requests: [{ body: 'a', framing: 'chunked' }] });
    expect(parseRequests(head('GET / HTTP/1.1', 'Transfer-Encoding:'))).toMatchObject({
      ok: true,
      requests: [{ framing: 'none' }],
    });
  });

  it('takes nothing as no request', () => {
    expect(parseRequests('')).toEqual({ ok: true, requests: [], rest: '' });
  });
});

describe('byte strings, targets and fields', () => {
  it('turns bytes into one char per byte and back, past 8192 bytes too', () => {
    const bytes = Uint8Array.from({ length: 9000 }, (_, i) => i % 256);
    const s = toByteString(bytes);
    expect(s).toHaveLength(9000);
    expect(s.charCodeAt(8999)).toBe(8999 % 256);
    expect(fromByteString(s)).toEqual(bytes);
    expect(fromByteString('\u0141')).toEqual(Uint8Array.of(0x41));
  });

  it.each([
    ['/a/b?x=1?y', { path: '/a/b', query: 'x=1?y' }],
    ['/a?', { path: '/a', query: '' }],
    ['/a', { path: '/a', query: undefined }],
    ['?x', { path: '', query: 'x' }],
  ])('splits %j', (target, split) => {
    expect(splitTarget(target)).toEqual(split);
  });

  it('percent-decodes two hex digits only', () => {
    expect(percentDecode('/a%20b%2Fc%e9%zz%4')).toBe('/a b/c\xe9%zz%4');
  });

  it('finds field values by name, any case, in order', () => {
    const fields = [
      { name: 'X-A', value: '1' },
      { name: 'x-b', value: '2' },
      { name: 'x-a', value: '3' },
    ];
    expect(fieldValues(fields, 'x-A')).toEqual(['1', '3']);
    expect(fieldValues(fields, 'y')).toEqual([]);
  });
});
