import type { Rule } from '../rule.js';

/** Catalog section 1.7 Response headers (`headers-*`) of docs/pep3333-rules.md. */
export const headersRules: readonly Rule[] = [
  {
    id: 'headers-list-type',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: '`response_headers` is exactly a `list` (`type(h) is list`).',
    quote: 'It must be a Python list; i.e. `type(response_headers) is ListType`',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L813-815',
    hint:
      "Pass headers as a real list, `[('Content-Type', 'text/plain')]`, not a tuple, a dict or a " +
      '`wsgiref.headers.Headers` object (pass `h.items()`).',
    snippet: {
      broken: String.raw`headers = (('Content-Type', 'text/plain'),)   # a tuple
headers = {'Content-Type': 'text/plain'}      # a dict
start_response('200 OK', headers)`,
      fixed: String.raw`headers = [('Content-Type', 'text/plain')]   # exactly a list
start_response('200 OK', headers)`,
    },
  },
  {
    id: 'headers-tuple-items',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST (implicit)',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'Each item of `response_headers` is a 2-tuple `(header_name, header_value)`.',
    quote: 'The `response_headers` argument is a list of `(header_name, header_value)` tuples.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L503-504, L813-814',
    hint:
      "Make each header a 2-tuple, `('Content-Type', 'text/html; charset=utf-8')`, not a list or a `'Name: value'` " +
      'string.',
    snippet: {
      broken: String.raw`start_response('200 OK', [['Content-Type', 'text/plain']])`,
      fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])`,
    },
  },
  {
    id: 'headers-str-types',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary: 'Header names and values are native `str`.',
    quote:
      'Again, all objects referred to in this specification as "strings" must be of type `str` or `StringType`, ' +
      'and must not be of type `unicode` or `UnicodeType`.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1108-1110',
    hint: "Use str for header names and values: `('Content-Length', str(len(body)))`, never bytes or ints.",
    implies: ['unicode-native-vs-bytes'],
    snippet: {
      broken: String.raw`start_response('200 OK', [('Content-Type', b'text/plain'),
                          ('Content-Length', len(body))])`,
      fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain'),
                          ('Content-Length', str(len(body)))])`,
    },
  },
  {
    id: 'headers-server-may-modify',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      "The server may change the header list's contents as it likes, so an app must not reuse or rely on the list " +
      'object it passed.',
    quote:
      'It must be a Python list; i.e. `type(response_headers) is ListType`, and the server may change its ' +
      'contents in any way it desires.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L815-816',
    hint:
      "Build a fresh header list on every call (`headers = [('Content-Type', 'text/plain')]` inside the app, not a " +
      'shared module-level list), since the server may modify it.',
  },
  {
    id: 'headers-name-token',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'Each header name is a valid RFC 2616 §4.2 field-name (token), without a trailing colon or other punctuation.',
    quote:
      'Each `header_name` must be a valid HTTP header field-name (as defined by RFC 2616, Section 4.2), without a ' +
      'trailing colon or other punctuation.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L816-818',
    hint: "Use bare token names: `('X-Request-Id', rid)`, not `('X-Request-Id:', rid)` or names containing spaces.",
    snippet: {
      broken: String.raw`headers.append(('X-Greeting:', 'hello'))   # or 'Content Type'`,
      fixed: String.raw`headers.append(('X-Greeting', 'hello'))    # a bare token, no colon`,
    },
  },
  {
    id: 'headers-value-no-ctl',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'Header values contain no control characters, including CR or LF, embedded or trailing. Strictly this ' +
      'includes HTAB, which RFC 9110 allows in field values, so the suite must decide and document its choice.',
    quote:
      'Each `header_value` must not include any control characters, including carriage returns or linefeeds, ' +
      'either embedded or at the end.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L820-821',
    hint:
      'Reject or strip CR, LF and other control characters from header values before passing them, e.g. from user ' +
      'input put into `Location`.',
    snippet: {
      broken: String.raw`headers.append(('X-Note', 'first line\nsecond line'))`,
      fixed: String.raw`headers.append(('X-Note', 'first line; second line'))`,
    },
  },
  {
    id: 'headers-latin1',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary: 'Header strings are ISO-8859-1 (or RFC 2047 encoded).',
    quote:
      'Note also that strings passed to `start_response()` as a status or as response headers must follow RFC ' +
      '2616 with respect to encoding. That is, they must either be ISO-8859-1 characters, or use RFC 2047 MIME ' +
      'encoding.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1094-1097',
    hint:
      "Keep header strings ISO-8859-1: percent-encode anything else, e.g. `('Content-Disposition', \"attachment; " +
      "filename*=UTF-8''caf%C3%A9.txt\")`.",
    implies: ['unicode-latin1-translatable', 'unicode-app-non-latin1-fatal'],
    snippet: {
      broken: String.raw`headers.append(('X-Price', '5 \u20ac'))   # the euro sign is not Latin-1`,
      fixed: String.raw`headers.append(('X-Price', '5 EUR'))
# or RFC 8187 / RFC 2047 encoding, e.g. for Content-Disposition:
headers.append(('Content-Disposition', "attachment; filename*=UTF-8''%E2%82%AC.txt"))`,
    },
  },
  {
    id: 'headers-server-adds-required',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'The server adds the headers HTTP requires that the app omitted (Date, framing such as Content-Length, ' +
      'chunked or close); Server is customary.',
    quote:
      'if the application omits a header required by HTTP (or other relevant specifications that are in effect), ' +
      'the server or gateway must add it.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L826-831',
    hint:
      'Add `Date` and the framing the app left out (Content-Length, chunked Transfer-Encoding or `Connection: ' +
      'close`).',
  },
  {
    id: 'headers-case-insensitive',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST (reminder)',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'The server examines app headers case-insensitively, so `content-length` and `DATE` count.',
    quote:
      'A reminder for server/gateway authors: HTTP header names are case-insensitive, so be sure to take that ' +
      'into consideration when examining application-supplied headers!',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L833-835',
    hint:
      "Compare header names case-insensitively (`name.lower() == 'content-length'`), so the app's `content-length` " +
      'or `DATE` is recognised.',
  },
  {
    id: 'headers-no-hop-by-hop',
    binds: ['application', 'middleware'],
    level: 'MUST',
    keyword: 'MUST NOT ("forbidden")',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'Apps and middleware send no hop-by-hop headers (Connection, Keep-Alive, Proxy-Authenticate, ' +
      'Proxy-Authorization, TE, Trailer(s), Transfer-Encoding, Upgrade; RFC 2616 §13.5.1) and use no ' +
      'connection-persistence features.',
    quote:
      'Applications and middleware are forbidden from using HTTP/1.1 "hop-by-hop" features or headers, any ' +
      "equivalent features in HTTP/1.0, or any headers that would affect the persistence of the client's " +
      'connection to the web server.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L837-841, L1222-1226',
    hint:
      'Leave `Connection`, `Keep-Alive`, `Transfer-Encoding`, `TE`, `Trailer`, `Upgrade` and `Proxy-Authenticate` ' +
      'out of your header list; the server owns them.',
    snippet: {
      broken: String.raw`headers.append(('Connection', 'keep-alive'))`,
      fixed: String.raw`# leave Connection, Keep-Alive, Transfer-Encoding, Upgrade, TE, Trailer
# and Proxy-* headers to the server`,
    },
  },
  {
    id: 'headers-hop-by-hop-fatal',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'The server treats such headers as a fatal error and raises from `start_response`.',
    quote:
      'a server or gateway should consider it a fatal error for an application to attempt sending them, and raise ' +
      'an error if they are supplied to `start_response()`.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L841-844',
    hint:
      'Raise from `start_response` when the application passes a hop-by-hop header such as `Connection` or ' +
      '`Transfer-Encoding`.',
  },
  {
    id: 'headers-preserved',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD ("play dumb")',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary:
      'The app headers reach the client without semantic change: duplicates such as several Set-Cookie headers ' +
      'are kept, same-named headers keep their order, values stay intact.',
    quote:
      'In general, servers and gateways should "play dumb" and allow the application complete control over its output.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1210-1213',
    hint:
      'Send every application header as given, keeping duplicates such as several `Set-Cookie` headers, their order ' +
      'and their values.',
  },
];
