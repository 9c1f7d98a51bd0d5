/** PEP 3333, environ Variables and Specification Details: what the server puts in environ. */
import { eventFacts } from '../../harness/probe-protocol.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { charNames, describe, nonLatin1 } from '../../spec/schemas/values.js';
import { defineServerCases, breach, observation, type Observed, type ServerCase } from './case.js';
import { REQUIRED_CGI, RFC3875_VARIABLES, WSGI_KEYS } from '../../spec/environ-keys.js';
import { str, type EnvironObservation } from './environ-observation.js';

/** The reference request: a UTF-8 path and query, a repeated header. */
const TARGET = '/caf%C3%A9/x?q=caf%C3%A9&a=1';
const GET = {
  scenario: 'environ' as const,
  target: TARGET,
  headers: [
    ['Accept', 'text/plain'],
    ['X-Repeat', 'one'],
    ['X-Repeat', 'two'],
  ] as Array<[string, string]>,
};
const POST = {
  scenario: 'environ' as const,
  method: 'POST',
  target: '/form',
  headers: [['Content-Type', 'application/x-www-form-urlencoded']] as Array<[string, string]>,
  body: 'a=1&b=caf%C3%A9',
};

/** A check over the environ observation; null when the probe did not answer with one. */
const onEnviron = (check: (env: EnvironObservation, o: Observed) => Breach[]) => (o: Observed) => {
  const env = observation(o, 'environ');
  return env ? check(env, o) : null;
};

interface EnvironCase {
  readonly id: string;
  readonly rules: string[];
  readonly description: string;
  /** Breaches over the environ the probe saw. */
  readonly check: (env: EnvironObservation, o: Observed) => Breach[];
  readonly request?: ServerCase['request'];
}

const environCase = ({ id, rules, description, check, request = GET }: EnvironCase): ServerCase => ({
  id,
  rules,
  description,
  request,
  check: onEnviron(check),
});

