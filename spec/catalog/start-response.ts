import type { Rule } from '../rule.js';

/** Catalog section 1.5 start_response (`start-response-*`) of docs/pep3333-rules.md. */
export const startResponseRules: readonly Rule[] = [
  {
    id: 'start-response-signature',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      '`start_response(status, response_headers, exc_info=None)` takes two required positional arguments and an ' +
      'optional third positional one.',
    quote:
      'The second parameter passed to the application object is a callable of the form `start_response(status, ' +
      'response_headers, exc_info=None)`.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L494-497, L797-798',
    hint:
      'Define it as `def start_response(status, response_headers, exc_info=None):` so the third argument can be ' +
      'passed positionally.',
  },
  {
    id: 'start-response-positional-call',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'The app calls `start_response` with positional arguments only.',
    quote:
      'the application must invoke the `start_response` callable using positional arguments (e.g. ' +
      '`start_response(status, response_headers)`).',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L497-500, L799-800',
    hint:
      "Call `start_response('200 OK', headers)` positionally, never `start_response(status='200 OK', " +
      'response_headers=headers)`.',
    snippet: {
      broken: String.raw`start_response(status='200 OK',
               response_headers=[('Content-Type', 'text/plain')])`,
      fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])`,
    },
  },
  {
    id: 'start-response-returns-write',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: '`start_response` returns a `write(body_data)` callable taking one positional bytestring.',
    quote:
      'The `start_response` callable must return a `write(body_data)` callable that takes one positional ' +
      'parameter: a bytestring to be written as part of the HTTP response body.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L510-512, L800-802',
    hint: 'Return a `write(data)` callable from `start_response` that takes one positional bytes argument.',
  },
  {
    id: 'start-response-before-body',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      'The app calls `start_response` before its iterable yields the first body bytestring (the call may happen ' +
      'inside the first iteration).',
    quote:
      'the application must invoke the `start_response()` callable before the iterable yields its first body ' +
      'bytestring, so that the server can send the headers before any body content.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L562-565',
    hint:
      'Call `start_response(status, headers)` before the first body bytes are yielded, e.g. as the first statement ' +
      'of your generator.',
    snippet: {
      broken: String.raw`def application(environ, start_response):
    yield b'Hello, '
    start_response('200 OK', [('Content-Type', 'text/plain')])
    yield b'world'`,
      fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    yield b'Hello, '
    yield b'world'`,
    },
  },
  {
    id: 'start-response-lazy-allowed',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      'The server must not assume `start_response` has been called before it starts iterating (generator apps ' +
      'call it on the first `next()`).',
    quote:
      "However, this invocation may be performed by the iterable's first iteration, so servers must not assume " +
      'that `start_response()` has been called before they begin iterating over the iterable.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L565-567',
    hint:
      'Start iterating the result before checking that `start_response` was called; require it only once the first ' +
      'non-empty item arrives.',
  },
  {
    id: 'start-response-check-headers-early',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'The server validates headers when `start_response` is called, so the error is raised while the app still runs.',
    quote:
      'Servers should check for errors in the headers at the time `start_response` is called, so that an error ' +
      'can be raised while the application is still running.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L847-849',
    hint: 'Validate the status and headers inside `start_response` and raise there, not later when sending them.',
  },
  {
    id: 'start-response-store-then-check',
    binds: ['server'],
    // What shows it is a second call without exc_info being accepted, the observation
    // start-response-second-call-error judges at SHOULD: one fault, one level.
    level: 'SHOULD',
    keyword: 'implicit',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'Headers are recorded before they are validated, so a first call that raised still counts as called: a ' +
      'later call without `exc_info` must fail, one with `exc_info` may succeed.',
    quote: 'This includes the case where the first call to `start_response` raised an error.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L335-340, L896-898',
    hint:
      'Store the status and headers first and validate them afterwards, so a first call that raised still counts as ' +
      'a call.',
  },
  {
    id: 'start-response-defer-headers',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      '`start_response` must not transmit headers: they go out only when the iterable yields its first non-empty ' +
      'bytestring, on the first `write()` call, or when the iterable is exhausted. The only possible exception is ' +
      'headers explicitly saying `Content-Length: 0`.',
    quote: 'However, the `start_response` callable must not actually transmit the response headers.',
    observe: ['server', 'wire'],
    source: 'PEP 3333',
    lines: 'L851-859',
    hint:
      'Only store status and headers in `start_response`; send them with the first non-empty body chunk, on the ' +
      'first `write()`, or when an empty body ends.',
  },
  {
    id: 'start-response-headers-on-exhaustion',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST (implicit)',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'If the iterable ends without any body data, the headers are still sent (empty body).',
    quote:
      'In other words, response headers must not be sent until there is actual body data available, or until the ' +
      "application's returned iterable is exhausted.",
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L856-858, L349-350',
    hint:
      'When the iterable ends without any body bytes, still ' +
      'send the stored status and headers, with an empty body.',
  },
  {
    id: 'start-response-once',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT ("fatal error")',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'Calling `start_response` again without `exc_info` in the same invocation is a fatal error, including when ' +
      'the first call raised.',
    quote:
      'More precisely, it is a fatal error to call `start_response` without the `exc_info` argument if ' +
      '`start_response` has already been called within the current invocation of the application.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L892-898',
    hint:
      'Call `start_response` once per request; a second call must come from an error handler and pass ' +
      "`sys.exc_info()`: `start_response('500 Internal Server Error', headers, sys.exc_info())`.",
    snippet: {
      broken: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])
# ... later ...
start_response('200 OK', [('Content-Type', 'text/plain'),
                          ('Content-Length', str(len(body)))])`,
      fixed: String.raw`headers = [('Content-Type', 'text/plain'),
           ('Content-Length', str(len(body)))]
start_response('200 OK', headers)  # once, with every header`,
    },
  },
  {
    id: 'start-response-second-call-error',
    binds: ['server'],
    // The PEP only shows this in its CGI example ("implicit (example raises)"); failing a
    // server for not doing what sample code does would be opinion: judged as SHOULD.
    level: 'SHOULD',
    keyword: 'implicit (example raises)',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      "The server detects a second `start_response` call without `exc_info` and raises (the PEP's example raises " +
      '`AssertionError("Headers already set!")`).',
    quote: 'raise AssertionError("Headers already set!")',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L332-333',
    hint:
      "Remember that headers were set and raise (e.g. `AssertionError('Headers already set!')`) on a second call " +
      'without `exc_info`.',
  },
  {
    id: 'start-response-recall-with-exc-info',
    binds: ['server', 'application'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'The app may call `start_response` more than once if and only if `exc_info` is given; the server must ' +
      'accept such a call while nothing has been sent.',
    quote:
      'The application may call `start_response` more than once, if and only if the `exc_info` argument is provided.',
    observe: ['server', 'app'],
    source: 'PEP 3333',
    lines: 'L892-893',
    hint:
      'Call `start_response` again only in an `except` block with `sys.exc_info()` as the third argument; servers ' +
      'accept that call while nothing has been sent.',
  },
];
