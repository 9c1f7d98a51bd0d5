import { describe, expect, it } from 'vitest';
import { chunkedBody, requestBytes, showBytes } from './bytes.js';
import { parseResponses, type WireRequestMeta } from './parse.js';

const GET: WireRequestMeta = { method: 'GET', protocol: 'HTTP/1.1' };
const HEAD: WireRequestMeta = { method: 'HEAD', protocol: 'HTTP/1.1' };
const GET10: WireRequestMeta = { method: 'GET', protocol: 'HTTP/1.0' };
const b = (s: string) => Buffer.from(s, 'latin1');
const codes = (raw: string, reqs = [GET], closed = true) =>
  parseResponses(b(raw), reqs, closed).problems.map((p) => p.code);

describe('parseResponses', () => {
  it('reads a Content-Length response exactly', () => {
    const p = parseResponses(b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nDate: x\r\n\r\nhello'), [GET], false);
    expect(p.problems).toEqual([]);
    expect(p.finals).toBe(1);
    expect(p.responses[0]).toMatchObject({ status: 200, reason: 'OK', framing: 'content-length', complete: true });
    expect(p.responses[0]?.body.toString()).toBe('hello');
  });

  it('decodes chunked bodies with extensions and trailers', () => {
    const raw = Buffer.concat([
      b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'),
      chunkedBody(['ab', 'cde'], { extensions: [';x=1', ';y="q"'], trailers: [['X-T', 'v']] }),
    ]);
    const p = parseResponses(raw, [GET], false);
    expect(p.problems).toEqual([]);
    expect(p.responses[0]).toMatchObject({
      framing: 'chunked',
      chunkSizes: [2, 3],
      complete: true,
      trailers: [['X-T', 'v']],
    });
    expect(p.responses[0]?.body.toString()).toBe('abcde');
  });

  it('waits for more bytes instead of guessing', () => {
    expect(parseResponses(b('HTTP/1.1 200 OK\r\nContent-Le'), [GET], false).responses).toEqual([]);
    const p = parseResponses(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel'), [GET], false);
    expect(p.responses[0]?.complete).toBe(false);
    expect(p.problems).toEqual([]);
  });

  it('matches pipelined responses to requests, interim ones included', () => {
    const raw =
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 204 No Content\r\n\r\n';
    const p = parseResponses(b(raw), [GET, GET], false);
    expect(p.responses.map((r) => [r.request, r.status, r.interim])).toEqual([
      [0, 100, true],
      [0, 200, false],
      [1, 204, false],
    ]);
    expect(p.finals).toBe(2);
  });

  it('gives HEAD, 204 and 304 responses no body, so a body shows as stray bytes', () => {
    const p = parseResponses(
      b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
      [HEAD, GET],
      false,
    );
    expect(p.problems.map((x) => x.code)).toEqual(['stray-bytes']);
    expect(p.finals).toBe(2);
    const alone = parseResponses(b('HTTP/1.1 304 Not Modified\r\n\r\n0\r\n\r\n'), [GET], true);
    expect(alone.extra.toString()).toBe('0\r\n\r\n');
  });

  it('reads a close-delimited body up to the close', () => {
    expect(parseResponses(b('HTTP/1.0 200 OK\r\n\r\nabc'), [GET10], false).responses[0]?.complete).toBe(false);
    const p = parseResponses(b('HTTP/1.0 200 OK\r\n\r\nabc'), [GET10], true);
    expect(p.responses[0]).toMatchObject({ framing: 'close', complete: true });
  });

  it('flags status lines, line endings, field syntax and folding', () => {
    expect(codes('HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n')).toEqual(['status-line']);
    expect(codes('HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n')).toEqual(['status-line']);
    expect(codes('HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n')).toEqual(['line-ending']);
    expect(codes('HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n')).toEqual(['line-ending']);
    expect(codes('HTTP/1.1 200 OK\r\nX-A : a\r\nContent-Length: 0\r\n\r\n')).toEqual(['field-syntax']);
    expect(codes('HTTP/1.1 200 OK\r\nX-A: a\x01\r\nContent-Length: 0\r\n\r\n')).toEqual(['field-syntax']);
    expect(codes('HTTP/1.1 200 OK\r\n X-A: a\r\nContent-Length: 0\r\n\r\n')).toEqual(['field-syntax']);
    expect(codes('HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 0\r\n\r\n')).toEqual(['obs-fold']);
  });

  it('flags framing header conflicts', () => {
    expect(codes('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na')).toEqual(['content-length']);
    expect(codes('HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\na')).toEqual(['content-length']);
    expect(codes('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n')).toEqual([
      'cl-with-te',
    ]);
    expect(codes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', [GET10])).toEqual(['te-http10']);
    expect(codes('HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n')).toEqual(['cl-1xx-204']);
    expect(codes('HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n')).toEqual(['te-1xx-204']);
    expect(codes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\n', [GET10])).toEqual(['1xx-http10']);
  });

  it('flags broken chunked framing', () => {
    const chunked = (body: string) => codes(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${body}`);
    expect(chunked('5\r\nhello\r\n0\r\n\r\n')).toEqual([]);
    expect(chunked('3\r\nhello\r\n0\r\n\r\n')).toEqual(['chunked']); // size too small
    expect(
      parseResponses(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nhello\r\n0\r\n\r\n'), [GET], true)
        .responses[0]?.complete,
    ).toBe(false);
    expect(chunked('5\r\nhelloX\r\n0\r\n\r\n')).toEqual(['chunked']);
    expect(chunked('5\nhello\r\n0\r\n\r\n')).toEqual(['chunked']);
    expect(chunked('5\r\nhello\r\n0\r\nbad trailer\r\n\r\n')).toEqual(['chunked']);
    expect(chunked('x\r\n')).toEqual(['chunked']);
  });

  it('keeps bytes nobody asked for apart', () => {
    const p = parseResponses(b('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabEXTRA'), [GET], true);
    expect(p.extra.toString()).toBe('EXTRA');
    expect(p.problems).toEqual([]);
  });
});

describe('bytes', () => {
  it('writes requests exactly as given', () => {
    expect(
      requestBytes({
        method: 'POST',
        target: '/x',
        headers: [
          ['Host', 'h'],
          ['X_A', ' b'],
        ],
        body: 'hi',
      }).toString(),
    ).toBe('POST /x HTTP/1.1\r\nHost: h\r\nX_A:  b\r\n\r\nhi');
  });
  it('shows bare CR, bare LF and binary bytes', () => {
    expect(showBytes(b('HTTP/1.1 200 OK\r\nA: 1\nB\r\n\r\n\x00\xff'), '< ')).toBe(
      '< HTTP/1.1 200 OK\n< A: 1\\x0aB\n< \n< \\x00\\xff',
    );
  });
});
