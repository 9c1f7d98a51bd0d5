import type { Rule } from '../rule.js';

/** Catalog section 1.9 Response body / iterable (`body-*`) of docs/pep3333-rules.md. */
export const bodyRules: readonly Rule[] = [
  {
    id: 'body-iterable',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      'The app returns an iterable yielding zero or more bytestrings (a list, a generator, an instance of an ' +
      'iterable class). A bare `bytes` is technically iterable but yields ints on Python 3.',
    quote:
      'When called by the server, the application object must return an iterable yielding zero or more bytestrings.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L518-524',
    hint:
      "Return a list of bytes or a generator, `return [b'Hello']`, " +
      "never a bare `b'Hello'` (it yields ints) or None.",
    snippet: {
      broken: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return b'Hello'   # bare bytes (iterating gives ints), a str, or None`,
      fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
    },
  },
  {
    id: 'body-items-bytes',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary: 'Every yielded item is exactly `bytes`.',
    quote:
      'For values referred to in this specification as "bytestrings" (i.e., values read from `wsgi.input`, passed ' +
      'to `write()` or yielded by the application), the value must be of type `bytes` under Python 3',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1115-1119',
    hint: "Encode text before returning it: `return [body.encode('utf-8')]`, never a str.",
    implies: ['unicode-native-vs-bytes'],
    snippet: {
      broken: String.raw`return [b'Hello, ', 'world']`,
      fixed: String.raw`return [b'Hello, ', 'world'.encode('utf-8')]`,
    },
  },
  {
    id: 'body-unbuffered',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'The server transmits each yielded bytestring completely before asking for the next.',
    quote:
      'The server or gateway must transmit the yielded bytestrings to the client in an unbuffered fashion, ' +
      'completing the transmission of each bytestring before requesting another one.',
    observe: ['server', 'wire'],
    source: 'PEP 3333',
    lines: 'L526-528',
    hint: 'Write and flush each yielded chunk to the socket before calling `next()` on the iterable again.',
  },
  {
    id: 'body-no-delay',
    binds: ['server', 'middleware'],
    level: 'MUST',
    keyword: 'MUST NOT delay',
    section: 'Buffering and Streaming',
    anchor: 'buffering-and-streaming',
    summary:
      'No block may be delayed: servers send it fully (to the OS, flushed) or guarantee continued transmission ' +
      '(e.g. from another thread) while the app produces the next; middleware passes the whole block to its ' +
      'parent.',
    quote:
      'WSGI servers, gateways, and middleware must not delay the transmission of any block; they must either ' +
      'fully transmit the block to the client, or guarantee that they will continue transmission even while the ' +
      'application is producing its next block.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L987-1003',
    hint:
      'Hand each block to the OS (and flush) or to a sender thread before asking for the next one; middleware ' +
      'passes each block straight to its parent.',
  },
  {
    id: 'body-app-buffers',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'Apps do their own buffering; a single-item list is the recommended shape.',
    quote: 'In other words, applications should perform their own buffering.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L528-531, L968-972',
    hint:
      "Build the body in memory and return it as one item, `return [b''.join(parts)]`, instead of yielding many " +
      'tiny pieces.',
  },
  {
    id: 'body-binary-safe',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'Body bytes are treated as binary: line endings and everything else stay unchanged.',
    quote:
      'The server or gateway should treat the yielded bytestrings as binary byte sequences: in particular, it ' +
      'should ensure that line endings are not altered.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L533-535',
    hint: 'Send body bytes untouched: no newline conversion, re-encoding or trimming.',
  },
  {
    id: 'body-transfer-coding-may',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'The server may apply transfer-codings or other HTTP transformations such as byte ranges.',
    quote:
      'The server or gateway may apply HTTP transfer encodings, or perform other transformations for the purpose ' +
      'of implementing HTTP features such as byte-range transmission.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L536-540',
    hint: "Apply transfer-codings such as chunked only in ways that decode back to exactly the application's bytes.",
  },
  {
    id: 'body-len-accurate',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'If `len(iterable)` succeeds it is accurate (the number of items).',
    quote:
      'That is, if the iterable returned by the application provides a working `__len__()` method, it must return ' +
      'an accurate result.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L542-546',
    hint:
      'Define `__len__` on your iterable only if it returns the exact number of items it will yield; otherwise ' +
      'leave it out.',
    snippet: {
      broken: String.raw`class Body:
    def __iter__(self):
        return iter([b'Hello, ', b'world'])
    def __len__(self):
        return 5   # there are 2 items`,
      fixed: String.raw`class Body:
    def __init__(self):
        self.chunks = [b'Hello, ', b'world']
    def __iter__(self):
        return iter(self.chunks)
    def __len__(self):
        return len(self.chunks)   # or define no __len__ at all`,
    },
  },
  {
    id: 'body-no-other-attributes',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      "The server uses only iteration, `close()` and `len()` of the iterable, unless it is the server's own type " +
      'such as its file wrapper.',
    quote:
      'Finally, servers and gateways must not directly use any other attributes of the iterable returned by the ' +
      'application, unless it is an instance of a type specific to that server or gateway, such as a "file ' +
      'wrapper" returned by `wsgi.file_wrapper`',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L569-575',
    hint:
      "Use only `iter()`, `close()` and `len()` on the application's return value, except on your own file-wrapper " +
      'type.',
  },
  {
    id: 'body-may-be-closed-early',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD NOT assume full consumption',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'Generators and other iterators returned by the app must tolerate being closed before exhaustion.',
    quote:
      'Applications returning a generator or other custom iterator should not assume the entire iterator will be ' +
      'consumed, as it may be closed early by the server.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L558-560',
    hint:
      'Put cleanup in `try: ... finally:` inside the generator (or in `close()`) so it runs even when the server ' +
      'stops iterating early.',
    snippet: {
      broken: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    try:
        yield b'part one'
        yield b'part two'
    except GeneratorExit:
        yield b'interrupted'   # close() then raises RuntimeError`,
      fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    try:
        yield b'part one'
        yield b'part two'
    finally:
        release_resources()   # clean up, but never yield here`,
    },
  },
  {
    id: 'body-getitem-iterable',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit',
    section: 'Supporting Older (<2.2) Versions of Python',
    anchor: 'supporting-older-2-2-versions-of-python',
    summary:
      'The server iterates with the ordinary protocol (`for`/`iter()`), so an iterable with only `__getitem__`, ' +
      "exactly the PEP's own `FileWrapper` example, works.",
    quote:
      'servers and gateways targeting pre-2.2 versions of Python must simply restrict themselves to using only a ' +
      'standard "for" loop to iterate over any iterable returned by an application.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1414-1420, L1520-1532',
    hint:
      'Iterate the result with `for data in result:` (or `iter(result)`), never by calling `result.__iter__()` ' +
      'directly, so `__getitem__`-only iterables work.',
  },
  {
    id: 'body-empty-items-ok',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'Empty bytestrings may appear anywhere in the body; they neither trigger the headers nor end the body (e.g. ' +
      'no premature zero-size chunk).',
    quote:
      'it must store them for the server or gateway to transmit only after the first iteration of the application ' +
      'return value that yields a non-empty bytestring',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L853-854, L1018-1024',
    hint:
      'Skip empty chunks: they must not trigger the headers, and must never be sent as a zero-length (terminating) ' +
      'chunk.',
  },
  {
    id: 'body-cl-no-excess',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD NOT',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary: 'With an app-supplied Content-Length, the server sends no more than that many body bytes.',
    quote:
      'If the application supplies a `Content-Length` header, the server should not transmit more bytes to the ' +
      'client than the header allows',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L920-922',
    hint: "Count body bytes against the application's Content-Length and cut off anything beyond it.",
  },
  {
    id: 'body-cl-stop-iterating',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary: 'The server stops iterating once Content-Length bytes have been sent.',
    quote:
      'If the application supplies a `Content-Length` header, the server should not transmit more bytes to the ' +
      'client than the header allows, and should stop iterating over the response when enough data has been sent, ' +
      'or raise an error if the application tries to `write()` past that point.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L922-923',
    hint: 'Stop pulling items from the iterable once Content-Length bytes have been sent, then call its `close()`.',
  },
  {
    id: 'body-cl-short-close',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary:
      'If the app supplies fewer bytes than its Content-Length, the server closes the connection and logs or ' +
      'reports the error.',
    quote:
      'Of course, if the application does not provide enough data to meet its stated `Content-Length`, the server ' +
      'should close the connection and log or otherwise report the error.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L924-927',
    hint:
      'When the body ends short of its Content-Length, log the error and close the connection instead of keeping it ' +
      'alive.',
  },
  {
    id: 'body-no-cl-framing',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary:
      'Without an app Content-Length the server may close the connection at the end, compute Content-Length (no ' +
      '`write()` and `len(iterable) == 1`), or use chunked encoding (HTTP/1.1).',
    quote:
      'If the application does not supply a `Content-Length` header, a server or gateway may choose one of ' +
      'several approaches to handling it. The simplest of these is to close the client connection when the ' +
      'response is completed.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L929-940',
    hint:
      'Without an application Content-Length, close the connection at the end, compute the length (single item, no ' +
      '`write()`), or use chunked for HTTP/1.1 clients.',
  },
  {
    id: 'body-app-no-transfer-encoding',
    binds: ['application', 'middleware'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary: 'Apps and middleware apply no Transfer-Encoding (chunking, gzip as a transfer-coding) to their output.',
    quote:
      'applications and middleware must not apply any kind of `Transfer-Encoding` to their output, such as ' +
      'chunking or gzipping; as "hop-by-hop" operations, these encodings are the province of the actual web ' +
      'server/gateway.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L952-956, L1239-1242',
    hint:
      'Return plain body bytes and never set `Transfer-Encoding`; to compress, gzip the body yourself and send ' +
      "`('Content-Encoding', 'gzip')`.",
    implies: ['headers-no-hop-by-hop'],
    snippet: {
      broken: String.raw`start_response('200 OK', [('Content-Type', 'text/plain'),
                          ('Transfer-Encoding', 'chunked')])
return [b'5\r\nHello\r\n', b'0\r\n\r\n']`,
      fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])
return [b'Hello']   # the server chooses the framing`,
    },
  },
];
