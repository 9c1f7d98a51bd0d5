import { describe, expect, it } from 'vitest';
import {
  checkEnviron,
  environModel,
  pathInfoAnswers,
  removeDotSegments,
  type ObservedEnviron,
  type TypedValue,
} from './environ.js';
import { checkInput, expectedInput, type InputOp, type ObservedOp } from './input.js';
import { parseRequests, type ModelRequest } from './request.js';
import { checkResponse } from './response.js';

const one = (raw: string): ModelRequest => {
  const p = parseRequests(raw);
  if (!p.ok) throw new Error(p.reason);
  return p.requests[0] as ModelRequest;
};
const str = (v: string): TypedValue => ({ t: 'str', v });
const WSGI: Record<string, TypedValue> = {
  'wsgi.version': {
    t: 'tuple',
    items: [
      { t: 'int', r: '1' },
      { t: 'int', r: '0' },
    ],
  },
  'wsgi.url_scheme': str('http'),
  'wsgi.input': { t: 'x.Input', r: '<input>' },
  'wsgi.errors': { t: 'x.Errors', r: '<errors>' },
  'wsgi.multithread': { t: 'bool', r: 'True' },
  'wsgi.multiprocess': { t: 'bool', r: 'False' },
  'wsgi.run_once': { t: 'bool', r: 'False' },
};
/** The environ a conforming server builds for `req` (first accepted answer of each key). */
function conforming(req: ModelRequest): ObservedEnviron {
  const keys: Record<string, TypedValue> = { ...WSGI, SERVER_NAME: str('localhost'), SERVER_PORT: str('80') };
  for (const e of environModel(req).expect) {
    const v = e.accept[0];
    if (v !== null && v !== undefined) keys[e.key] = str(v);
  }
  return { keys };
}
const rules = (req: ModelRequest, change: (k: Record<string, TypedValue>) => void) => {
  const o = conforming(req);
  change(o.keys);
  return checkEnviron(environModel(req), o).map((v) => v.rule);
};

describe('request parsing', () => {
  it('reads a chunked body with extensions and trailers, then the next request', () => {
    const p = parseRequests(
      'POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\nGET / ' +
        'HTTP/1.0\r\n\r\n',
    );
    expect(p.ok && p.requests.map((r) => [r.method, r.body, r.framing, r.trailers.length])).toEqual([
      ['POST', 'abc', 'chunked', 1],
      ['GET', '', 'none', 0],
    ]);
  });
  it('trims optional whitespace around field values and keeps obs-text bytes', () => {
    expect(one('GET / HTTP/1.1\r\nX-A: \t caf\xe9 \r\n\r\n').fields).toEqual([{ name: 'X-A', value: 'caf\xe9' }]);
  });
  it('refuses what it cannot frame, with a reason', () => {
    expect(parseRequests('GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Content-Length 5'),
    });
    expect(parseRequests('GET / HTTP/1.1\r\nBad Name: x\r\n\r\n').ok).toBe(false);
  });
});

