import type { Rule } from '../rule.js';

/** Catalog section 1.15 Middleware (`middleware-*`) of docs/pep3333-rules.md. */
export const middlewareRules: readonly Rule[] = [
  {
    id: 'middleware-both-sides',
    binds: ['middleware'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Middleware: Components that Play Both Sides',
    anchor: 'middleware-components-that-play-both-sides',
    summary:
      'Middleware meets the server-side requirements towards the app it wraps and the app-side requirements ' +
      'towards its server.',
    quote:
      'For the most part, middleware must conform to the restrictions and requirements of both the server and ' +
      'application sides of WSGI.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L387-391',
    hint:
      'Treat the wrapped application as a server would (plain dict environ, positional call, `close()` its result) ' +
      'and your server as an application would (bytes body, one `start_response`).',
  },
  {
    id: 'middleware-transparent',
    binds: ['middleware'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Middleware: Components that Play Both Sides',
    anchor: 'middleware-components-that-play-both-sides',
    summary: 'Middleware needs no special support from servers or apps.',
    quote:
      'The presence of middleware in general is transparent to both the "server/gateway" and the ' +
      '"application/framework" sides of the interface, and should require no special support.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L375-377',
    hint:
      'Expose the plain `app(environ, start_response)` interface on both sides, so neither the server nor the ' +
      'application needs to know about you.',
    untested:
      'not testable automatically: whether servers or applications needed "special support" is a design property; ' +
      'what shows of it is judged by the server-side and application-side rules of a middleware run',
  },
  {
    id: 'middleware-no-block-iteration',
    binds: ['middleware'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Middleware Handling of Block Boundaries',
    anchor: 'middleware-handling-of-block-boundaries',
    summary: "Middleware must not block iteration waiting for several values from the app's iterable.",
    quote:
      'In order to better support asynchronous applications and servers, middleware components must not block ' +
      'iteration waiting for multiple values from an application iterable.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1015-1017',
    hint:
      "Pull one item from the inner iterable per outer `next()`; yield `b''` while accumulating instead of looping " +
      'over several inner items.',
  },
  {
    id: 'middleware-yield-per-yield',
    binds: ['middleware'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Middleware Handling of Block Boundaries',
    anchor: 'middleware-handling-of-block-boundaries',
    summary: "Middleware yields at least one value (`b''` if nothing else) each time the wrapped app yields one.",
    quote:
      'To put this requirement another way, a middleware component must yield at least one value each time its ' +
      'underlying application yields a value.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1017-1024',
    hint:
      "Yield something for every inner item: `for chunk in inner: buf.append(chunk); yield b''` when you must " +
      'buffer.',
  },
  {
    id: 'middleware-return-promptly',
    binds: ['middleware'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Middleware Handling of Block Boundaries',
    anchor: 'middleware-handling-of-block-boundaries',
    summary:
      'Middleware returns an iterable as soon as the wrapped app returns one, without pre-iterating in `__call__`.',
    quote:
      'Note also that this requirement means that middleware must return an iterable as soon as its underlying ' +
      'application returns an iterable.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1030-1032',
    hint:
      'Return a wrapping iterator at once (`return Wrapper(self.app(environ, start_response))`) without consuming ' +
      'the inner iterable in `__call__`.',
    snippet: {
      broken: String.raw`def wrapped(environ, start_response):
    body = app(environ, start_response)
    return [b''.join(body).upper()]  # the whole body, inside __call__`,
      fixed: String.raw`def wrapped(environ, start_response):
    return upper(app(environ, start_response))

def upper(body):  # a generator: runs only as the server pulls
    try:
        for chunk in body:
            yield chunk.upper()
    finally:
        if hasattr(body, 'close'):
            body.close()`,
    },
  },
  {
    id: 'middleware-no-write-for-yielded',
    binds: ['middleware'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Middleware Handling of Block Boundaries',
    anchor: 'middleware-handling-of-block-boundaries',
    summary: "Middleware does not push data the app yielded through the parent's `write()`.",
    quote:
      'It is also forbidden for middleware to use the `write()` callable to transmit data that is yielded by an ' +
      'underlying application.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1032-1034',
    hint: "Yield what the application yields from your own iterable; never push it through the server's `write()`.",
  },
  {
    id: 'middleware-write-passthrough-only',
    binds: ['middleware'],
    level: 'MAY',
    keyword: 'MAY only',
    section: 'Middleware Handling of Block Boundaries',
    anchor: 'middleware-handling-of-block-boundaries',
    summary: "Middleware uses the parent's `write()` only for data the app gave to the middleware's own `write()`.",
    quote:
      "Middleware may only use their parent server's `write()` callable to transmit data that the underlying " +
      'application sent using a middleware-provided `write()` callable.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1034-1037',
    hint:
      'Call the parent `write()` only from the `write` you handed to the application, e.g. `def write_latin(data): ' +
      'write(piglatin(data))`.',
    untested:
      'nothing to fail: a permission (MAY); its prohibition, write() for yielded data, is checked by ' +
      'middleware-no-write-for-yielded',
  },
  {
    id: 'middleware-adjust-content-length',
    binds: ['middleware'],
    level: 'MUST',
    keyword: 'implicit (example)',
    section: 'Middleware: Components that Play Both Sides',
    anchor: 'middleware-components-that-play-both-sides',
    summary: "Middleware that changes the body length drops or fixes Content-Length (the PEP's Latinator strips it).",
    quote: "Strip content-length if present, else it'll be wrong",
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L450-454',
    hint:
      'When you change the body length, drop the header: `headers = [(n, v) for n, v in headers if n.lower() != ' +
      "'content-length']`.",
    // Towards the server, the stale header is also the application-side framing fault.
    implies: ['body-app-content-length-accurate'],
    snippet: {
      broken: String.raw`def gzip_start_response(status, headers, exc_info=None):
    # Content-Length still counts the uncompressed body
    return start_response(status, headers + [('Content-Encoding', 'gzip')], exc_info)`,
      fixed: String.raw`def gzip_start_response(status, headers, exc_info=None):
    headers = [(n, v) for n, v in headers if n.lower() != 'content-length']
    return start_response(status, headers + [('Content-Encoding', 'gzip')], exc_info)`,
    },
  },
  {
    id: 'middleware-environ-functions',
    binds: ['middleware'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Server Extension APIs',
    anchor: 'server-extension-apis',
    summary:
      'Middleware adding parsed data (cookies, forms, sessions) exposes functions over environ rather than ' +
      'stuffing values into it.',
    quote:
      'Specifically, such middleware should provide these features as functions which operate on `environ`, ' +
      'rather than simply stuffing values into `environ`.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1311-1317',
    hint:
      'Expose parsed data as functions over environ, e.g. `get_cookies(environ)`, instead of storing ' +
      "`environ['mymw.cookies'] = parsed`.",
    untested:
      'not testable automatically: telling parsed data "stuffed" into environ from a legitimate extension key ' +
      'needs intent (docs/interpretations.md)',
  },
];
