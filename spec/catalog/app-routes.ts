/**
 * Application-side rules that only requests on the application's own routes reach (a file
 * download, a page with non-ASCII text, a route with a path parameter): added to the
 * catalog with the requests and the crawl of `app`.
 */
import type { Rule } from '../rule.js';

export const appRouteRules: readonly Rule[] = [
  {
    id: 'body-app-content-length-accurate',
    binds: ['application'],
    level: 'MUST',
    keyword: 'implicit MUST',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary:
      'A `Content-Length` the application supplies equals the number of body bytes it yields or writes (HEAD, ' +
      '1xx, 204 and 304 answers aside).',
    quote:
      'Of course, if the application does not provide enough data to meet its stated `Content-Length`, the server ' +
      'should close the connection and log or otherwise report the error.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L919-927',
    hint:
      "Compute Content-Length from the encoded bytes you send: `body = text.encode('utf-8')`, then " +
      '`str(len(body))`, never `len(text)`.',
    added:
      'PEP 3333 calls a body short of its Content-Length an error and tells servers to cut off a longer one: ' +
      "either way the client gets a broken or truncated response (RFC 9112 §6.3), so the application's stated " +
      'length must be exact.',
    snippet: {
      broken: String.raw`text = 'Café au lait'
start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8'),
                          ('Content-Length', str(len(text)))])   # 11 characters
return [text.encode('utf-8')]                                    # 12 bytes`,
      fixed: String.raw`body = 'Café au lait'.encode('utf-8')
start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8'),
                          ('Content-Length', str(len(body)))])
return [body]`,
    },
  },
  {
    id: 'env-app-path-info-decoded-once',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'implicit SHOULD',
    section: 'environ Variables',
    anchor: 'section-4.1.5',
    summary:
      '`PATH_INFO` arrives percent-decoded: the application does not decode it again (a `%41` in it stays the ' +
      'three characters `%41`).',
    quote: 'Unlike a URI path, the PATH_INFO is not URL-encoded, and cannot contain path-segment parameters.',
    observe: ['app'],
    source: 'RFC 3875',
    lines: 'RFC 3875 §4.1.5',
    hint:
      "Route on `environ['PATH_INFO']` as it is (after `.encode('latin-1').decode('utf-8')` for non-ASCII text); " +
      'never `urllib.parse.unquote()` it: the server already did.',
    added:
      'A path decoded twice answers /a%2541 as /aA: a client reaches routes (and files: %252e%252e) that a proxy ' +
      'or filter in front checked under another name. PEP 3333 takes PATH_INFO from CGI, where it is decoded ' +
      'once, by the server; a SHOULD, since only routes that exist can show it.',
  },
];