describe('environ model', () => {
  const req = one('GET /a%2Fb/%FF%e9?x=%41+b&&= HTTP/1.0\r\nHost: h\r\nX-Rep: 1\r\nx-rep: 2\r\nX-Empty:\r\n\r\n');
  it('a conforming environ passes', () => expect(checkEnviron(environModel(req), conforming(req))).toEqual([]));
  it('tunnels path bytes as latin-1 and keeps QUERY_STRING raw', () => {
    const model = environModel(req);
    expect(model.expect.find((e) => e.key === 'PATH_INFO')?.accept[0]).toBe('/a/b/\xff\xe9');
    expect(model.expect.find((e) => e.key === 'QUERY_STRING')?.accept).toEqual(['x=%41+b&&=']);
  });
  it('flags U+FFFD for an invalid UTF-8 byte under unicode-server-latin1-only, once', () => {
    expect(rules(req, (k) => (k.PATH_INFO = str('/a/b/\ufffd\xe9')))).toEqual(['unicode-server-latin1-only']);
  });
  it('flags a decoded path that is not the bytes sent', () =>
    expect(rules(req, (k) => (k.PATH_INFO = str('/a/b/')))).toEqual(['env-path-info']));
  it('accepts a resolved dot segment and merged slashes (RFC 3875 latitude)', () => {
    expect(pathInfoAnswers('/a/../b//c')).toEqual(expect.arrayContaining(['/a/../b//c', '/b//c', '/a/../b/c', '/b/c']));
    expect(removeDotSegments('/a/./b/../c/')).toBe('/a/c/');
  });
  it('judges repeated fields: only the last is env-http-repeated-joined, absence env-http-vars', () => {
    expect(rules(req, (k) => (k.HTTP_X_REP = str('2')))).toEqual(['env-http-repeated-joined']);
    expect(rules(req, (k) => (k.HTTP_X_REP = str('1,2')))).toEqual([]);
    expect(rules(req, (k) => (k.HTTP_X_REP = str('1 ,2')))).toEqual(['env-http-vars']);
    expect(rules(req, (k) => delete k.HTTP_X_REP)).toEqual(['env-http-vars']);
    expect(rules(req, (k) => delete k.HTTP_X_EMPTY)).toEqual(['env-http-vars']);
  });
  it('SERVER_PROTOCOL is the version sent; bytes are not str; invented keys are flagged', () => {
    expect(rules(req, (k) => (k.SERVER_PROTOCOL = str('HTTP/1.1')))).toEqual(['env-server-protocol']);
    expect(rules(req, (k) => (k.REQUEST_METHOD = { t: 'bytes', v: 'GET' }))).toEqual(['env-cgi-str']);
    expect(rules(req, (k) => (k.HTTP_X_NEVER = str('')))).toEqual(['env-http-vars']);
    expect(rules(req, (k) => (k.HTTP_CONTENT_TYPE = str('a')))).toEqual(['env-no-http-content-dup']);
  });
  it('a required CGI variable that is missing breaks env-cgi-present-unless-empty', () => {
    expect(rules(req, (k) => delete k.SERVER_PROTOCOL)).toEqual(['env-cgi-present-unless-empty']);
    expect(rules(req, (k) => delete k.SERVER_PORT)).toEqual(['env-cgi-present-unless-empty']);
    expect(rules(req, (k) => (k.SERVER_PORT = str('http')))).toEqual(['env-server-name-port']);
  });
  it('regressions from the presets: trimmed joins, Apache-style paths and names, non-CGI keys', () => {
    const empties = one('GET / HTTP/1.1\r\nAccept:\r\nAccept:\r\nAccept:\r\n\r\n');
    expect(rules(empties, (k) => (k.HTTP_ACCEPT = str(', ,')))).toEqual([]);
    expect(pathInfoAnswers('/%FF%2Fa/../')).toContain('/');
    expect(pathInfoAnswers('/%2F%C3%A9//')).toContain('/\xc3\xa9//');
    expect(rules(one('GET / HTTP/1.1\r\n*: x\r\n\r\n'), (k) => delete k['HTTP_*'])).toEqual([]);
    expect(rules(req, (k) => (k.REMOTE_PORT = { t: 'int', r: '1234' }))).toEqual([]);
    expect(rules(req, (k) => (k.REMOTE_ADDR = { t: 'bytes', v: '1' }))).toEqual(['env-cgi-str']);
  });
  it('allows absent transport fields and an empty query string', () => {
    const r = one('GET /? HTTP/1.1\r\nConnection: keep-alive\r\n\r\n');
    expect(rules(r, (k) => (delete k.HTTP_CONNECTION, delete k.QUERY_STRING))).toEqual([]);
  });
  it('an underscore field may be dropped but must not stand in for the dashed one', () => {
    const r = one('GET / HTTP/1.1\r\nX-A: dash\r\nX_A: under\r\n\r\n');
    expect(rules(r, (k) => (k.HTTP_X_A = str('dash')))).toEqual([]);
    expect(rules(r, (k) => (k.HTTP_X_A = str('under')))).toEqual(['env-http-underscore']);
    const only = one('GET / HTTP/1.1\r\nX_A: under\r\n\r\n');
    expect(rules(only, (k) => delete k.HTTP_X_A)).toEqual([]);
  });
  it("wsgi.multithread, multiprocess and run_once need only a truth value: hg serve's run_once is the int 0", () => {
    expect(rules(req, (k) => (k['wsgi.run_once'] = { t: 'int', r: '0' }))).toEqual([]);
    expect(rules(req, (k) => (k['wsgi.multithread'] = { t: 'str', v: 'no' }))).toEqual(['env-wsgi-keys-present']);
  });
  it('a join may leave out empty values (RFC 9110 §5.6.1): cheroot gives "" for two empty Accept fields', () => {
    const empties = one('GET / HTTP/1.1\r\nAccept:\r\nAccept:\r\n\r\n');
    expect(rules(empties, (k) => (k.HTTP_ACCEPT = str('')))).toEqual([]);
    expect(rules(empties, (k) => (k.HTTP_ACCEPT = str(', ')))).toEqual([]);
    const first = one('GET / HTTP/1.1\r\nAccept:\r\nAccept: a\r\nAccept: b\r\n\r\n');
    expect(rules(first, (k) => (k.HTTP_ACCEPT = str('a, b')))).toEqual([]);
    // Leaving out a value that is not empty is still a repeat fault.
    expect(rules(first, (k) => (k.HTTP_ACCEPT = str('b')))).toEqual(['env-http-repeated-joined']);
  });
  it('a repeated underscore field, kept, is joined: keeping only the last is env-http-repeated-joined', () => {
    const r = one('GET / HTTP/1.1\r\nx_under_score: /\r\nx_under_score:\r\n\r\n');
    expect(rules(r, (k) => (k.HTTP_X_UNDER_SCORE = str('')))).toEqual(['env-http-repeated-joined']);
    expect(rules(r, (k) => (k.HTTP_X_UNDER_SCORE = str('zz')))).toEqual(['env-http-vars']);
    expect(rules(r, (k) => delete k.HTTP_X_UNDER_SCORE)).toEqual([]);
  });
  it('expects wsgi.url_scheme "https" over TLS', () => {
    const r = one('GET / HTTP/1.1\r\n\r\n');
    const o = conforming(r);
    expect(checkEnviron(environModel(r, 'https'), o).map((v) => v.rule)).toEqual(['env-url-scheme']);
    o.keys['wsgi.url_scheme'] = str('https');
    expect(checkEnviron(environModel(r, 'https'), o)).toEqual([]);
  });
  it('a CGI look-alike field never sets the CGI key', () => {
    const r = one('GET /p HTTP/1.1\r\nScript-Name: /evil\r\n\r\n');
    expect(rules(r, (k) => (k.SCRIPT_NAME = str('/evil')))).toEqual(['env-cgi-not-from-headers']);
  });
  it('CONTENT_LENGTH of a chunked body may be absent or the decoded length', () => {
    const r = one('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n');
    expect(rules(r, (k) => (k.CONTENT_LENGTH = str('2')))).toEqual([]);
    expect(rules(r, (k) => (k.CONTENT_LENGTH = str('7')))).toEqual(['env-content-length']);
  });
  it('checks wsgi.version and the wsgi.* keys', () => {
    expect(
      rules(
        req,
        (k) =>
          (k['wsgi.version'] = {
            t: 'list',
            items: [
              { t: 'int', r: '1' },
              { t: 'int', r: '0' },
            ],
          }),
      ),
    ).toEqual(['env-wsgi-version']);
    expect(rules(req, (k) => delete k['wsgi.errors'])).toEqual(['env-wsgi-keys-present']);
  });
});

