import type { Rule } from '../rule.js';

/** Catalog section 1.3 wsgi.input (`input-*`) of docs/pep3333-rules.md. */
export const inputRules: readonly Rule[] = [
  {
    id: 'input-present-filelike',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`wsgi.input` is a file-like object yielding the request body bytes; the server may read on demand or ' +
      'pre-buffer the body in memory or on disk.',
    quote: 'An input stream (file-like object) from which the HTTP request body bytes can be read.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L673-680',
    hint: 'Put a readable binary stream of the request body in `wsgi.input`, also for requests without a body.',
  },
  {
    id: 'input-methods',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: '`wsgi.input` supports `read(size)`, `readline()`, `readlines(hint)` and `__iter__()`.',
    quote: 'The input and error streams provided by the server must support the following methods',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L735-748, L786-787',
    hint: 'Give `wsgi.input` working `read(size)`, `readline()`, `readlines(hint)` and `__iter__()` methods.',
  },
  {
    id: 'input-semantics',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: "The input stream's methods have the semantics of Python file objects, except as the PEP's notes 1-3 say.",
    quote:
      'The semantics of each method are as documented in the Python Library Reference, except for these notes as ' +
      'listed in the table above',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L750-751',
    hint:
      'Make each `wsgi.input` method behave like the same method of a Python binary file such as ' +
      '`io.BufferedReader`.',
  },
  {
    id: 'input-returns-bytes',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary: 'Everything read from `wsgi.input` is `bytes`.',
    quote:
      'For values referred to in this specification as "bytestrings" (i.e., values read from `wsgi.input`, passed ' +
      'to `write()` or yielded by the application), the value must be of type `bytes` under Python 3',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1115-1119',
    hint: 'Return `bytes` from every `wsgi.input` read, readline, readlines and iteration, never str.',
  },
  {
    id: 'input-eof-at-content-length',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary:
      "The server need not read past the client's Content-Length and should simulate EOF if the app reads past " +
      'it: return short or empty data, never block, never hand out bytes of a pipelined next request.',
    quote:
      "The server is not required to read past the client's specified `Content-Length`, and should simulate an " +
      'end-of-file condition if the application attempts to read past that point.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L753-755',
    hint:
      "Limit `wsgi.input` to `CONTENT_LENGTH` bytes: reads past it return `b''` at once, without blocking or " +
      'touching the next request.',
  },
  {
    id: 'input-app-respect-content-length',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD NOT',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: 'The app should not try to read more than `CONTENT_LENGTH` bytes.',
    quote: 'The application should not attempt to read more data than is specified by the `CONTENT_LENGTH` variable.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L756-757',
    hint:
      "Read exactly the declared length: `n = int(environ.get('CONTENT_LENGTH') or 0); body = " +
      "environ['wsgi.input'].read(n)`.",
    snippet: {
      broken: String.raw`data = environ['wsgi.input'].read(1024)`,
      fixed: String.raw`try:
    length = int(environ.get('CONTENT_LENGTH') or 0)
except ValueError:
    length = 0
data = environ['wsgi.input'].read(length) if length > 0 else b''`,
    },
  },
  {
    id: 'input-read-no-arg',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: "`read()` with no argument is allowed and returns the remainder of the client's input.",
    quote:
      "A server should allow `read()` to be called without an argument, and return the remainder of the client's " +
      'input stream.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L759-760',
    hint:
      'Make `wsgi.input.read()` without an argument return the rest of the body (up to Content-Length) instead of ' +
      'blocking or raising.',
  },
  {
    id: 'input-empty-on-exhausted',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: "Reads from an empty or exhausted input stream return `b''` (not None, and without blocking).",
    quote: 'A server should return empty bytestrings from any attempt to read from an empty or exhausted input stream.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L762-763',
    hint:
      "Return `b''` from `read()` and `readline()` once the body is exhausted or when there is none: never None, " +
      'never block.',
  },
  {
    id: 'input-readline-size',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD (may omit)',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary:
      '`readline(size)` is supported; WSGI 1.0 allowed omitting it, but the `cgi` module made it a de-facto ' +
      'requirement.',
    quote:
      'Servers should support the optional "size" argument to `readline()`, but as in WSGI 1.0, they are allowed ' +
      'to omit support for it.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L765-771',
    hint:
      'Support `readline(size)`, returning at most `size` bytes of the current line (`readline(3)` on `abcdef` ' +
      "gives `b'abc'`).",
  },
  {
    id: 'input-readlines-hint',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST accept, MAY ignore',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: '`readlines()` works without a hint; a hint may be passed and may be ignored.',
    quote: 'The application is free not to supply it, and the server or gateway is free to ignore it.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L773-775',
    hint: 'Accept `readlines()` both with and without a hint argument; ignoring the hint is allowed.',
  },
  {
    id: 'input-iter-lines',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: 'Iterating `wsgi.input` yields lines (bytes).',
    quote: 'The methods listed in the table above must be supported by all servers conforming to this specification.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L744',
    hint: "Make `for line in environ['wsgi.input']:` yield the body line by line as bytes.",
  },
  {
    id: 'input-app-listed-methods-only',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary:
      'The app uses no other methods or attributes of `wsgi.input`/`wsgi.errors` than the listed ones (no `seek`, ' +
      '`tell`, `fileno`, `read1`, `readinto`, `closed`, `name`, `encoding`, `buffer`, ...).',
    quote:
      'Applications conforming to this specification must not use any other methods or attributes of the `input` ' +
      'or `errors` objects.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L787-789',
    hint:
      'Use only `read()`, `readline()`, `readlines()` and iteration on `wsgi.input`, and `write()`, `writelines()`, ' +
      '`flush()` on `wsgi.errors`: no `seek()`, `tell()` or `fileno()`.',
    snippet: {
      broken: String.raw`stream = environ['wsgi.input']
data = stream.read(length)
stream.seek(0)   # also tell(), fileno(), readinto(), .closed, .name ...`,
      fixed: String.raw`data = environ['wsgi.input'].read(length)
# keep the bytes; wrap them in io.BytesIO(data) if you need to re-read`,
    },
  },
  {
    id: 'input-app-no-close',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: 'The app must not close `wsgi.input` or `wsgi.errors`, even if they have `close()`.',
    quote:
      'In particular, applications must not attempt to close these streams, even if they possess `close()` methods.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L789-791',
    hint:
      "Never call `environ['wsgi.input'].close()` or `environ['wsgi.errors'].close()`, and never use them in a " +
      '`with` block.',
    snippet: {
      broken: String.raw`data = environ['wsgi.input'].read(length)
environ['wsgi.input'].close()`,
      fixed: String.raw`data = environ['wsgi.input'].read(length)
# never close wsgi.input or wsgi.errors: the server owns them`,
    },
  },
];
