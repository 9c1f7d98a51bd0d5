import type { Rule } from '../rule.js';

/**
 * HTTP/1.1 requirements a WSGI server meets as an HTTP server (RFC 9110, RFC 9112), judged
 * by the wire suite. They are not PEP 3333 rules: `source` and the `RFC …` section names let
 * a report tell "breaks HTTP" from "breaks PEP 3333". Levels are the RFCs' own keywords.
 */
export const httpRfcRules: readonly Rule[] = [
  {
    id: 'rfc9112-status-line',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST (and grammar, RFC 9110 §2.2)',
    section: 'RFC 9112 §4 Status Line',
    anchor: 'section-4',
    summary:
      'The status line is exactly `HTTP/1.x SP 3DIGIT SP [reason-phrase] CRLF`: one space on each side of the ' +
      'code, the second one even when the reason phrase is empty.',
    quote:
      'A server MUST send the space that separates the status-code from the reason-phrase even when the ' +
      'reason-phrase is absent (i.e., the status-line would end with the space).',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §4',
    hint:
      'Write `HTTP/1.1 <code> <reason>\\r\\n` with single spaces; for an empty reason phrase still write the space ' +
      'after the code.',
    added: 'Wire suite: a malformed status line breaks every HTTP client, whatever the application sent.',
    wireProblems: ['status-line'],
  },
  {
    id: 'rfc9112-field-syntax',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST (grammar, RFC 9110 §2.2; bare CR: RFC 9112 §2.2)',
    section: 'RFC 9112 §5 Field Syntax',
    anchor: 'section-5',
    summary:
      'Each response field line is `field-name ":" OWS field-value OWS` ending in CRLF: a token name with no ' +
      'whitespace before the colon, no control characters in the value, no bare CR or bare LF, no whitespace ' +
      'before the first field line.',
    quote:
      'Each field line consists of a case-insensitive field name followed by a colon (":"), optional leading ' +
      'whitespace, the field line value, and optional trailing whitespace.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §5',
    hint:
      'Write each header as `Name: value\\r\\n` with a token name, and refuse values with CR, LF or other control ' +
      'characters before they reach the wire.',
    added:
      "Wire suite: response header syntax is the server's job; PEP 3333 only constrains what the application " +
      'passes to start_response.',
    wireProblems: ['line-ending', 'field-syntax'],
  },
  {
    id: 'rfc9112-no-obs-fold',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9112 §5.2 Obsolete Line Folding',
    anchor: 'section-5.2',
    summary:
      'No response field value is continued on a following line that starts with a space or tab (obsolete line ' +
      'folding).',
    quote:
      'A sender MUST NOT generate a message that includes line folding (i.e., that has any field line value that ' +
      'contains a match to the obs-fold rule) unless the message is intended for packaging within the ' +
      '"message/http" media type.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §5.2',
    hint: 'Write every field on one line; never fold long values.',
    added: 'Wire suite: folded response headers are rejected or misread by current HTTP clients.',
    wireProblems: ['obs-fold'],
  },
  {
    id: 'rfc9110-single-content-length',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9110 §5.3 Field Order',
    anchor: 'section-5.3',
    summary:
      'A response has at most one Content-Length field line, and its value is a plain decimal number (`1*DIGIT`, ' +
      'RFC 9110 §8.6): Content-Length is not a list-based field.',
    quote:
      'a sender MUST NOT generate multiple field lines with the same name in a message (whether in the headers or ' +
      'trailers) or append a field line when a field line of the same name already exists in the message, unless ' +
      "that field's definition allows multiple field line values to be recombined as a comma-separated list",
    observe: ['wire'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §5.3',
    hint:
      'Send Content-Length once: when the application supplied one, do not add your own (compare header names ' +
      'case-insensitively).',
    added: 'Wire suite: two Content-Length lines make the response framing ambiguous (RFC 9112 §6.3).',
    wireProblems: ['content-length'],
  },
  {
    id: 'rfc9112-content-length-body',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit (MUST consider the message to be incomplete)',
    section: 'RFC 9112 §6.3 Message Body Length',
    anchor: 'section-6.3',
    summary:
      'A response framed by Content-Length carries that many octets of content: when the application supplied ' +
      'them all, the server does not close the connection before they were sent.',
    quote:
      'If a valid Content-Length header field is present without Transfer-Encoding, its decimal value defines the ' +
      'expected message body length in octets. If the sender closes the connection or the recipient times out ' +
      'before the indicated number of octets are received, the recipient MUST consider the message to be ' +
      'incomplete and close the connection.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §6.3',
    hint:
      'Announce the length of what you send: when you change the body (compress, strip), change or drop ' +
      'Content-Length too.',
    added:
      'Wire suite: a body shorter than its Content-Length is an incomplete message to every client (RFC 9112 §6.3).',
    wireProblems: ['short-body'],
  },
  {
    id: 'rfc9112-no-cl-with-te',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9112 §6.2 Content-Length',
    anchor: 'section-6.2',
    summary: 'A response never carries Content-Length together with Transfer-Encoding.',
    quote:
      'A sender MUST NOT send a Content-Length header field in any message that contains a Transfer-Encoding ' +
      'header field.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §6.2',
    hint:
      'When the application supplied Content-Length, send the body as is; chunk only responses without a ' +
      'Content-Length.',
    added:
      'Wire suite: Content-Length with Transfer-Encoding is the classic response-splitting setup (RFC 9112 §11.1).',
    wireProblems: ['cl-with-te'],
  },
  {
    id: 'rfc9112-chunked-framing',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST (grammar, RFC 9110 §2.2)',
    section: 'RFC 9112 §7.1 Chunked Transfer Coding',
    anchor: 'section-7.1',
    summary:
      'A chunked response body follows the grammar exactly: hex chunk-size, optional extensions, CRLF, that many ' +
      'octets, CRLF; a last chunk of size 0, an optional trailer section, and the final CRLF.',
    quote:
      'The chunked transfer coding is complete when a chunk with a chunk-size of zero is received, possibly ' +
      'followed by a trailer section, and finally terminated by an empty line.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §7.1',
    hint:
      'Frame each block as `<hex size>\\r\\n<data>\\r\\n`, never emit a zero-size chunk except as the last one, and ' +
      'end with `0\\r\\n\\r\\n`.',
    added: 'Wire suite: broken chunking loses or corrupts the body and desynchronises persistent connections.',
    wireProblems: ['chunked'],
  },
  {
    id: 'rfc9112-no-chunked-http10',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9112 §6.1 Transfer-Encoding',
    anchor: 'section-6.1',
    summary:
      'A response to an HTTP/1.0 request carries no Transfer-Encoding (no chunked body): it is framed by ' +
      'Content-Length or by closing the connection.',
    quote:
      'A server MUST NOT send a response containing Transfer-Encoding unless the corresponding request indicates ' +
      'HTTP/1.1 (or later minor revisions).',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §6.1',
    hint:
      "Look at the request's protocol version: for HTTP/1.0 clients send Content-Length or close the connection " +
      'after the body.',
    added:
      'Wire suite: HTTP/1.0 clients do not decode chunked bodies; PEP 3333 allows chunking only when both sides ' +
      'speak HTTP/1.1.',
    wireProblems: ['te-http10'],
  },
  {
    id: 'rfc9110-date-header',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9110 §6.6.1 Date',
    anchor: 'section-6.6.1',
    summary:
      'A 2xx, 3xx or 4xx response carries a Date field when the application did not send one: a WSGI server runs ' +
      'on a machine with a clock and, with its application, is the origin server.',
    quote:
      'An origin server with a clock (as defined in Section 5.6.7) MUST generate a Date header field in all 2xx ' +
      '(Successful), 3xx (Redirection), and 4xx (Client Error) responses, and MAY generate a Date header field in ' +
      '1xx (Informational) and 5xx (Server Error) responses.',
    observe: ['wire'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §6.6.1',
    hint:
      'Add `Date: <IMF-fixdate>` (e.g. `email.utils.formatdate(usegmt=True)`) to every response whose application ' +
      'did not send one.',
    added:
      "Wire suite: Date is the header PEP 3333's headers-server-adds-required names first; RFC 9110 makes it a " +
      'MUST only for origin servers with a clock and only for 2xx-4xx, so that is all this rule asks.',
  },
  {
    id: 'rfc9110-no-body-head',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9110 §9.3.2 HEAD',
    anchor: 'section-9.3.2',
    summary:
      'The response to HEAD is the GET response without content: the server answers, and sends no body bytes even ' +
      'when the application returned some (WSGI applications commonly answer HEAD like GET).',
    quote: 'The HEAD method is identical to GET except that the server MUST NOT send content in the response.',
    observe: ['wire'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §9.3.2',
    hint:
      'For HEAD requests send the status and headers, then drop what the application yields (still iterating it and ' +
      'calling close()).',
    added:
      'Wire suite: body bytes after a HEAD response are read as the start of the next response on a persistent ' +
      'connection.',
  },
  {
    id: 'rfc9110-head-supported',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9110 §9.1 Overview',
    anchor: 'section-9.1',
    summary:
      'A HEAD request reaches the application like a GET on the same target: the server does not refuse the ' +
      'method itself (501 Not Implemented, 405 Method Not Allowed) without calling the application.',
    quote: 'All general-purpose servers MUST support the methods GET and HEAD. All other methods are OPTIONAL.',
    observe: ['server'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §9.1',
    hint:
      'Pass HEAD requests to the application with REQUEST_METHOD "HEAD" (as GET requests are), then send its ' +
      'status and headers without the body (rfc9110-no-body-head).',
    added:
      'Server suite: a WSGI server hosts arbitrary applications, so it is a general-purpose origin server; one ' +
      'that refuses HEAD before the application runs breaks every client that checks a resource with HEAD.',
  },
  {
    id: 'rfc9110-no-body-204-304',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit MUST ("do not include content"; RFC 9112 §6.3)',
    section: 'RFC 9110 §6.4.1 Content Semantics',
    anchor: 'section-6.4.1',
    summary:
      '1xx, 204 and 304 responses end with their header section: no body bytes, not even an empty chunked body ' +
      '(`0\\r\\n\\r\\n`).',
    quote: 'All 1xx (Informational), 204 (No Content), and 304 (Not Modified) responses do not include content.',
    observe: ['wire'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §6.4.1',
    hint:
      'For 1xx, 204 and 304 statuses send no body framing at ' +
      'all: no chunked encoding, nothing after the blank line.',
    added:
      'Wire suite: clients read such responses as ending at the blank line, so any body bytes corrupt the next ' +
      'response.',
  },
  {
    id: 'rfc9110-no-content-length-1xx-204',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9110 §8.6 Content-Length',
    anchor: 'section-8.6',
    summary: '1xx and 204 responses carry no Content-Length field (not even `Content-Length: 0` added by the server).',
    quote:
      'A server MUST NOT send a Content-Length header field in any response with a status code of 1xx ' +
      '(Informational) or 204 (No Content).',
    observe: ['wire'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §8.6',
    hint: 'Do not add `Content-Length: 0` to responses without content when the status is 1xx or 204.',
    added: 'Wire suite: servers that add Content-Length: 0 to every empty response break this for 204.',
    wireProblems: ['cl-1xx-204'],
  },
  {
    id: 'rfc9112-no-te-1xx-204',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9112 §6.1 Transfer-Encoding',
    anchor: 'section-6.1',
    summary: '1xx and 204 responses carry no Transfer-Encoding field.',
    quote:
      'A server MUST NOT send a Transfer-Encoding header field in any response with a status code of 1xx ' +
      '(Informational) or 204 (No Content).',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §6.1',
    hint: 'Decide on chunked encoding only for responses that can have content (not HEAD, 1xx, 204 or 304).',
    added: 'Wire suite: servers that chunk every response without Content-Length break this for 204.',
    wireProblems: ['te-1xx-204'],
  },
  {
    id: 'rfc9110-no-1xx-http10',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'RFC 9110 §15.2 Informational 1xx',
    anchor: 'section-15.2',
    summary:
      'No interim (1xx) response, such as `100 Continue`, is sent to an HTTP/1.0 client, even when it sends ' +
      '`Expect: 100-continue`.',
    quote:
      'Since HTTP/1.0 did not define any 1xx status codes, a server MUST NOT send a 1xx response to an HTTP/1.0 ' +
      'client.',
    observe: ['wire'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §15.2',
    hint:
      'Send `100 Continue` only when the request line says HTTP/1.1 (RFC 9110 §10.1.1: ignore the expectation in ' +
      'HTTP/1.0 requests).',
    added:
      'Wire suite: PEP 3333 exempts HTTP/1.0 requests from expect/continue (http11-expect-http10-exempt); RFC ' +
      '9110 forbids the 1xx outright.',
    wireProblems: ['1xx-http10'],
  },
  {
    id: 'rfc9112-pipelining-order',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9112 §9.3.2 Pipelining',
    anchor: 'section-9.3.2',
    summary:
      'Requests pipelined on one persistent connection are answered in the order they were received, each ' +
      'response framed so the next one can be found.',
    quote:
      'A server MAY process a sequence of pipelined requests in parallel if they all have safe methods (Section ' +
      '9.2.1 of [HTTP]), but it MUST send the corresponding responses in the same order that the requests were ' +
      'received.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §9.3.2',
    hint:
      'Answer requests of one connection one after the other (or queue the responses in request order), or close ' +
      'the connection after the first.',
    added: 'Wire suite: HTTP/1.1 matches responses to requests by order alone (RFC 9112 §9.2).',
  },
  {
    id: 'rfc9112-unread-body-close',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9112 §9.3 Persistence',
    anchor: 'section-9.3',
    summary:
      'When the application left the request body unread, the server reads (discards) the rest of it or closes ' +
      'the connection after its response: the next request on a kept-alive connection is read from where it ' +
      'starts, never from the leftover body bytes.',
    quote:
      'A server MUST read the entire request message body or close the connection after sending its response; ' +
      'otherwise, the remaining data on a persistent connection would be misinterpreted as the next request.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §9.3',
    hint:
      "After the application returns, skip what is left of wsgi.input's CONTENT_LENGTH bytes (or of the chunked " +
      'body) before reading the next request, or answer with `Connection: close` and close.',
    added:
      'Wire suite: a WSGI application may leave the body unread (PEP 3333 lets it read less than CONTENT_LENGTH), ' +
      'so draining or closing falls to the server; a server that does neither lets a body smuggle a request onto ' +
      'a kept connection.',
  },
  {
    id: 'rfc9112-reject-malformed',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'RFC 9112 §2.2 Message Parsing',
    anchor: 'section-2.2',
    summary:
      'A request that does not match the HTTP grammar (a broken request line, a field line without a colon) gets ' +
      'a 400 (Bad Request), never reaches the application, and the server keeps serving other connections.',
    quote:
      'When a server listening only for HTTP request messages, or processing what appears from the start-line to ' +
      'be an HTTP request message, receives a sequence of octets that does not match the HTTP-message grammar ' +
      'aside from the robustness exceptions listed above, the server SHOULD respond with a 400 (Bad Request) ' +
      'response and close the connection.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §2.2',
    hint:
      'Parse the request strictly; answer what does not parse with 400 and close the connection, without calling ' +
      'the application.',
    added:
      'Wire suite: a WSGI server is the HTTP parser in front of the application; what it lets through, the ' +
      'application must trust.',
  },
  {
    id: 'rfc9112-reject-ws-before-colon',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9112 §5.1 Field Line Parsing',
    anchor: 'section-5.1',
    summary:
      'A request with whitespace between a field name and its colon (`Content-Length : 5`) gets a 400 and never ' +
      'reaches the application.',
    quote:
      'A server MUST reject, with a response status code of 400 (Bad Request), any received request message that ' +
      'contains whitespace between a header field name and colon.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §5.1',
    hint: 'Reject field lines whose name is followed by whitespace before the colon with 400.',
    added: 'Wire suite: such field lines are a known request-smuggling vector (RFC 9112 §11.2).',
  },
  {
    id: 'rfc9112-reject-bad-content-length',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9112 §6.3 Message Body Length',
    anchor: 'section-6.3',
    summary:
      'A request with an invalid Content-Length (two different values, or not a number) gets a 400, never reaches ' +
      'the application, and the connection is closed.',
    quote:
      'If the unrecoverable error is in a request message, the server MUST respond with a 400 (Bad Request) ' +
      'status code and then close the connection.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §6.3',
    hint:
      'Accept Content-Length only as one decimal number (or a ' +
      'list of identical ones); anything else: 400 and close.',
    added: 'Wire suite: conflicting Content-Length values are a request-smuggling vector (RFC 9112 §11.2).',
  },
  {
    id: 'rfc9112-close-after-cl-te',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MAY reject, MUST close',
    section: 'RFC 9112 §6.1 Transfer-Encoding',
    anchor: 'section-6.1',
    summary:
      'A request with both Content-Length and Transfer-Encoding is either rejected or read by Transfer-Encoding ' +
      'alone, and in both cases the server closes the connection after its response (a request pipelined behind ' +
      'it is not answered).',
    quote:
      'A server MAY reject a request that contains both Content-Length and Transfer-Encoding or process such a ' +
      'request in accordance with the Transfer-Encoding alone. Regardless, the server MUST close the connection ' +
      'after responding to such a request to avoid the potential attacks.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §6.1',
    hint:
      'On a request with both Content-Length and Transfer-Encoding: answer 400 (or decode by Transfer-Encoding), ' +
      'then close the connection.',
    added: 'Wire suite: the CL.TE / TE.CL request-smuggling family.',
  },
  {
    id: 'rfc9110-reject-oversized-fields',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9110 §5.4 Field Limits',
    anchor: 'section-5.4',
    summary:
      'A request header field larger than the server will process gets a 4xx (e.g. 431) response: it is neither ' +
      'silently dropped or cut, nor answered by closing the connection or with a 5xx.',
    quote:
      'A server that receives a request header field line, field value, or set of fields larger than it wishes to ' +
      'process MUST respond with an appropriate 4xx (Client Error) status code.',
    observe: ['wire'],
    source: 'RFC 9110',
    lines: 'RFC 9110 §5.4',
    hint:
      'Enforce a header size limit and answer requests beyond ' +
      'it with 431 (or 400), without calling the application.',
    added: 'Wire suite: RFC 9110 notes that ignoring oversized fields increases exposure to request smuggling.',
  },
  {
    id: 'rfc9112-chunk-extensions',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9112 §7.1.1 Chunk Extensions',
    anchor: 'section-7.1.1',
    summary:
      'A chunked request body with chunk extensions (`5;name=value`) is decoded like any other: the extensions ' +
      'are ignored and the application reads the plain content.',
    quote: 'A recipient MUST ignore unrecognized chunk extensions.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §7.1.1',
    hint: 'When decoding chunked request bodies, ignore anything after `;` on the size line.',
    added:
      'Wire suite: extends http11-inbound-hop-by-hop (decode chunked request bodies) to the rest of the chunked ' +
      'grammar.',
  },
  {
    id: 'rfc9112-chunked-trailer',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'RFC 9112 §7.1 Chunked Transfer Coding',
    anchor: 'section-7.1',
    summary:
      'A chunked request body that ends with a trailer section (`0`, then `X-Trailer: end`, then an empty line) ' +
      'is decoded to its end: the application reads the plain content, and the request after it on the connection ' +
      'is read from the right place.',
    quote: 'A recipient MUST be able to parse and decode the chunked transfer coding.',
    observe: ['wire'],
    source: 'RFC 9112',
    lines: 'RFC 9112 §7.1, §7.1.2',
    hint:
      'After the last chunk (size 0), read trailer field lines up to the empty line that ends the body; retain or ' +
      'discard the fields, but consume them.',
    added:
      'Triage of the pinned verdicts: rfc9112-chunk-extensions judged extensions and a trailer in one request, so ' +
      'servers that only mishandle the trailer (cheroot, gevent) were blamed for extensions. The trailer section ' +
      'is part of the chunked grammar every recipient must parse.',
  },
];