export const environCases = defineServerCases([
  {
    id: 'app-called-positionally-once',
    rules: ['env-call-positional', 'env-call-once-per-request'],
    description: 'The server calls the application once per request, with exactly two positional arguments.',
    request: GET,
    check: ({ facts }) => {
      const calls = eventFacts(facts, 'call');
      if (!calls.length) return null;
      const out: Breach[] = [];
      const bad = calls.find((c) => c.nargs !== 2 || c.kwargs.length);
      if (bad)
        out.push(
          breach(
            'env-call-positional',
            `the application was called with ${bad.nargs} positional argument(s) and keywords ` +
              `[${bad.kwargs.join(', ')}]`,
            'application(environ, start_response), both positional',
          ),
        );
      if (calls.length !== 1)
        out.push(
          breach(
            'env-call-once-per-request',
            `the application was called ${calls.length} times for one request`,
            'exactly one call per request',
          ),
        );
      return out;
    },
  },
  environCase({
    id: 'environ-is-dict',
    rules: ['env-dict-builtin'],
    description: 'environ is a builtin dict, not a subclass or emulation.',
    check: (env) =>
      env.isDict ? [] : [breach('env-dict-builtin', `environ is a ${env.environType}`, 'type(environ) is dict')],
  }),
  environCase({
    id: 'environ-wsgi-keys',
    rules: ['env-wsgi-keys-present', 'env-wsgi-version', 'env-url-scheme'],
    description:
      'environ holds every wsgi.* key; wsgi.version is (1, 0) and wsgi.url_scheme is "http" for a plain HTTP ' +
      'request ("https" over TLS).',
    check: (env, o) => {
      const out: Breach[] = [];
      const missing = WSGI_KEYS.filter((k) => !env.keys[k]);
      if (missing.length)
        out.push(
          breach('env-wsgi-keys-present', `environ lacks ${missing.join(', ')}`, `all of ${WSGI_KEYS.join(', ')}`),
        );
      const version = env.keys['wsgi.version'];
      const ok =
        version?.t === 'tuple' &&
        version.items?.length === 2 &&
        version.items[0]?.r === '1' &&
        version.items[1]?.r === '0' &&
        version.items.every((i) => i.t === 'int');
      if (version && !ok)
        out.push(breach('env-wsgi-version', `wsgi.version is ${describe(version)}`, 'the tuple (1, 0)'));
      const scheme = env.keys['wsgi.url_scheme'];
      const want = o.ex.scheme ?? 'http';
      const over = want === 'https' ? 'a request over TLS' : 'a plain HTTP request';
      if (scheme && !(scheme.t === 'str' && scheme.v === want))
        out.push(breach('env-url-scheme', `wsgi.url_scheme is ${describe(scheme)} for ${over}`, `the str '${want}'`));
      return out;
    },
  }),
  environCase({
    id: 'environ-cgi-variables',
    rules: [
      'env-cgi-present-unless-empty',
      'env-request-method',
      'env-server-name-port',
      'env-server-protocol',
      'env-cgi-str',
    ],
    description:
      'The required CGI variables are present (unless empty) as str: the request method, a non-empty SERVER_NAME ' +
      'and SERVER_PORT, and SERVER_PROTOCOL as the client sent it.',
    check: (env) => {
      const out: Breach[] = [];
      const required = [...REQUIRED_CGI.filter((k) => k !== 'SCRIPT_NAME'), 'QUERY_STRING'];
      const missing = required.filter((k) => !env.keys[k]);
      if (missing.length)
        out.push(
          breach(
            'env-cgi-present-unless-empty',
            `environ lacks ${missing.join(', ')} although the value is not empty`,
            `${required.join(', ')} present`,
          ),
        );
      const notStr = Object.entries(env.keys).filter(
        ([k, v]) => (RFC3875_VARIABLES.has(k) || k.startsWith('HTTP_')) && v.t !== 'str',
      );
      if (notStr.length)
        out.push(
          breach(
            'env-cgi-str',
            notStr
              .slice(0, 3)
              .map(([k, v]) => `${k} is ${describe(v)}`)
              .join('; '),
            'str for every CGI variable',
          ),
        );
      const method = env.keys.REQUEST_METHOD;
      if (method && str(env, 'REQUEST_METHOD') !== 'GET')
        out.push(breach('env-request-method', `REQUEST_METHOD is ${describe(method)} for a GET request`, "'GET'"));
      for (const k of ['SERVER_NAME', 'SERVER_PORT']) {
        const v = env.keys[k];
        if (!v || !str(env, k))
          out.push(breach('env-server-name-port', `${k} is ${v ? describe(v) : 'missing'}`, 'a non-empty str'));
      }
      const protocol = env.keys.SERVER_PROTOCOL;
      if (protocol && str(env, 'SERVER_PROTOCOL') !== 'HTTP/1.1')
        out.push(
          breach(
            'env-server-protocol',
            `SERVER_PROTOCOL is ${describe(protocol)} for an HTTP/1.1 request`,
            "'HTTP/1.1', the protocol the client used",
          ),
        );
      return out;
    },
  }),
  {
    ...environCase({
      id: 'environ-server-protocol-http10',
      rules: ['env-server-protocol'],
      description: 'SERVER_PROTOCOL is "HTTP/1.0" for an HTTP/1.0 request.',
      check: (env) => {
        const protocol = env.keys.SERVER_PROTOCOL;
        return protocol && str(env, 'SERVER_PROTOCOL') !== 'HTTP/1.0'
          ? [
              breach(
                'env-server-protocol',
                `SERVER_PROTOCOL is ${describe(protocol)} for an HTTP/1.0 request`,
                "'HTTP/1.0', the protocol the client used, not the server's",
              ),
            ]
          : [];
      },
    }),
    raw: { protocol: 'HTTP/1.0' },
  },
  environCase({
    id: 'environ-path-and-query',
    rules: ['env-script-name', 'env-path-info', 'env-path-cgi-form', 'env-query-string', 'unicode-server-latin1-only'],
    description:
      'For GET /caf%C3%A9/x?q=caf%C3%A9&a=1 at the server root: SCRIPT_NAME is empty, PATH_INFO is the ' +
      'percent-decoded path as latin-1 ("/cafÃ©/x"), QUERY_STRING is the query verbatim, and no string holds code ' +
      'points above U+00FF.',
    check: (env) => {
      const out: Breach[] = [];
      const script = str(env, 'SCRIPT_NAME');
      if (env.keys.SCRIPT_NAME && script !== '')
        out.push(
          breach(
            'env-script-name',
            `SCRIPT_NAME is ${describe(env.keys.SCRIPT_NAME)} for an application mounted at the root`,
            "'' (or absent)",
          ),
        );
      const path = env.keys.PATH_INFO;
      const want = '/caf\u00c3\u00a9/x';
      if (path?.t === 'str' && path.v !== want) {
        if (nonLatin1(path.v ?? '').length || path.v === '/caf\u00e9/x')
          out.push(
            breach(
              'unicode-server-latin1-only',
              `PATH_INFO is ${describe(path)}: the request bytes were decoded as UTF-8`,
              `${JSON.stringify(want)}: the raw bytes tunnelled as latin-1`,
            ),
          );
        else if (path.v === '/caf%C3%A9/x')
          out.push(
            breach(
              'env-path-cgi-form',
              `PATH_INFO is ${describe(path)}, still percent-encoded`,
              `${JSON.stringify(want)}: percent-decoded (RFC 3875 §4.1.5)`,
            ),
          );
        else out.push(breach('env-path-info', `PATH_INFO is ${describe(path)}`, `${JSON.stringify(want)}`));
      }
      const wide = Object.entries(env.keys).filter(
        ([k, v]) => k !== 'PATH_INFO' && v.t === 'str' && nonLatin1(v.v ?? '').length,
      );
      if (wide.length)
        out.push(
          breach(
            'unicode-server-latin1-only',
            wide
              .slice(0, 3)
              .map(([k, v]) => `${k} has ${charNames(nonLatin1(v.v ?? ''))}`)
              .join('; '),
            'only U+0000-U+00FF in environ strings',
          ),
        );
      const query = env.keys.QUERY_STRING;
      if (query && str(env, 'QUERY_STRING') !== 'q=caf%C3%A9&a=1')
        out.push(breach('env-query-string', `QUERY_STRING is ${describe(query)}`, "'q=caf%C3%A9&a=1', verbatim"));
      return out;
    },
  }),
  environCase({
    id: 'environ-http-headers',
    rules: ['env-http-vars', 'env-http-repeated-joined', 'env-missing-omitted', 'env-extension-naming'],
    description:
      'Request headers appear as HTTP_* variables (repeated ones joined into one value), absent ones are absent, ' +
      'variables without a value are omitted, and server-specific keys are lower-case dotted names.',
    check: (env) => {
      const out: Breach[] = [];
      const accept = str(env, 'HTTP_ACCEPT');
      const repeat = str(env, 'HTTP_X_REPEAT')?.replace(/\s/g, '');
      if (accept !== 'text/plain')
        out.push(
          breach(
            'env-http-vars',
            `HTTP_ACCEPT is ${env.keys.HTTP_ACCEPT ? describe(env.keys.HTTP_ACCEPT) : 'missing'} for "Accept: ` +
              `text/plain"`,
            "'text/plain'",
          ),
        );
      if (!env.keys.HTTP_X_REPEAT)
        out.push(
          breach(
            'env-http-vars',
            'HTTP_X_REPEAT is missing although the request had two X-Repeat headers',
            'HTTP_X_REPEAT present',
          ),
        );
      else if (repeat !== 'one,two')
        out.push(
          breach(
            'env-http-repeated-joined',
            `HTTP_X_REPEAT is ${describe(env.keys.HTTP_X_REPEAT)} for two X-Repeat headers (one, two)`,
            "'one,two' (or 'one, two'): both values, in order",
          ),
        );
      const invented = ['HTTP_COOKIE', 'HTTP_AUTHORIZATION', 'HTTP_REFERER'].filter((k) => env.keys[k]);
      if (invented.length)
        out.push(
          breach(
            'env-http-vars',
            `${invented.join(', ')} present although the request had no such header`,
            'HTTP_* only for headers the client sent',
          ),
        );
      const empty = ['REMOTE_USER', 'AUTH_TYPE', 'REMOTE_IDENT'].filter((k) => env.keys[k] && str(env, k) === '');
      if (empty.length)
        out.push(
          breach(
            'env-missing-omitted',
            `${empty.join(', ')} set to '' without authentication`,
            'variables without a value left out',
          ),
        );
      // Dotted keys are the server's; so are lower-case ones (OS environment variables are upper-case).
      const os = new Set(env.osKeys);
      const serverKeys = Object.keys(env.keys).filter(
        (k) => (k.includes('.') || /[a-z]/.test(k)) && !k.startsWith('wsgi.') && !os.has(k),
      );
      const badExt = serverKeys.filter((k) => !/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(k));
      if (badExt.length)
        out.push(
          breach(
            'env-extension-naming',
            `server keys ${badExt.slice(0, 4).join(', ')} are not lower-case names prefixed with the server's name`,
            'names like mod_wsgi.process_group',
          ),
        );
      return out;
    },
  }),
  environCase({
    id: 'environ-content-headers',
    rules: ['env-content-type', 'env-content-length', 'env-no-http-content-dup', 'env-request-method'],
    description:
      "For a POST with a body, CONTENT_TYPE and CONTENT_LENGTH carry the request's headers, and only there (no " +
      'HTTP_CONTENT_*).',
    check: (env) => {
      const out: Breach[] = [];
      if (str(env, 'REQUEST_METHOD') !== 'POST')
        out.push(
          breach(
            'env-request-method',
            `REQUEST_METHOD is ${env.keys.REQUEST_METHOD ? describe(env.keys.REQUEST_METHOD) : 'missing'} for a ` +
              `POST request`,
            "'POST'",
          ),
        );
      if (str(env, 'CONTENT_TYPE') !== 'application/x-www-form-urlencoded')
        out.push(
          breach(
            'env-content-type',
            `CONTENT_TYPE is ${env.keys.CONTENT_TYPE ? describe(env.keys.CONTENT_TYPE) : 'missing'}`,
            "'application/x-www-form-urlencoded', as sent",
          ),
        );
      if (str(env, 'CONTENT_LENGTH') !== '15')
        out.push(
          breach(
            'env-content-length',
            `CONTENT_LENGTH is ${env.keys.CONTENT_LENGTH ? describe(env.keys.CONTENT_LENGTH) : 'missing'} for a ` +
              `15-byte body`,
            "'15'",
          ),
        );
      const dup = ['HTTP_CONTENT_TYPE', 'HTTP_CONTENT_LENGTH'].filter((k) => env.keys[k]);
      if (dup.length)
        out.push(
          breach(
            'env-no-http-content-dup',
            `environ also has ${dup.join(' and ')}`,
            'Content-Type and Content-Length only as CONTENT_TYPE / CONTENT_LENGTH',
          ),
        );
      return out;
    },
    request: POST,
  }),
  // "As many other CGI variables as are applicable": REMOTE_ADDR applies to every request a
  // server takes over TCP (RFC 3875 §4.1.8 makes it a MUST for CGI). Which others apply is
  // the server's judgement, so only this one is judged, and only at the SHOULD level.
  environCase({
    id: 'environ-remote-addr',
    rules: ['env-extra-cgi-vars'],
    description: 'REMOTE_ADDR, a CGI variable that applies to every request over TCP, is present and not empty.',
    check: (env) => {
      const addr = env.keys.REMOTE_ADDR;
      // Its type is env-cgi-str's business (environ-cgi-variables): here only its presence.
      return addr && !(addr.t === 'str' && !addr.v)
        ? []
        : [
            breach(
              'env-extra-cgi-vars',
              `REMOTE_ADDR is ${addr ? describe(addr) : 'missing'}`,
              "the client's address as a str, e.g. '127.0.0.1' (RFC 3875 §4.1.8)",
            ),
          ];
    },
  }),
]);
