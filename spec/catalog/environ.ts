import type { Rule } from '../rule.js';

/** Catalog section 1.2 The environ dictionary (`env-*`) of docs/pep3333-rules.md. */
export const environRules: readonly Rule[] = [
  {
    id: 'env-dict-builtin',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'environ is exactly a builtin `dict` (`type(environ) is dict`): not a subclass, UserDict or emulation.',
    quote: 'This object must be a builtin Python dictionary (not a subclass, `UserDict` or other dictionary emulation)',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L485-488, L1558-1571',
    hint: 'Pass a plain `dict` as environ (`type(environ) is dict`), not a subclass or a mapping wrapper.',
  },
  {
    id: 'env-app-may-mutate',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY (app)',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      "The app may modify environ in any way, so a server must not depend on environ's contents after handing it " +
      'over (e.g. for logging or HEAD handling).',
    quote: 'the application is allowed to modify the dictionary in any way it desires.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L488-489',
    hint:
      'Copy whatever you need (method, path, headers) before calling the application, and never read environ back ' +
      'afterwards.',
  },
  {
    id: 'env-cgi-present-unless-empty',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST / MAY',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: "The listed CGI variables must be present, except that one whose value would be `''` may be omitted.",
    quote:
      'The following variables must be present, unless their value would be an empty string, in which case they ' +
      'may be omitted, except as otherwise noted below.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L581-585',
    hint: "Set every CGI variable the PEP lists; omit one only when its value would be `''`.",
  },
  {
    id: 'env-request-method',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      "`REQUEST_METHOD` is always present and non-empty; it is the request's method token (extension methods too; " +
      'case preserved).',
    quote:
      'The HTTP request method, such as `"GET"` or `"POST"`. This cannot ever be an empty string, and so is ' +
      'always required.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L587-589',
    hint: "Always set `REQUEST_METHOD` to the request's method token exactly as received (e.g. `'GET'`, `'PROPFIND'`).",
  },
  {
    id: 'env-script-name',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST / MAY',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      "`SCRIPT_NAME` is the initial part of the URL path that maps to the app; it may be `''` (or omitted) when " +
      'the app is at the server root.',
    quote:
      'The initial portion of the request URL\'s "path" that corresponds to the application object, so that the ' +
      'application knows its virtual "location". This may be an empty string, if the application corresponds to ' +
      'the "root" of the server.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L591-595',
    hint: "Set `SCRIPT_NAME` to the path the application is mounted at, and to `''` when it is mounted at the root.",
  },
  {
    id: 'env-path-info',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST / MAY',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      "`PATH_INFO` is the remainder of the path, the target within the app; it may be `''` when the URL targets " +
      'the app root without a trailing slash.',
    quote:
      'The remainder of the request URL\'s "path", designating the virtual "location" of the request\'s target ' +
      'within the application.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L597-601',
    hint:
      "Set `PATH_INFO` to the rest of the path after `SCRIPT_NAME` (`'/'` for the root URL, `''` only for the mount " +
      'point without a trailing slash).',
  },
  {
    id: 'env-path-cgi-form',
    binds: ['server'],
    level: 'MUST',
    keyword: 'CGI',
    section: 'environ Variables',
    anchor: 'section-4.1.5',
    summary:
      'Non-empty `SCRIPT_NAME` and `PATH_INFO` start with `/`, and `SCRIPT_NAME` has no trailing `/` (an app at ' +
      "the root gets `SCRIPT_NAME=''`, `PATH_INFO='/'`). `PATH_INFO` is URL-decoded (RFC 3875 §4.1.5), so " +
      '`SCRIPT_NAME + PATH_INFO` is the decoded request path.',
    quote: 'Unlike a URI path, the PATH_INFO is not URL-encoded, and cannot contain path-segment parameters.',
    observe: ['server'],
    source: 'RFC 3875',
    lines: 'L581-583; RFC 3875 §4.1.5, §4.1.13',
    hint:
      "Percent-decode the request path, then split it so non-empty `SCRIPT_NAME` and `PATH_INFO` start with `'/'` " +
      "and `SCRIPT_NAME` has no trailing `'/'`.",
  },
  {
    id: 'env-query-string',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY omit',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`QUERY_STRING` is the part of the request target after `?`, verbatim (not %-decoded, no fragment); it may ' +
      'be empty or absent.',
    quote: 'The portion of the request URL that follows the `"?"`, if any. May be empty or absent.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L603-605',
    hint:
      "Set `QUERY_STRING` to the raw text after `?` (not percent-decoded, without any fragment), or `''` when there " +
      'is none.',
  },
  {
    id: 'env-content-type',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY omit',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      "`CONTENT_TYPE` holds the contents of the request's Content-Type field(s); it may be empty or absent, and " +
      'should not be invented when the request has none.',
    quote: 'The contents of any `Content-Type` fields in the HTTP request. May be empty or absent.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L607-609',
    hint: "Copy the request's Content-Type into `CONTENT_TYPE`; leave it out (or `''`) when the request has none.",
  },
  {
    id: 'env-content-length',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY omit',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: "`CONTENT_LENGTH` holds the contents of the request's Content-Length field(s); it may be empty or absent.",
    quote: 'The contents of any `Content-Length` fields in the HTTP request. May be empty or absent.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L611-613',
    hint:
      "Copy the request's Content-Length into `CONTENT_LENGTH` as a str; leave it out (or `''`) when the request " +
      'has none.',
  },
  {
    id: 'env-no-http-content-dup',
    binds: ['server'],
    // RFC 3875 §4.1.18 says SHOULD remove; validators enforcing it does not make it a MUST.
    level: 'SHOULD',
    keyword: 'CGI (validators enforce)',
    section: 'environ Variables',
    anchor: 'section-4.1.18',
    summary:
      'Content-Type and Content-Length appear only as `CONTENT_TYPE`/`CONTENT_LENGTH`, not as ' +
      '`HTTP_CONTENT_TYPE`/`HTTP_CONTENT_LENGTH`.',
    quote:
      'In particular, it SHOULD remove any header fields carrying authentication information, such as ' +
      "'Authorization'; or that are available to the script in other variables, such as 'Content-Length' and " +
      "'Content-Type'.",
    observe: ['server'],
    source: 'RFC 3875',
    lines: 'RFC 3875 §4.1.18; wsgiref.validate L310-313',
    hint:
      'Map Content-Type and Content-Length only to `CONTENT_TYPE`/`CONTENT_LENGTH`; never also set ' +
      '`HTTP_CONTENT_TYPE` or `HTTP_CONTENT_LENGTH`.',
  },
  {
    id: 'env-server-name-port',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: '`SERVER_NAME` and `SERVER_PORT` are always present, are `str`, and are never empty.',
    quote: '`SERVER_NAME` and `SERVER_PORT` are required strings and must never be empty.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L615-619',
    hint: "Always set `SERVER_NAME` and `SERVER_PORT` as non-empty strs, e.g. `'localhost'` and `'8080'`.",
  },
  {
    id: 'env-server-protocol',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST (listed var)',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`SERVER_PROTOCOL` is the protocol version the client used (`"HTTP/1.0"`, `"HTTP/1.1"`), not the version of ' +
      'the response.',
    quote:
      'The version of the protocol the client used to send the request. Typically this will be something like ' +
      '`"HTTP/1.0"` or `"HTTP/1.1"`',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L621-629',
    hint:
      "Set `SERVER_PROTOCOL` from the request line (`'HTTP/1.0'` or `'HTTP/1.1'`), not from the version you answer " +
      'with.',
  },
  {
    id: 'env-http-vars',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`HTTP_*` variables exist exactly for the request headers present (CGI mapping: upper-case, `-` to `_`, ' +
      '`HTTP_` prefix); an absent header means an absent key.',
    quote:
      'The presence or absence of these variables should correspond with the presence or absence of the ' +
      'appropriate HTTP header in the request.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L631-635',
    hint:
      'Add one `HTTP_<NAME>` key (upper-cased, `-` turned into `_`) for each request header present, and none for ' +
      'headers that are absent.',
  },
  {
    id: 'env-extra-cgi-vars',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: 'The server provides as many other applicable CGI variables as it can (`REMOTE_ADDR`, ...).',
    quote: 'A server or gateway should attempt to provide as many other CGI variables as are applicable.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L637-638',
    hint: 'Also set the other applicable CGI variables, such as `REMOTE_ADDR` and `GATEWAY_INTERFACE`.',
  },
  {
    id: 'env-ssl-vars',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: 'Under SSL/TLS the server provides mod_ssl-style variables such as `HTTPS=on` and `SSL_PROTOCOL`.',
    quote:
      'if SSL is in use, the server or gateway should also provide as many of the Apache SSL environment ' +
      'variables [5] as are applicable, such as `HTTPS=on` and `SSL_PROTOCOL`.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L638-641',
    hint: "On TLS connections set mod_ssl-style variables such as `HTTPS='on'` and `SSL_PROTOCOL`.",
  },
  {
    id: 'env-document-vars',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: 'The server documents which variables it provides.',
    quote:
      'A WSGI-compliant server or gateway should document what variables it provides, along with their ' +
      'definitions as appropriate.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L647-648',
    hint: 'Document every environ key the server sets and what it means.',
  },
  {
    id: 'env-app-check-vars',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      'The app checks that the variables it needs are present and has a fallback, coping with the optional ones ' +
      'being omitted.',
    quote:
      'Applications should check for the presence of any variables they require, and have a fallback plan in the ' +
      'event such a variable is absent.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L648-650',
    hint:
      "Read optional keys with a default, e.g. `environ.get('PATH_INFO', '')` and `environ.get('QUERY_STRING', " +
      "'')`, never `environ['QUERY_STRING']`.",
    snippet: {
      broken: String.raw`path = environ['PATH_INFO']          # KeyError when omitted
query = environ['QUERY_STRING']`,
      fixed: String.raw`path = environ.get('PATH_INFO', '') or '/'
query = environ.get('QUERY_STRING', '')`,
    },
  },
  {
    id: 'env-missing-omitted',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: "Variables with no value (e.g. `REMOTE_USER` with no authentication) are left out, not set to `''`.",
    quote:
      'Note: missing variables (such as `REMOTE_USER` when no authentication has occurred) should be left out of ' +
      'the `environ` dictionary.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L652-654',
    hint:
      'Leave variables that have no value (e.g. `REMOTE_USER` when nobody authenticated) out of environ instead of ' +
      "setting them to `''`.",
  },
  {
    id: 'env-cgi-str',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      "Every CGI-defined variable that is present has type `str`: it is a violation for any CGI variable's value " +
      'to be of another type.',
    quote: "It is a violation of this specification for any CGI variable's value to be of any type other than `str`.",
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L654-656',
    hint: "Store every CGI variable as a `str` (e.g. `SERVER_PORT='8080'`, not `8080` or `b'8080'`).",
  },
  {
    id: 'env-os-vars-may',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: 'environ may also hold arbitrary OS environment variables, so tests must tolerate unknown keys.',
    quote:
      'In addition to the CGI-defined variables, the `environ` dictionary may also contain arbitrary ' +
      'operating-system "environment variables"',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L658-659',
    hint:
      'Copying OS environment variables into environ is allowed; make sure they never overwrite the CGI or `wsgi.*` ' +
      'keys of the request.',
  },
  {
    id: 'env-wsgi-keys-present',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      'environ contains `wsgi.version`, `wsgi.url_scheme`, `wsgi.input`, `wsgi.errors`, `wsgi.multithread`, ' +
      '`wsgi.multiprocess`, `wsgi.run_once`.',
    quote:
      'the `environ` dictionary may also contain arbitrary operating-system "environment variables", and must ' +
      'contain the following WSGI-defined variables',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L659-722',
    hint:
      'Set all seven keys: `wsgi.version`, `wsgi.url_scheme`, `wsgi.input`, `wsgi.errors`, `wsgi.multithread`, ' +
      '`wsgi.multiprocess` and `wsgi.run_once`.',
  },
  {
    id: 'env-wsgi-version',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: '`wsgi.version` is the tuple `(1, 0)`; PEP 3333 did not bump it to 1.0.1.',
    quote: 'The tuple `(1, 0)`, representing WSGI version 1.0.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L665-666',
    hint: "Set `environ['wsgi.version'] = (1, 0)`: a tuple, not a list and not `(1, 0, 1)`.",
  },
  {
    id: 'env-url-scheme',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`wsgi.url_scheme` is a str naming the scheme of the URL the app is invoked at; normally `"http"` / ' +
      '`"https"` as appropriate.',
    quote:
      'A string representing the "scheme" portion of the URL at which the application is being invoked. Normally, ' +
      'this will have the value `"http"` or `"https"`, as appropriate.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L668-671',
    hint: "Set `wsgi.url_scheme` to `'https'` on TLS listeners and `'http'` otherwise.",
  },
  {
    id: 'env-multithread',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`wsgi.multithread` is true iff the same app object may be invoked concurrently by another thread of the ' +
      'same process.',
    quote:
      'This value should evaluate true if the application object may be simultaneously invoked by another thread ' +
      'in the same process, and should evaluate false otherwise.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L706-709',
    hint: 'Set `wsgi.multithread` to True exactly when several threads may run the application at the same time.',
  },
  {
    id: 'env-multiprocess',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: '`wsgi.multiprocess` is true iff an equivalent app object may be invoked concurrently in another process.',
    quote:
      'This value should evaluate true if an equivalent application object may be simultaneously invoked by ' +
      'another process, and should evaluate false otherwise.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L711-714',
    hint: 'Set `wsgi.multiprocess` to True exactly when several worker processes serve the application.',
  },
  {
    id: 'env-run-once',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`wsgi.run_once` is true iff the server expects (without guarantee) one invocation per process lifetime; ' +
      'normally only CGI-like gateways.',
    quote:
      'This value should evaluate true if the server or gateway expects (but does not guarantee!) that the ' +
      'application will only be invoked this one time during the life of its containing process.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L716-721',
    hint:
      'Set `wsgi.run_once` to True only for CGI-style one-shot processes, and to False when a process serves many ' +
      'requests.',
  },
  {
    id: 'env-run-once-no-assume',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD NOT',
    section: 'Questions and Answers',
    anchor: 'questions-and-answers',
    summary: 'An app must not assume it will never be called again just because `wsgi.run_once` is true.',
    quote:
      'Therefore, an application should not assume that it will definitely not be run again, just because it is ' +
      'called with `wsgi.run_once` set to `True`.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1640-1655',
    hint:
      "Treat `wsgi.run_once` as a caching hint only (`preload = not environ['wsgi.run_once']`) and still handle a " +
      'second call correctly.',
    snippet: {
      broken: String.raw`def application(environ, start_response):
    body = CACHE['page']
    start_response('200 OK', [('Content-Type', 'text/html')])
    if environ['wsgi.run_once']:
        CACHE.clear()  # "the process exits after this request"
    return [body]`,
      fixed: String.raw`def application(environ, start_response):
    body = CACHE['page']
    start_response('200 OK', [('Content-Type', 'text/html')])
    # wsgi.run_once is only a hint: stay ready for another call
    return [body]`,
    },
  },
  {
    id: 'env-extension-naming',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      'Server-defined keys use only lower-case letters, digits, dots and underscores, prefixed with a name unique ' +
      'to the server (e.g. `mod_python.x`).',
    quote:
      'These variables should be named using only lower-case letters, numbers, dots, and underscores, and should ' +
      'be prefixed with a name that is unique to the defining server or gateway.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L724-729',
    hint:
      'Name your own environ keys like `myserver.some_value`: lower-case letters, digits, dots and underscores, ' +
      'under a prefix unique to your server.',
  },
  {
    id: 'env-ext-api-via-replaced',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Server Extension APIs',
    anchor: 'server-extension-apis',
    summary:
      'An extension API that replaces WSGI functionality must be invoked through the part it replaces (e.g. take ' +
      'the current environ) so it can verify middleware did not change things.',
    quote:
      'servers and gateways that provide extension APIs that replace some WSGI functionality, must design those ' +
      'APIs so that they are invoked using the portion of the API that they replace.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1291-1297',
    hint:
      'Make extension APIs take the current environ (or start_response) as an argument, e.g. ' +
      '`myserver.get_headers(environ)`.',
    untested:
      "a server's extension APIs are its own, named in its documentation: no request can discover them to check " +
      'how they are invoked',
  },
  {
    id: 'env-ext-api-refuse',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Server Extension APIs',
    anchor: 'server-extension-apis',
    summary:
      'If an extension API cannot guarantee agreement with environ (or is handed a `start_response` that is not ' +
      'the original), it must refuse service, e.g. by raising or returning None.',
    quote:
      'If the extension API cannot guarantee that it will always agree with `environ` about the contents of HTTP ' +
      'headers, it must refuse service to the application, e.g. by raising an error, returning `None` instead of ' +
      'a header collection, or whatever is appropriate to the API.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1297-1309',
    hint:
      'Make extension APIs raise (or return None) when they cannot vouch for the environ, or when the ' +
      'start_response passed in is not the one the server supplied.',
    untested:
      "a server's extension APIs are its own, named in its documentation: no request can discover them to check " +
      'that they refuse service',
  },
  {
    id: 'env-url-reconstruct',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY (algorithm for A)',
    section: 'URL Reconstruction',
    anchor: 'url-reconstruction',
    summary:
      '`scheme://` + (`HTTP_HOST` or `SERVER_NAME`, plus `:SERVER_PORT` unless 80/443 for http/https) + ' +
      '`quote(SCRIPT_NAME)` + `quote(PATH_INFO)` (+ `?QUERY_STRING` if non-empty) reproduces the request URL, ' +
      "rewrites aside. On Python 3 the PEP's `quote()` must be given `encoding='latin-1'`.",
    quote:
      "If an application wishes to reconstruct a request's complete URL, it may do so using the following " +
      'algorithm, contributed by Ian Bicking',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1377-1403',
    hint:
      'Fill `wsgi.url_scheme`, `HTTP_HOST`/`SERVER_NAME`, `SERVER_PORT`, `SCRIPT_NAME`, `PATH_INFO` and ' +
      "`QUERY_STRING` consistently, so the PEP's algorithm rebuilds the request URL.",
  },
  {
    id: 'env-forwarded-untrusted',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit MUST (env-url-scheme, env-server-name-port, RFC 3875 §4.1.8)',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      "With default settings, a client's `X-Forwarded-Proto`, `X-Forwarded-Host`, `X-Forwarded-For` or " +
      '`Forwarded` header does not change `wsgi.url_scheme`, the host the URL is rebuilt from, `SERVER_NAME`, ' +
      '`REMOTE_ADDR` or `SCRIPT_NAME`: they describe the connection the server accepted, unless the peer is a ' +
      'proxy the server was told (or documents by default) to trust.',
    quote:
      'A string representing the "scheme" portion of the URL at which the application is being invoked. Normally, ' +
      'this will have the value `"http"` or `"https"`, as appropriate.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L668-671; RFC 3875 §4.1.8, §4.1.14',
    hint:
      'Take the scheme, host and client address from the connection; honour X-Forwarded-*/Forwarded only from ' +
      'proxies the deployer lists (an allow-list that is empty, or loopback only, by default).',
    added:
      'A client that can say "https" turns an application\'s secure-cookie and redirect logic around, and one ' +
      'that can say its address defeats address-based limits: the values PEP 3333 and CGI define describe the ' +
      'connection, so a peer nobody trusts cannot set them.',
  },
];
