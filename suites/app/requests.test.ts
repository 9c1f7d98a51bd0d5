/** The .http format, request lines, headers and same-application links. */
import { describe, expect, it } from 'vitest';
import {
  normalizeTarget,
  parseHttpFile,
  parseRequestLine,
  RequestSyntaxError,
  routeScenario,
  sameAppLink,
} from './requests.js';

describe('.http files', () => {
  it('reads method, URL, headers and body; ### separates requests; comments are skipped', () => {
    const text = [
      '# the items API',
      'GET http://localhost:8000/api/items?page=2 HTTP/1.1',
      'Accept: application/json',
      '',
      '###',
      '// create one',
      'POST /api/items',
      'Content-Type: application/json',
      'X-Trace: a:b',
      '',
      '{"name": "café"}',
      '',
      '### a named separator',
      'DELETE /api/items/1',
      '',
    ].join('\r\n');
    expect(parseHttpFile(text, 'api.http')).toEqual([
      { method: 'GET', target: '/api/items?page=2', headers: [['Accept', 'application/json']] },
      {
        method: 'POST',
        target: '/api/items',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Trace', 'a:b'],
        ],
        body: '{"name": "café"}',
      },
      { method: 'DELETE', target: '/api/items/1', headers: [] },
    ]);
  });

  it('names the file and line of a malformed request', () => {
    expect(() => parseHttpFile('GET /\n###\n\nGET / HTTP/1.1 junk\n', 'x.http')).toThrow(
      /x\.http:4: expected "METHOD PATH"/,
    );
    expect(() => parseHttpFile('GET /\nbad header\n', 'x.http')).toThrow(RequestSyntaxError);
  });
});

describe('request targets', () => {
  it('percent-encodes as a client would, and keeps an encoded path as given', () => {
    expect(normalizeTarget('/café')).toBe('/caf%C3%A9');
    expect(normalizeTarget('/files/caf%C3%A9.txt?x=1')).toBe('/files/caf%C3%A9.txt?x=1');
    expect(normalizeTarget('/a%2Fb')).toBe('/a%2Fb');
    expect(parseRequestLine('/x')).toEqual({ method: 'GET', target: '/x' });
    expect(parseRequestLine('post /x')).toEqual({ method: 'POST', target: '/x' });
    expect(() => normalizeTarget('ftp://x/y')).toThrow(/not an http URL/);
  });

  it('becomes a scenario with a Host header, the query apart, and a UTF-8 body as latin-1 text', () => {
    const spec = routeScenario(
      { method: 'POST', target: '/p?q=1', headers: [['X-A', 'b']], body: 'é' },
      'POST /p?q=1',
      true,
    );
    expect(spec).toEqual({
      name: 'POST /p?q=1',
      method: 'POST',
      path: '/p',
      query: 'q=1',
      headers: [
        ['Host', 'localhost'],
        ['X-A', 'b'],
      ],
      body: '\u00c3\u00a9',
      links: true,
    });
  });
});

describe('same-application links', () => {
  it.each([
    ['/about', '/', '/about'],
    ['items', '/shop/', '/shop/items'],
    ['../up', '/a/b/c', '/a/up'],
    ['?page=2', '/list', '/list?page=2'],
    ['http://localhost/x#frag', '/', '/x'],
    ['https://example.org/', '/', undefined],
    ['//cdn.example.org/x.js', '/', undefined],
    ['mailto:a@b.c', '/', undefined],
    ['javascript:void(0)', '/', undefined],
    ['#top', '/', undefined],
  ])('%s from %s', (link, from, expected) => {
    expect(sameAppLink(link, from)).toBe(expected);
  });
});
