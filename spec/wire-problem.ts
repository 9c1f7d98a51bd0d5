/**
 * The ways a response can break HTTP/1.1 framing or syntax, as the strict reader
 * (harness/wire/head.ts, chunked.ts) names them. Rules name the problems that show them broken
 * (`Rule.wireProblems`), so the vocabulary lives here, below both.
 */
export type ProblemCode =
  | 'status-line' // not HTTP-version SP 3DIGIT SP reason (RFC 9112 §4)
  | 'line-ending' // bare LF or bare CR in the head (RFC 9112 §2.2)
  | 'field-syntax' // not field-name ":" OWS value OWS, or controls in the value (RFC 9112 §5, RFC 9110 §5.5)
  | 'obs-fold' // a field line continued on the next line (RFC 9112 §5.2)
  | 'content-length' // more than one Content-Length, or not 1*DIGIT (RFC 9110 §5.3, §8.6)
  | 'short-body' // the connection closed before Content-Length octets of body came (RFC 9112 §6.3)
  | 'cl-with-te' // Content-Length together with Transfer-Encoding (RFC 9112 §6.2)
  | 'te-http10' // Transfer-Encoding in a response to an HTTP/1.0 request (RFC 9112 §6.1)
  | 'cl-1xx-204' // Content-Length in a 1xx or 204 response (RFC 9110 §8.6)
  | 'te-1xx-204' // Transfer-Encoding in a 1xx or 204 response (RFC 9112 §6.1)
  | '1xx-http10' // an interim response to an HTTP/1.0 request (RFC 9110 §15.2)
  | 'chunked' // the chunked body does not follow the grammar (RFC 9112 §7.1)
  | 'stray-bytes'; // bytes where a response should start (a body the framing did not announce)
