import type { Rule } from '../rule.js';

/** Catalog section 1.13 HTTP features (`http11-*`) of docs/pep3333-rules.md. */
export const http11Rules: readonly Rule[] = [
  {
    id: 'http11-expect-continue',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'HTTP 1.1 Expect/Continue',
    anchor: 'http-1-1-expect-continue',
    summary:
      'HTTP/1.1 servers support `Expect: 100-continue` transparently: an immediate `100 Continue`, or a `100` on ' +
      "the app's first `wsgi.input` read (the read blocks until the client responds), or (not recommended) " +
      'waiting for the client to send the body anyway.',
    quote:
      "Servers and gateways that implement HTTP 1.1 must provide transparent support for HTTP 1.1's " +
      '"expect/continue" mechanism.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1184-1199',
    hint:
      "On `Expect: 100-continue`, send `HTTP/1.1 100 Continue` right away or on the application's first " +
      '`wsgi.input` read.',
  },
  {
    id: 'http11-expect-http10-exempt',
    binds: ['server'],
    level: 'MAY',
    keyword: 'scope',
    section: 'HTTP 1.1 Expect/Continue',
    anchor: 'http-1-1-expect-continue',
    summary:
      "The expect/continue rules don't apply to HTTP/1.0 requests or to requests not routed to an app (and RFC " +
      '7231 §6.2 forbids sending 1xx to HTTP/1.0 clients).',
    quote:
      'Note that these behavior restrictions do not apply for HTTP 1.0 requests, or for requests that are not ' +
      'directed to an application object.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1201-1204',
    hint:
      'Never send `100 Continue` to HTTP/1.0 clients; expect/continue handling applies to HTTP/1.1 requests routed ' +
      'to an application.',
  },
  {
    id: 'http11-chunked-compliant',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MAY use, MUST comply',
    section: 'Handling the Content-Length Header',
    anchor: 'handling-the-content-length-header',
    summary:
      'The server may send chunked responses (one chunk per write or yield) only when both sides speak HTTP/1.1, ' +
      'fully RFC-compliant; otherwise it falls back to another strategy.',
    quote:
      'Note that the server must comply fully with RFC 2616 when doing this, or else fall back to one of the ' +
      'other strategies for dealing with the absence of `Content-Length`.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L942-950',
    hint:
      'Use chunked only with HTTP/1.1 clients, with correct hex sizes and the final `0\\r\\n\\r\\n`; otherwise send ' +
      'Content-Length or close the connection.',
  },
  {
    id: 'http11-play-dumb',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary:
      "The server makes only changes that keep the semantics of the app's response: it is a gateway, the app is " +
      'the origin server.',
    quote:
      'In general, servers and gateways should "play dumb" and allow the application complete control over its ' +
      "output. They should only make changes that do not alter the effective semantics of the application's " +
      'response.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1210-1218',
    hint: "Pass the application's status, headers and body through, adding only what HTTP requires (Date, framing).",
  },
  {
    id: 'http11-inbound-hop-by-hop',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary:
      'The server handles supported inbound hop-by-hop headers itself, e.g. decodes a chunked request body before ' +
      'the app reads `wsgi.input`.',
    quote:
      'WSGI servers must handle any supported inbound "hop-by-hop" headers on their own, such as by decoding any ' +
      'inbound `Transfer-Encoding`, including chunked encoding if applicable.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L1227-1229',
    hint: 'Decode `Transfer-Encoding: chunked` request bodies before the application reads `wsgi.input`.',
  },
  {
    id: 'http11-app-no-inbound-hop-reliance',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary:
      'The app neither relies on inbound hop-by-hop headers in environ nor uses features that need hop-by-hop headers.',
    quote:
      'WSGI applications must not generate any "hop-by-hop" headers, attempt to use HTTP features that would ' +
      'require them to generate such headers, or rely on the content of any incoming "hop-by-hop" headers in the ' +
      '`environ` dictionary.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1222-1226',
    hint:
      "Don't branch on `HTTP_CONNECTION`, `HTTP_KEEP_ALIVE`, `HTTP_TE` or `HTTP_TRANSFER_ENCODING`, and don't build " +
      'features such as `Upgrade` that need hop-by-hop headers.',
    untested:
      'reliance is intent: an application may read HTTP_CONNECTION harmlessly, and no request shows whether it ' +
      'depends on it',
  },
  {
    id: 'http11-cache-validation-may',
    binds: ['server', 'application'],
    level: 'SHOULD',
    keyword: 'MAY (S) / SHOULD (A)',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary:
      'The server may handle conditional requests (If-None-Match / If-Modified-Since with ETag / Last-Modified); ' +
      'apps should do their own.',
    quote:
      'However, it is not required to do this, and the application should perform its own cache validation if it ' +
      'wants to support that feature, since the server/gateway is not required to do such validation.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1231-1237',
    hint:
      "Compare `environ.get('HTTP_IF_NONE_MATCH')` with your ETag and answer `'304 Not Modified'` yourself rather " +
      'than relying on the server.',
    untested:
      'nothing to fail: the server MAY answer conditional requests, and the application validates only if it ' +
      'wants to support them',
  },
  {
    id: 'http11-content-encoding',
    binds: ['server', 'application'],
    level: 'SHOULD',
    keyword: 'SHOULD (A) / MAY (S)',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary: 'The app chooses a content-coding itself; the server may re-encode or transport-encode the response.',
    quote:
      "Similarly, a server may re-encode or transport-encode an application's response, but the application " +
      'should use a suitable content encoding on its own, and must not apply a transport encoding.',
    observe: ['manual', 'wire'],
    source: 'PEP 3333',
    lines: 'L1239-1242',
    hint:
      "Compress in the application when wanted: gzip the body and send `('Content-Encoding', 'gzip')` and `('Vary', " +
      "'Accept-Encoding')`.",
    untested:
      'nothing to fail: the server MAY re-encode, and which content-coding the application uses is its own choice',
  },
  {
    id: 'http11-byte-ranges-may',
    binds: ['server', 'application'],
    level: 'SHOULD',
    keyword: 'MAY (S) / SHOULD (A)',
    section: 'Other HTTP Features',
    anchor: 'other-http-features',
    summary:
      "The server may serve Range requests for an app that doesn't support them; apps should do it themselves if " +
      'they want it.',
    quote:
      "A server may transmit byte ranges of the application's response if requested by the client, and the " +
      "application doesn't natively support byte ranges. Again, however, the application should perform this " +
      'function on its own if desired.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1242-1245',
    hint:
      "Answer `Range` requests in the application when needed (`'206 Partial Content'` with `Content-Range`) " +
      'instead of counting on the server.',
    untested: 'nothing to fail: the server MAY serve byte ranges, and the application serves them only if it wants to',
  },
];
