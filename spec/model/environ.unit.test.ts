/**
 * The environ model judged from hand-written environs (not derived from the model itself), so a
 * change to what the model expects shows as a pass or a fault here: PEP 3333 "environ
 * Variables", RFC 3875 §4.1 (the CGI meta-variables), RFC 9112 §7.1 (chunked trailers).
 */
import { describe, expect, it } from 'vitest';
import {
  checkEnviron,
  environModel,
  pathInfoAnswers,
  removeDotSegments,
  type ObservedEnviron,
  type TypedValue,
  type Violation,
} from './environ.js';
import { parseRequests, type ModelRequest } from './request.js';

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

/** `GET /p?q=1 HTTP/1.1` with one Host field, and the environ a conforming server gives for it. */
const GET = 'GET /p?q=1 HTTP/1.1\r\nHost: h\r\n\r\n';
const CGI = {
  REQUEST_METHOD: 'GET',
  SCRIPT_NAME: '',
  PATH_INFO: '/p',
  QUERY_STRING: 'q=1',
  SERVER_PROTOCOL: 'HTTP/1.1',
  SERVER_NAME: 'localhost',
  SERVER_PORT: '8080',
  HTTP_HOST: 'h',
};
type Edit = Record<string, TypedValue | string | undefined>;
/** The environ `CGI` plus the wsgi.* keys, with `edit` applied (a string is a str, undefined deletes). */
function environ(edit: Edit = {}, base: Edit = CGI): Record<string, TypedValue> {
  const keys: Record<string, TypedValue> = { ...WSGI };
  for (const [k, v] of Object.entries({ ...base, ...edit })) {
    if (v === undefined) delete keys[k];
    else keys[k] = typeof v === 'string' ? str(v) : v;
  }
  return keys;
}
const judge = (raw: string, edit: Edit = {}, extra: Partial<ObservedEnviron> = {}, base: Edit = CGI) =>
  checkEnviron(environModel(one(raw)), { keys: environ(edit, base), ...extra });
const rulesOf = (raw: string, edit: Edit = {}, extra: Partial<ObservedEnviron> = {}, base: Edit = CGI) =>
  judge(raw, edit, extra, base).map((v) => v.rule);

describe('removeDotSegments (RFC 3986 §5.2.4)', () => {
  it.each([
    ['/a/.', '/a/'],
    ['/a/./b', '/a/b'],
    ['/a/b/..', '/a/'],
    ['/../a', '/a'],
    ['/a/../../b', '/b'],
    ['.', '/'],
    ['', '/'],
  ])('%j becomes %j', (path, want) => expect(removeDotSegments(path)).toBe(want));
});

describe('pathInfoAnswers: what RFC 3875 §4.1.5 lets a root-mounted server give', () => {
  it('merges all repeated slashes or none, and leading ones alone, never just the first run', () => {
    expect(pathInfoAnswers('/a//b//c')).toEqual(['/a//b//c', '/a/b/c']);
    expect(rulesOf('GET /a//b//c HTTP/1.1\r\nHost: h\r\n\r\n', { PATH_INFO: '/a/b//c', QUERY_STRING: '' })).toEqual([
      'env-path-info',
    ]);
    expect(pathInfoAnswers('//a//b')).toContain('/a//b');
  });
});

