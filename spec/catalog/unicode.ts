import type { Rule } from '../rule.js';

/** Catalog section 1.12 Strings and Unicode (`unicode-*`) of docs/pep3333-rules.md. */
export const unicodeRules: readonly Rule[] = [
  {
    id: 'unicode-native-vs-bytes',
    binds: ['server', 'application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'A Note On String Types',
    anchor: 'a-note-on-string-types',
    summary: 'Headers and metadata are native `str`; request and response bodies are `bytes`.',
    quote:
      '"Native" strings (which are always implemented using the type named `str`) that are used for ' +
      'request/response headers and metadata',
    observe: ['server', 'app'],
    source: 'PEP 3333',
    lines: 'L180-189',
    hint:
      'Use str for the status, header names and values and environ values; use bytes for request and response ' +
      'bodies.',
  },
  {
    id: 'unicode-latin1-translatable',
    binds: ['server', 'application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'A Note On String Types',
    anchor: 'a-note-on-string-types',
    summary:
      'Every native string holds only U+0000 to U+00FF ("translatable to bytes via Latin-1"); only the lower 8 ' +
      'bits may be used.',
    quote:
      'even if Python\'s `str` type is actually Unicode "under the hood", the content of native strings must ' +
      'still be translatable to bytes via the Latin-1 encoding!',
    observe: ['server', 'app'],
    source: 'PEP 3333',
    lines: 'L191-195, L1099-1113',
    hint:
      "Make every native string survive `s.encode('latin-1')`: the status and headers for applications, the environ " +
      'values for servers.',
  },
  {
    id: 'unicode-app-non-latin1-fatal',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT ("fatal error")',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary:
      'An app supplying a string with a code point above U+00FF commits a fatal error; the server should refuse ' +
      'it rather than send garbage.',
    quote:
      'It is a fatal error for an application to supply strings containing any other Unicode character or code point.',
    observe: ['app', 'server'],
    source: 'PEP 3333',
    lines: 'L1103-1104',
    hint:
      "Check that every status and header string passes `value.encode('latin-1')`; percent-encode anything else, " +
      'e.g. `urllib.parse.quote(filename)`.',
  },
  {
    id: 'unicode-server-latin1-only',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary:
      'The server never gives the app strings with code points above U+00FF: request bytes are tunnelled as ' +
      'latin-1 ("bytes-as-unicode", cf. `unicode_to_wsgi` in the PEP\'s CGI example).',
    quote:
      'Similarly, servers and gateways must not supply strings to an application containing any other Unicode ' +
      'characters.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1105-1106, L283-285',
    hint: "Decode request bytes for environ as latin-1 (`raw.decode('latin-1')`), never as UTF-8.",
  },
  {
    id: 'unicode-app-does-encoding',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary: "All encoding/decoding is the application's job.",
    quote:
      'HTTP does not directly support Unicode, and neither does this interface. All encoding/decoding must be ' +
      'handled by the application',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1088-1092',
    hint:
      "Decode input yourself (`environ['PATH_INFO'].encode('latin-1').decode('utf-8')`, `body.decode('utf-8')`) and " +
      "encode output (`text.encode('utf-8')`).",
    untested:
      'states who encodes; what can be observed of it is judged by body-items-bytes, status-native-str and ' +
      'headers-str-types',
  },
];