describe('wsgi.input model', () => {
  const body = 'ab\ncd\n\nef';
  const ops: InputOp[] = [
    { op: 'read', size: 1 },
    { op: 'readline' },
    { op: 'readline', size: 2 },
    { op: 'readlines' },
    { op: 'read' },
  ];
  it('has Python file semantics, ending at the body', () => {
    expect(expectedInput(body, ops)).toEqual(['a', 'b\n', 'cd', ['\n', '\n', 'ef'], '']);
    expect(expectedInput('x\ny', [{ op: 'iter' }, { op: 'readline' }])).toEqual([['x\n', 'y'], '']);
  });
  const ok: ObservedOp[] = expectedInput(body, ops).map((v, i) => ({
    op: ops[i]?.op as string,
    value: typeof v === 'string' ? { t: 'bytes', v } : { t: 'list', items: v.map((x) => ({ t: 'bytes', v: x })) },
  }));
  it('a conforming stream passes; each fault has its rule', () => {
    expect(checkInput(body, ops, ok)).toEqual([]);
    expect(
      checkInput(body, ops, [
        ...ok.slice(0, 2),
        { op: 'readline', error: { type: 'TypeError', message: 'no size' } },
      ]).map((v) => v.rule),
    ).toEqual(['input-readline-size']);
    expect(checkInput(body, ops, [{ op: 'read', value: { t: 'str', v: 'a' } }]).map((v) => v.rule)).toEqual([
      'input-returns-bytes',
    ]);
    expect(checkInput(body, ops, [...ok.slice(0, 4), { op: 'read', blocked: true }]).map((v) => v.rule)).toEqual([
      'input-eof-at-content-length',
    ]);
    expect(
      checkInput('ab', [{ op: 'read', size: 5 }], [{ op: 'read', value: { t: 'bytes', v: 'abGET' } }]).map(
        (v) => v.rule,
      ),
    ).toEqual(['input-eof-at-content-length']);
  });
});