describe('environ of a plain GET: each CGI variable judged under its own rule', () => {
  it('the conforming environ passes', () => expect(judge(GET)).toEqual([]));
  it.each<[string, Edit, Violation[]]>([
    [
      'REQUEST_METHOD other than the method sent',
      { REQUEST_METHOD: 'POST' },
      [{ rule: 'env-request-method', key: 'REQUEST_METHOD', expected: '"GET"', actual: '"POST"' }],
    ],
    [
      'SCRIPT_NAME not empty at the root',
      { SCRIPT_NAME: '/app' },
      [{ rule: 'env-script-name', key: 'SCRIPT_NAME', expected: '"" or (absent)', actual: '"/app"' }],
    ],
    [
      'PATH_INFO missing: a required CGI variable',
      { PATH_INFO: undefined },
      [{ rule: 'env-cgi-present-unless-empty', key: 'PATH_INFO', expected: '"/p"', actual: '(absent)' }],
    ],
    [
      'QUERY_STRING missing although the target has a query',
      { QUERY_STRING: undefined },
      [{ rule: 'env-query-string', key: 'QUERY_STRING', expected: '"q=1"', actual: '(absent)' }],
    ],
    [
      'QUERY_STRING decoded',
      { QUERY_STRING: 'q=2' },
      [{ rule: 'env-query-string', key: 'QUERY_STRING', expected: '"q=1"', actual: '"q=2"' }],
    ],
    [
      'SERVER_PROTOCOL other than the version sent',
      { SERVER_PROTOCOL: 'HTTP/1.0' },
      [{ rule: 'env-server-protocol', key: 'SERVER_PROTOCOL', expected: '"HTTP/1.1"', actual: '"HTTP/1.0"' }],
    ],
    [
      'CONTENT_TYPE invented for a request without the field',
      { CONTENT_TYPE: 'text/plain' },
      [{ rule: 'env-content-type', key: 'CONTENT_TYPE', expected: '"" or (absent)', actual: '"text/plain"' }],
    ],
    [
      'CONTENT_LENGTH invented for a request without the field',
      { CONTENT_LENGTH: '0' },
      [{ rule: 'env-content-length', key: 'CONTENT_LENGTH', expected: '"" or (absent)', actual: '"0"' }],
    ],
    [
      'HTTP_HOST missing (RFC 3875 §4.1.18)',
      { HTTP_HOST: undefined },
      [{ rule: 'env-http-vars', key: 'HTTP_HOST', expected: '"h"', actual: '(absent)' }],
    ],
    [
      'an HTTP_ variable for a field never sent',
      { HTTP_X_NEVER: 'v' },
      [
        {
          rule: 'env-http-vars',
          key: 'HTTP_X_NEVER',
          expected: 'no HTTP_X_NEVER: the request has no such field',
          actual: '"v"',
        },
      ],
    ],
    [
      'HTTP_CONTENT_TYPE',
      { HTTP_CONTENT_TYPE: 'a' },
      [
        {
          rule: 'env-no-http-content-dup',
          key: 'HTTP_CONTENT_TYPE',
          expected: 'no HTTP_CONTENT_TYPE (Content-Type is CONTENT_TYPE, never HTTP_CONTENT_TYPE)',
          actual: '"a"',
        },
      ],
    ],
    [
      'HTTP_CONTENT_LENGTH',
      { HTTP_CONTENT_LENGTH: '0' },
      [
        {
          rule: 'env-no-http-content-dup',
          key: 'HTTP_CONTENT_LENGTH',
          expected: 'no HTTP_CONTENT_LENGTH (Content-Length is CONTENT_LENGTH, never HTTP_CONTENT_LENGTH)',
          actual: '"0"',
        },
      ],
    ],
    [
      'SERVER_NAME missing',
      { SERVER_NAME: undefined },
      [
        {
          rule: 'env-cgi-present-unless-empty',
          key: 'SERVER_NAME',
          expected: 'SERVER_NAME, never empty',
          actual: '(absent)',
        },
      ],
    ],
    [
      'SERVER_NAME empty',
      { SERVER_NAME: '' },
      [{ rule: 'env-server-name-port', key: 'SERVER_NAME', expected: 'a host name', actual: '""' }],
    ],
    [
      'SERVER_PORT with a prefix',
      { SERVER_PORT: 'x80' },
      [{ rule: 'env-server-name-port', key: 'SERVER_PORT', expected: 'a port number', actual: '"x80"' }],
    ],
    [
      'SERVER_PORT with a suffix',
      { SERVER_PORT: '80x' },
      [{ rule: 'env-server-name-port', key: 'SERVER_PORT', expected: 'a port number', actual: '"80x"' }],
    ],
  ])('%s', (_name, edit, want) => expect(judge(GET, edit)).toEqual(want));
});

