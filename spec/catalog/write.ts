import type { Rule } from '../rule.js';

/** Catalog section 1.11 write() (`write-*`) of docs/pep3333-rules.md. */
export const writeRules: readonly Rule[] = [
  {
    id: 'write-discouraged',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD NOT',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'New apps avoid `write()` when possible.',
    quote:
      'New WSGI applications and frameworks should not use the `write()` callable if it is possible to avoid doing so.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L512-516, L1057-1063',
    hint:
      'Return the body (`return [body]`, or yield chunks) instead of `write = start_response(status, headers); ' +
      'write(body)`.',
    snippet: {
      broken: String.raw`write = start_response('200 OK', headers)
write(b'Hello')
return []`,
      fixed: String.raw`start_response('200 OK', headers)
return [b'Hello']`,
    },
  },
  {
    id: 'write-arg-bytes',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The write() Callable',
    anchor: 'the-write-callable',
    summary: '`write()` takes exactly one `bytes` argument.',
    quote:
      'The `write()` callable is returned by the `start_response()` callable, and it accepts a single parameter: ' +
      'a bytestring to be written as part of the HTTP response body',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1065-1068, L1115-1119',
    hint: "Pass exactly one bytes object per call, `write(chunk.encode('utf-8'))`, never a str or several arguments.",
    implies: ['unicode-native-vs-bytes'],
    snippet: {
      broken: String.raw`write = start_response('200 OK', headers)
write('Hello')
return []`,
      fixed: String.raw`write = start_response('200 OK', headers)
write(b'Hello')
return []`,
    },
  },
  {
    id: 'write-same-as-yield',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The write() Callable',
    anchor: 'the-write-callable',
    summary:
      'Data passed to `write()` is treated exactly as if it had been yielded (framing, Content-Length handling).',
    quote:
      'a bytestring to be written as part of the HTTP response body, that is treated exactly as though it had ' +
      'been yielded by the output iterable.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1066-1068',
    hint:
      'Send `write()` data down the same path as yielded items: same framing, Content-Length accounting and header ' +
      'triggering.',
  },
  {
    id: 'write-sent-or-queued',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The write() Callable',
    anchor: 'the-write-callable',
    summary:
      'Before `write()` returns, the data is completely sent or buffered for transmission while the app continues.',
    quote:
      'In other words, before `write()` returns, it must guarantee that the passed-in bytestring was either ' +
      'completely sent to the client, or that it is buffered for transmission while the application proceeds ' +
      'onward.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1069-1072',
    hint:
      'Send (and flush) the data before `write()` returns, or queue it to a sender that keeps transmitting while ' +
      'the application runs.',
  },
  {
    id: 'write-sends-headers',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'The app\'s first `write()` call triggers header transmission (the PEP does not say "non-empty" here; its ' +
      "CGI example sends headers on `write(b'')`).",
    quote:
      'Instead, it must store them for the server or gateway to transmit only after the first iteration of the ' +
      "application return value that yields a non-empty bytestring, or upon the application's first invocation of " +
      'the `write()` callable.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L853-855, L349-350',
    hint: 'Send the stored status and headers on the first `write()` call, before its data.',
  },
  {
    id: 'write-cl-excess-error',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary: "`write()` past the app's Content-Length raises an error.",
    quote:
      'If the application supplies a `Content-Length` header, the server should not transmit more bytes to the ' +
      'client than the header allows, and should stop iterating over the response when enough data has been sent, ' +
      'or raise an error if the application tries to `write()` past that point.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L922-924',
    hint: "Raise an error from `write()` when its data would go past the application's Content-Length.",
  },
  {
    id: 'write-still-return-iterable',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The write() Callable',
    anchor: 'the-write-callable',
    summary: 'The app returns an iterable even if it used `write()` for all or part of the body.',
    quote:
      'An application must return an iterable object, even if it uses `write()` to produce all or part of its ' +
      'response body.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1074-1075',
    hint: 'After using `write()`, still `return []` (or another iterable), never None.',
    snippet: {
      broken: String.raw`def application(environ, start_response):
    write = start_response('200 OK', [('Content-Type', 'text/plain')])
    write(b'Hello')
    # falls off the end: returns None`,
      fixed: String.raw`def application(environ, start_response):
    write = start_response('200 OK', [('Content-Type', 'text/plain')])
    write(b'Hello')
    return []`,
    },
  },
  {
    id: 'write-then-iterable-order',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The write() Callable',
    anchor: 'the-write-callable',
    summary:
      'The iterable returned after `write()` calls may be empty; if it yields data, that data is sent or queued ' +
      'immediately, after all `write()` data.',
    quote:
      'The returned iterable may be empty (i.e. yield no non-empty bytestrings), but if it does yield non-empty ' +
      'bytestrings, that output must be treated normally by the server or gateway (i.e., it must be sent or ' +
      'queued immediately).',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1076-1082',
    hint: 'Send data the iterable yields as soon as it is yielded, after everything passed to `write()`.',
  },
  {
    id: 'write-not-inside-iterable',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'The write() Callable',
    anchor: 'the-write-callable',
    summary: 'The app must not call `write()` from within its returned iterable.',
    quote:
      'Applications must not invoke `write()` from within their return iterable, and therefore any bytestrings ' +
      'yielded by the iterable are transmitted after all bytestrings passed to `write()` have been sent to the ' +
      'client.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1079-1080',
    hint: 'Inside a generator, `yield chunk` instead of calling `write(chunk)`.',
    snippet: {
      broken: String.raw`write = start_response('200 OK', headers)

def body():
    write(b'Hello, ')   # called while the server iterates
    yield b'world'

return body()`,
      fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])  # no stale Content-Length

def body():
    yield b'Hello, '
    yield b'world'

return body()`,
    },
  },
];