describe('response model', () => {
  const app = {
    status: '299 Caf\xe9',
    headers: [
      ['X-V', '\xe9t\xe9'],
      ['Set-Cookie', 'a'],
      ['Set-Cookie', 'b'],
    ] as Array<[string, string]>,
    writes: ['w'],
    items: ['', 'x'],
  };
  it('passes an exact answer, and has no body for HEAD', () => {
    expect(
      checkResponse(app, 'GET', {
        status: 299,
        reason: 'Caf\xe9',
        headers: [...app.headers, ['Date', 'x']],
        body: 'wx',
      }),
    ).toEqual([]);
    expect(checkResponse(app, 'HEAD', { status: 299, reason: 'Caf\xe9', headers: app.headers, body: '' })).toEqual([]);
  });
  it('names UTF-8 for latin-1 text, a 500 for it, and a merged header', () => {
    const r = (got: Parameters<typeof checkResponse>[2]) => checkResponse(app, 'GET', got).map((v) => v.rule);
    expect(r({ status: 299, reason: 'Caf\xc3\xa9', headers: app.headers, body: 'wx' })).toEqual([
      'unicode-latin1-translatable',
    ]);
    expect(r({ status: 500, reason: 'Internal Server Error', headers: [], body: '' })).toEqual([
      'unicode-latin1-translatable',
    ]);
    expect(
      r({
        status: 299,
        reason: 'Caf\xe9',
        headers: [
          ['X-V', '\xe9t\xe9'],
          ['Set-Cookie', 'a, b'],
        ],
        body: 'wx',
      }),
    ).toEqual(['headers-preserved']);
    expect(r({ status: 299, reason: 'Caf\xe9', headers: app.headers, body: 'w' })).toEqual(['body-binary-safe']);
  });
});