describe('types and encodings (PEP 3333 "Unicode Issues": CGI values are str, latin-1 only)', () => {
  it.each<[string, Edit, Violation[]]>([
    [
      'a CGI variable as bytes is one fault, env-cgi-str, not also a wrong value',
      { REQUEST_METHOD: { t: 'bytes', v: 'get' } },
      [{ rule: 'env-cgi-str', key: 'REQUEST_METHOD', expected: 'REQUEST_METHOD as a str', actual: 'bytes "get"' }],
    ],
    [
      'an HTTP_ variable as bytes, shown by its repr',
      { HTTP_HOST: { t: 'bytes', v: 'h', r: "b'h'" } },
      [{ rule: 'env-cgi-str', key: 'HTTP_HOST', expected: 'HTTP_HOST as a str', actual: "bytes b'h'" }],
    ],
    [
      'SERVER_PORT as bytes is env-cgi-str alone',
      { SERVER_PORT: { t: 'bytes', v: '8080' } },
      [{ rule: 'env-cgi-str', key: 'SERVER_PORT', expected: 'SERVER_PORT as a str', actual: 'bytes "8080"' }],
    ],
    [
      'SERVER_PORT as an int is env-cgi-str alone, not also a malformed port',
      { SERVER_PORT: { t: 'int', r: '8080' } },
      [{ rule: 'env-cgi-str', key: 'SERVER_PORT', expected: 'SERVER_PORT as a str', actual: 'int 8080' }],
    ],
    [
      'a character above U+00FF in a CGI value',
      { PATH_INFO: '/\u20ac' },
      [
        {
          rule: 'unicode-server-latin1-only',
          key: 'PATH_INFO',
          expected: 'PATH_INFO as latin-1 text (request bytes tunnelled one char per byte)',
          actual: '"/\u20ac"',
        },
      ],
    ],
    [
      'a str reported without its value counts as empty',
      { QUERY_STRING: { t: 'str' } },
      [{ rule: 'env-query-string', key: 'QUERY_STRING', expected: '"q=1"', actual: '""' }],
    ],
  ])('%s', (_name, edit, want) => expect(judge(GET, edit)).toEqual(want));

  it.each<[string, Edit]>([
    ['a dotted extension key', { 'myserver.note': '\u20ac' }],
    ['an upper-case dotted key', { 'MY.NOTE': '\u20ac' }],
    ['a lower-case key', { note: '\u20ac' }],
    ['a non-CGI extension as an int', { REMOTE_PORT: { t: 'int', r: '1234' } }],
  ])('only CGI and HTTP_ variables are held to str and latin-1: %s passes', (_name, edit) =>
    expect(judge(GET, edit)).toEqual([]),
  );

  it("keys copied from the server's os.environ are not judged (env-os-vars-may)", () => {
    const edit = { HTTP_PROXY: { t: 'bytes', v: 'p' }, PATH: '\u20ac' };
    expect(judge(GET, edit, { osKeys: ['HTTP_PROXY', 'PATH'] })).toEqual([]);
    expect(rulesOf(GET, edit)).toEqual(['env-cgi-str', 'unicode-server-latin1-only', 'env-http-vars']);
  });
});

