import type { Rule } from '../rule.js';

/** Catalog section 1.6 Status string (`status-*`) of docs/pep3333-rules.md. */
export const statusRules: readonly Rule[] = [
  {
    id: 'status-native-str',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'The status is a native `str`.',
    quote: 'The `status` argument is an HTTP "status" string like `"200 OK"` or `"404 Not Found"`.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L805-806, L1108-1110',
    hint: "Pass the status as a str like `'404 Not Found'`, never bytes (`b'404 Not Found'`) or an int (`404`).",
    implies: ['unicode-native-vs-bytes'],
    snippet: {
      broken: String.raw`start_response(b'200 OK', headers)   # or start_response(200, headers)`,
      fixed: String.raw`start_response('200 OK', headers)`,
    },
  },
  {
    id: 'status-format',
    binds: ['application'],
    level: 'MUST',
    keyword: 'implicit MUST',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'The status is exactly `Status-Code SP Reason-Phrase`: a 3-digit code (RFC 2616 §6.1.1), one space and the ' +
      'phrase, with no surrounding whitespace or other characters (`"999 Message here"`).',
    quote:
      'That is, it is a string consisting of a Status-Code and a Reason-Phrase, in that order and separated by a ' +
      'single space, with no surrounding whitespace or other characters.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L502-503, L805-809',
    hint: "Pass a status like `'200 OK'`: three digits, one space, a reason phrase.",
    snippet: {
      broken: String.raw`start_response('200  OK', headers)   # two spaces; also 'OK 200', ' 200 OK'`,
      fixed: String.raw`start_response('200 OK', headers)    # code, one space, reason phrase`,
    },
  },
  {
    // Added by wsgi-conformance: the catalog leaves "200" (no space, no phrase) open. The PEP's
    // format implies the space, wsgiref rejects it, other servers accept it: a SHOULD, not a MUST.
    id: 'status-code-only',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD (interpretation)',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      "A status is not just the code (`'200'`): it has the single space and a reason phrase (`'200 OK'`; `'200 '` " +
      'with an empty phrase is tolerated).',
    quote:
      'That is, it is a string consisting of a Status-Code and a Reason-Phrase, in that order and separated by a ' +
      'single space, with no surrounding whitespace or other characters.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L502-503, L805-809',
    hint: "Add the reason phrase: `'200 OK'`, not `'200'` (http.HTTPStatus(200).phrase gives it).",
    added: 'The shared catalog leaves a status without reason phrase open and suggests a SHOULD-level finding.',
    snippet: {
      broken: String.raw`start_response('200', headers)   # the bare code`,
      fixed: String.raw`start_response('200 OK', headers)  # http.HTTPStatus(200).phrase gives 'OK'`,
    },
  },
  {
    id: 'status-no-control-chars',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'The status contains no control characters and is not terminated by CR, LF or CRLF.',
    quote:
      'The string must not contain control characters, and must not be terminated with a carriage return, ' +
      'linefeed, or combination thereof.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L809-811',
    hint: "Pass `'200 OK'`, never `'200 OK\\r\\n'` or a status containing tabs or other control characters.",
    snippet: {
      broken: String.raw`start_response('200 OK\r\n', headers)`,
      fixed: String.raw`start_response('200 OK', headers)  # the server writes the line ending`,
    },
  },
  {
    id: 'status-latin1',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Unicode Issues',
    anchor: 'unicode-issues',
    summary: 'The status uses only ISO-8859-1 characters (or RFC 2047 encoded words).',
    quote:
      'Note also that strings passed to `start_response()` as a status or as response headers must follow RFC ' +
      '2616 with respect to encoding. That is, they must either be ISO-8859-1 characters, or use RFC 2047 MIME ' +
      'encoding.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1094-1097',
    hint: "Use only ISO-8859-1 characters in the reason phrase: `'200 OK'`, not `'200 ✓'`.",
    implies: ['unicode-latin1-translatable', 'unicode-app-non-latin1-fatal'],
    snippet: {
      broken: String.raw`start_response('200 \u00c7a va \u2713', headers)  # U+2713 is not Latin-1`,
      fixed: String.raw`start_response('200 OK', headers)  # keep status text within Latin-1 (ASCII is safest)`,
    },
  },
  {
    id: 'status-preserved',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD ("play dumb")',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary: "The server sends the app's status code and reason phrase unchanged.",
    quote: "They should only make changes that do not alter the effective semantics of the application's response.",
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1210-1213',
    hint: "Send the application's status code and reason phrase as given (e.g. keep `'299 Custom Reason'`).",
  },
];
