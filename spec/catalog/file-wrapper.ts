import type { Rule } from '../rule.js';

/** Catalog section 1.14 wsgi.file_wrapper (`file-wrapper-*`) of docs/pep3333-rules.md. */
export const fileWrapperRules: readonly Rule[] = [
  {
    id: 'file-wrapper-optional',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary: 'The server may offer `wsgi.file_wrapper`; apps may use it.',
    quote:
      'Servers and gateways may expose this functionality via an optional `wsgi.file_wrapper` key in the `environ`.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1459-1462',
    hint:
      "Optionally set `environ['wsgi.file_wrapper']`; applications check `'wsgi.file_wrapper' in environ` before " +
      'using it.',
  },
  {
    id: 'file-wrapper-signature',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary:
      '`wsgi.file_wrapper` is a callable taking one required positional argument (the file-like) and one optional ' +
      'positional argument (a block-size hint, which may be ignored).',
    quote:
      'If the server or gateway supplies `wsgi.file_wrapper`, it must be a callable that accepts one required ' +
      'positional parameter, and one optional positional parameter.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1469-1473',
    hint:
      'Make it `def file_wrapper(filelike, block_size=8192):`, accepting the block size positionally (and free to ' +
      'ignore it).',
  },
  {
    id: 'file-wrapper-returns-iterable',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary: '`wsgi.file_wrapper` returns an iterable.',
    quote: 'The callable must return an iterable object',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1474',
    hint: "Return an iterable that yields the file's contents as bytes.",
  },
  {
    id: 'file-wrapper-no-early-transmit',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary:
      "Nothing is transmitted until the server actually receives the wrapper as the app's return value: " +
      'platform-specific sending happens only after the app returns, and only if the returned object is the ' +
      'wrapper (middleware may discard it).',
    quote:
      'The callable must return an iterable object, and must not perform any data transmission until and unless ' +
      'the server/gateway actually receives the iterable as a return value from the application.',
    observe: ['server', 'wire'],
    source: 'PEP 3333',
    lines: 'L1474-1478, L1490-1494',
    hint:
      'Start sendfile-style transmission only after the application returns, and only if the returned object is ' +
      'your wrapper (`isinstance(result, FileWrapper)`).',
  },
  {
    id: 'file-wrapper-filelike-read',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary: 'The object the app gives to the wrapper has a `read()` method accepting an optional size.',
    quote:
      'To be considered "file-like", the object supplied by the application must have a `read()` method that ' +
      'takes an optional size argument.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1480-1481',
    hint:
      "Pass an object with `read(size=-1)`, e.g. `environ['wsgi.file_wrapper'](open(path, 'rb'), 8192)` or an " +
      '`io.BytesIO`.',
    snippet: {
      broken: String.raw`wrapper = environ.get('wsgi.file_wrapper')
if wrapper is not None:
    return wrapper([b'Hello, ', b'world'])   # a list has no read()`,
      fixed: String.raw`f = open(path, 'rb')   # or io.BytesIO(data): has read(size)
wrapper = environ.get('wsgi.file_wrapper')
if wrapper is not None:
    return wrapper(f, 8192)
return iter(lambda: f.read(8192), b'')   # (a class with close() is better: it can close f)`,
    },
  },
  {
    id: 'file-wrapper-close-delegates',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary:
      'If the file-like has `close()`, the wrapper iterable has a `close()` that calls it (and the server calls ' +
      'that, as for any iterable with `close()`).',
    quote:
      'It may have a `close()` method, and if so, the iterable returned by `wsgi.file_wrapper` must have a ' +
      "`close()` method that invokes the original file-like object's `close()` method.",
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1482-1484',
    hint: 'Give the wrapper a `close()` that calls `filelike.close()` whenever the file-like object has one.',
  },
  {
    id: 'file-wrapper-may-assume-file-semantics',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary:
      "The wrapper may assume that attributes named like a real file's (`fileno()`, ...) behave like a real file's.",
    quote:
      'If the "file-like" object has any other methods or attributes with names matching those of Python built-in ' +
      'file objects (e.g. `fileno()`), the `wsgi.file_wrapper` may assume that these methods or attributes have ' +
      'the same semantics as those of a built-in file object.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1485-1488',
    hint:
      'Give file-like objects you pass to the wrapper a `fileno()`, `seek()` or `tell()` only if they behave ' +
      "exactly like a real file's.",
  },
  {
    id: 'file-wrapper-read-semantics',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary:
      "Returning the wrapper gives the same result as returning `iter(filelike.read, b'')`: transmission starts " +
      "at the file's current position when it begins and stops at EOF or after Content-Length bytes (the sendfile " +
      'path must honour both).',
    quote:
      'In other words, transmission should begin at the current position within the "file" at the time that ' +
      'transmission begins, and continue until the end is reached, or until `Content-Length` bytes have been ' +
      'written.',
    observe: ['server', 'wire'],
    source: 'PEP 3333',
    lines: 'L1496-1501',
    hint:
      "Send from the file's current position (`os.sendfile(out, fd, f.tell(), count)`) and stop at EOF or after " +
      'Content-Length bytes.',
  },
  {
    id: 'file-wrapper-cl-may',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary: 'The server may compute Content-Length from the file if the app gave none.',
    quote:
      "If the application doesn't supply a `Content-Length`, the server may generate one from the file using its " +
      'knowledge of the underlying file implementation.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1501-1504',
    hint: 'When the application sends no Content-Length, you may set it to `os.fstat(fd).st_size - f.tell()`.',
  },
  {
    id: 'file-wrapper-non-file-fallback',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Optional Platform-Specific File Handling',
    anchor: 'optional-platform-specific-file-handling',
    summary:
      'For objects unsuitable for the platform API (`BytesIO`, objects with only `read()`), the wrapper still ' +
      'returns an iterable wrapping `read()` and `close()`.',
    quote:
      'Note that even if the object is not suitable for the platform API, the `wsgi.file_wrapper` must still ' +
      'return an iterable that wraps `read()` and `close()`, so that applications using file wrappers are ' +
      'portable across platforms.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1514-1517',
    hint:
      'For objects without a usable `fileno()` (e.g. `io.BytesIO`), fall back to an iterator that calls ' +
      "`read(block_size)` until `b''` and forwards `close()`.",
  },
];