describe('fields to HTTP_ variables (RFC 3875 §4.1.18)', () => {
  const POST = 'POST /p HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nab';
  const post = { REQUEST_METHOD: 'POST', QUERY_STRING: '', CONTENT_TYPE: 'text/plain', CONTENT_LENGTH: '2' };
  it('Content-Type and Content-Length become CONTENT_TYPE and CONTENT_LENGTH, never HTTP_*', () => {
    expect(judge(POST, post)).toEqual([]);
    expect(rulesOf(POST, { ...post, CONTENT_TYPE: undefined })).toEqual(['env-content-type']);
    expect(rulesOf(POST, { ...post, CONTENT_LENGTH: '3' })).toEqual(['env-content-length']);
  });

  const cookie = 'GET /p?q=1 HTTP/1.1\r\nHost: h\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n';
  it.each([
    ['a=1; b=2', []],
    ['a=1, b=2', []],
    ['a=1,b=2', []],
    ['a=1;b=2', ['env-http-vars']],
    ['b=2', ['env-http-repeated-joined']],
  ])('two Cookie fields joined as %j: %j', (value, want) =>
    expect(rulesOf(cookie, { HTTP_COOKIE: value })).toEqual(want),
  );
  it('only Cookie may be joined with "; "', () => {
    const rep = 'GET /p?q=1 HTTP/1.1\r\nHost: h\r\nX-Rep: 1\r\nX-Rep: 2\r\n\r\n';
    expect(rulesOf(rep, { HTTP_X_REP: '1; 2' })).toEqual(['env-http-vars']);
  });

  it('a dashed field beside an underscore look-alike of it may not be dropped', () => {
    const mixed = 'GET /p?q=1 HTTP/1.1\r\nHost: h\r\nX-A: dash\r\nX_A: under\r\n\r\n';
    expect(judge(mixed, { HTTP_X_A: undefined })).toEqual([
      { rule: 'env-http-vars', key: 'HTTP_X_A', expected: '"dash"', actual: '(absent)' },
    ]);
    // A transport field may be dropped, but not when a field that is no transport field shares its key.
    const keep = 'GET /p?q=1 HTTP/1.1\r\nHost: h\r\nKeep-Alive: 5\r\nKeep_Alive: x\r\n\r\n';
    expect(rulesOf(keep, { HTTP_KEEP_ALIVE: undefined })).toEqual(['env-http-vars']);
    expect(rulesOf(keep, { HTTP_KEEP_ALIVE: '5' })).toEqual([]);
  });

  it('a trailer field (RFC 9112 §7.1.2) may appear as an HTTP_ variable', () => {
    const chunked = 'POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nX-T: 1\r\n\r\n';
    const edit = { REQUEST_METHOD: 'POST', QUERY_STRING: '', HTTP_TRANSFER_ENCODING: 'chunked' };
    expect(judge(chunked, edit)).toEqual([]);
    expect(judge(chunked, { ...edit, HTTP_X_T: '1' })).toEqual([]);
    // CONTENT_LENGTH of a chunked body: empty, absent, or the decoded length, nothing else.
    expect(judge(chunked, { ...edit, CONTENT_LENGTH: '' })).toEqual([]);
    expect(judge(chunked, { ...edit, CONTENT_LENGTH: '2' })).toEqual([]);
    expect(rulesOf(chunked, { ...edit, CONTENT_LENGTH: '7' })).toEqual(['env-content-length']);
  });
});

