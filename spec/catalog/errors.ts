import type { Rule } from '../rule.js';

/** Catalog section 1.4 wsgi.errors (`errors-*`) of docs/pep3333-rules.md. */
export const errorsRules: readonly Rule[] = [
  {
    id: 'errors-present',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: '`wsgi.errors` is a file-like output stream for error output.',
    quote:
      'An output stream (file-like object) to which error output can be written, for the purpose of recording ' +
      'program or other errors in a standardized and possibly centralized location.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L682-685',
    hint: 'Put a writable text stream, such as `sys.stderr` or a logging adapter, in `wsgi.errors`.',
  },
  {
    id: 'errors-methods',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: '`wsgi.errors` supports `write(str)`, `writelines(seq)` and `flush()`.',
    quote: 'The methods listed in the table above must be supported by all servers conforming to this specification.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L745-747, L786-787',
    hint: 'Give `wsgi.errors` working `write(str)`, `writelines(seq)` and `flush()` methods.',
  },
  {
    id: 'errors-text-mode',
    binds: ['server', 'application'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      "`wsgi.errors` is a text-mode stream: apps write `'\\n'` line endings and the server converts them as needed.",
    quote:
      'This should be a "text mode" stream; i.e., applications should use `"\\n"` as a line ending, and assume ' +
      'that it will be converted to the correct line ending by the server/gateway.',
    observe: ['server', 'manual'],
    source: 'PEP 3333',
    lines: 'L686-689',
    hint:
      "Write lines ending in `'\\n'` (`environ['wsgi.errors'].write('bad form field\\n')`); the server converts " +
      'line endings for its log.',
    untested:
      "untestable from the application's side: line-ending conversion happens in the server's log output, which " +
      "is the server's business; accepting str is checked by errors-stream",
  },
  {
    id: 'errors-accept-unicode',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      '`wsgi.errors` accepts and logs arbitrary unicode without raising; it may substitute characters it cannot ' +
      'render.',
    quote:
      'the error stream should accept and log arbitrary unicode without raising an error; it is allowed, however, ' +
      "to substitute characters that cannot be rendered in the stream's encoding.",
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L691-695',
    hint:
      "Make `wsgi.errors.write()` accept any str (e.g. encode with `errors='backslashreplace'`) instead of raising " +
      'UnicodeEncodeError.',
  },
  {
    id: 'errors-app-writes-str',
    binds: ['application'],
    level: 'MUST',
    keyword: 'implicit MUST',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: 'The app passes `str` to `write()` and an iterable of `str` to `writelines()`.',
    quote: 'This should be a "text mode" stream',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L746-747',
    hint:
      "Write str, not bytes: `environ['wsgi.errors'].write(f'bad input: {exc!r}\\n')`, and give `writelines()` a " +
      'list of str.',
    snippet: {
      broken: String.raw`environ['wsgi.errors'].write(b'request handled\n')`,
      fixed: String.raw`environ['wsgi.errors'].write('request handled\n')`,
    },
  },
  {
    id: 'errors-flush-may-noop',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary:
      'The server may forward `wsgi.errors` writes unbuffered, in which case `flush()` may be a no-op (but it ' +
      'must exist).',
    quote:
      'Since the `errors` stream may not be rewound, servers and gateways are free to forward write operations ' +
      'immediately, without buffering. In this case, the `flush()` method may be a no-op.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L777-779',
    hint: 'Forwarding writes unbuffered is fine, but still provide a `flush()` method, even if it does nothing.',
  },
  {
    id: 'errors-app-flush',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST (when it needs durability)',
    section: 'Input and Error Streams',
    anchor: 'input-and-error-streams',
    summary: 'Portable apps call `flush()` on `wsgi.errors` when they need output to be written.',
    quote: 'They must call `flush()` if they need to ensure that output has in fact been written.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L780-784',
    hint: "Call `environ['wsgi.errors'].flush()` after writing anything that must reach the log now.",
    untested:
      'whether an application needs its wsgi.errors output written now is its intent; an application that never ' +
      'flushes breaks nothing observable',
  },
  {
    id: 'errors-documented',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: 'The server documents how to configure its error output and where to find it.',
    quote:
      "The server's documentation should include an explanation of how to configure this or where to find the " +
      'recorded output.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L700-702',
    hint: 'Document where `wsgi.errors` output goes and how to configure it.',
  },
  {
    id: 'errors-per-app-may',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary: 'Different applications may get different error streams.',
    quote: 'A server or gateway may supply different error streams to different applications, if this is desired.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L703-704',
    hint: 'You may give each hosted application its own `wsgi.errors` stream.',
  },
];