describe('look-alike fields never set a CGI variable (env-cgi-not-from-headers)', () => {
  const raw = 'GET /p?q=1 HTTP/1.1\r\nHost: h\r\nScript-Name: /evil\r\nRemote-User: admin\r\nTz: UTC\r\n\r\n';
  const fields = { HTTP_SCRIPT_NAME: '/evil', HTTP_REMOTE_USER: 'admin', HTTP_TZ: 'UTC' };
  it('passes when the fields are only HTTP_ variables', () => expect(judge(raw, fields)).toEqual([]));
  it.each<[string, Edit, Violation[]]>([
    [
      'SCRIPT_NAME taken from Script-Name',
      { SCRIPT_NAME: '/evil' },
      [
        {
          rule: 'env-cgi-not-from-headers',
          key: 'SCRIPT_NAME',
          expected: '"" or (absent)',
          actual: `"/evil" (the value of the request's SCRIPT_NAME look-alike field)`,
        },
      ],
    ],
    [
      'SCRIPT_NAME wrong, but not the look-alike value',
      { SCRIPT_NAME: '/other' },
      [{ rule: 'env-script-name', key: 'SCRIPT_NAME', expected: '"" or (absent)', actual: '"/other"' }],
    ],
    [
      "PATH_INFO wrong with another look-alike's value",
      { PATH_INFO: '/evil' },
      [{ rule: 'env-path-info', key: 'PATH_INFO', expected: '"/p"', actual: '"/evil"' }],
    ],
    [
      'REMOTE_USER (no key the model expects) taken from Remote-User',
      { REMOTE_USER: 'admin' },
      [
        {
          rule: 'env-cgi-not-from-headers',
          key: 'REMOTE_USER',
          expected: 'REMOTE_USER not taken from a request field',
          actual: `"admin", the value of the request's look-alike field`,
        },
      ],
    ],
    ['REMOTE_USER of its own', { REMOTE_USER: 'alice' }, []],
    ['TZ is no CGI variable: a field Tz is no look-alike', { TZ: 'UTC' }, []],
  ])('%s', (_name, edit, want) => expect(judge(raw, { ...fields, ...edit })).toEqual(want));
  it("REMOTE_USER from the server's os.environ is no look-alike", () =>
    expect(judge(raw, { ...fields, REMOTE_USER: 'admin' }, { osKeys: ['REMOTE_USER'] })).toEqual([]));
});

describe('the wsgi.* keys (PEP 3333 "environ Variables")', () => {
  it.each<[string, Edit, Violation[]]>([
    [
      'a missing key',
      { 'wsgi.input': undefined, 'wsgi.errors': undefined },
      [
        {
          rule: 'env-wsgi-keys-present',
          expected:
            'every wsgi.* key: wsgi.version, wsgi.url_scheme, wsgi.input, wsgi.errors, wsgi.multithread, ' +
            'wsgi.multiprocess, wsgi.run_once',
          actual: 'missing wsgi.input, wsgi.errors',
        },
      ],
    ],
    [
      'wsgi.version (1, 1)',
      {
        'wsgi.version': {
          t: 'tuple',
          items: [
            { t: 'int', r: '1' },
            { t: 'int', r: '1' },
          ],
        },
      },
      [
        {
          rule: 'env-wsgi-version',
          key: 'wsgi.version',
          expected: 'the tuple (1, 0) of ints',
          actual: 'tuple (int 1, int 1)',
        },
      ],
    ],
    [
      'wsgi.version a str',
      { 'wsgi.version': { t: 'str', v: '1.0', r: "'1.0'" } },
      [{ rule: 'env-wsgi-version', key: 'wsgi.version', expected: 'the tuple (1, 0) of ints', actual: "str ('1.0')" }],
    ],
    [
      'wsgi.url_scheme as bytes',
      { 'wsgi.url_scheme': { t: 'bytes', v: 'http', r: "b'http'" } },
      [{ rule: 'env-url-scheme', key: 'wsgi.url_scheme', expected: "'http' (a str)", actual: "bytes b'http'" }],
    ],
    [
      'wsgi.url_scheme "https" on a plain connection',
      { 'wsgi.url_scheme': 'https' },
      [{ rule: 'env-url-scheme', key: 'wsgi.url_scheme', expected: "'http' (a str)", actual: 'str "https"' }],
    ],
    [
      'wsgi.multiprocess a str',
      { 'wsgi.multiprocess': { t: 'str', v: 'no', r: "'no'" } },
      [
        {
          rule: 'env-wsgi-keys-present',
          key: 'wsgi.multiprocess',
          expected: 'wsgi.multiprocess as a bool (or an int)',
          actual: "str 'no'",
        },
      ],
    ],
    [
      'wsgi.run_once a str without its repr',
      { 'wsgi.run_once': { t: 'str', v: '' } },
      [
        {
          rule: 'env-wsgi-keys-present',
          key: 'wsgi.run_once',
          expected: 'wsgi.run_once as a bool (or an int)',
          actual: 'str ',
        },
      ],
    ],
  ])('%s', (_name, edit, want) => expect(judge(GET, edit)).toEqual(want));
});
