/**
 * Strict HTTP/1.x response parser over everything a connection received (RFC 9112 §6.3):
 * responses in order, each matched to the request it answers (1xx interim responses to the
 * request they precede), bodies framed exactly as announced (none for HEAD, 1xx, 204 and
 * 304; chunked; Content-Length; or up to the close). What does not fit is a problem in the
 * result, never an exception: a body the framing did not announce shows up as stray bytes
 * where the next status line should be, and parsing resumes at the next `HTTP/1.`.
 */
import { readChunked } from './chunked.js';
import { readHead, values, type WireProblem } from './head.js';

export type { ProblemCode, WireProblem } from './head.js';
export { values } from './head.js';

export interface WireRequestMeta {
  method: string;
  protocol: 'HTTP/1.0' | 'HTTP/1.1';
}

export type Framing = 'none' | 'content-length' | 'chunked' | 'close';

export interface WireResponse {
  /** Index of the request it answers. */
  request: number;
  interim: boolean;
  statusLine: string;
  version: string;
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  framing: Framing;
  body: Buffer;
  chunkSizes: number[];
  chunkExtensions: string[];
  trailers: Array<[string, string]>;
  /** The whole message arrived as framed (a close-delimited one: the connection closed). */
  complete: boolean;
  start: number;
  headEnd: number;
  /** Offset just past the message (as far as it came, when incomplete). */
  end: number;
}

export interface ParsedStream {
  responses: WireResponse[];
  problems: WireProblem[];
  /** Final responses that arrived complete. */
  finals: number;
  /** Bytes after the answer to the last request (data no request asked for, RFC 9112 §9.2). */
  extra: Buffer;
}

const NO_BODY_STATUS = (s: number) => (s >= 100 && s < 200) || s === 204 || s === 304;

/**
 * Parses `raw` as the responses to `requests`. `closed`: the server closed the connection,
 * so a close-delimited body ends at the end of `raw`.
 */
export function parseResponses(raw: Buffer, requests: readonly WireRequestMeta[], closed: boolean): ParsedStream {
  const responses: WireResponse[] = [];
  const problems: WireProblem[] = [];
  let pos = 0;
  let req = 0;
  let finals = 0;
  while (pos < raw.length && req < requests.length) {
    if (
      !raw
        .subarray(pos, pos + 7)
        .toString('latin1')
        .startsWith('HTTP/1.'.slice(0, Math.min(7, raw.length - pos)))
    ) {
      const next = raw.indexOf('HTTP/1.', pos + 1, 'latin1');
      const upTo = next < 0 ? raw.length : next;
      problems.push({
        code: 'stray-bytes',
        message:
          `${upTo - pos} bytes where a status line should start: ` +
          `${JSON.stringify(raw.subarray(pos, Math.min(upTo, pos + 60)).toString('latin1'))}`,
        at: pos,
        ...(responses.length ? { response: responses.length - 1 } : {}),
      });
      pos = upTo;
      continue;
    }
    const head = readHead(raw, pos);
    if (!head) break;
    const index = responses.length;
    const meta = requests[req] as WireRequestMeta;
    problems.push(...head.problems.map((p) => ({ ...p, response: index })));
    const interim = head.status >= 100 && head.status < 200 && head.status !== 101;
    const r: WireResponse = {
      request: req,
      interim,
      statusLine: head.statusLine,
      version: head.version,
      status: head.status,
      reason: head.reason,
      headers: head.headers,
      framing: 'none',
      body: Buffer.alloc(0),
      chunkSizes: [],
      chunkExtensions: [],
      trailers: [],
      complete: false,
      start: pos,
      headEnd: head.end,
      end: head.end,
    };
    responses.push(r);
    const note = (code: WireProblem['code'], message: string) =>
      problems.push({ code, message, at: pos, response: index });
    frameChecks(r, meta, note);
    pos = readBody(raw, r, meta, closed, note);
    if (!r.complete) break;
    if (!interim) {
      finals++;
      req++;
    }
  }
  return { responses, problems, finals, extra: req >= requests.length ? raw.subarray(pos) : Buffer.alloc(0) };
}

/** Header-level framing rules of RFC 9110 §8.6 and RFC 9112 §6.1, §6.2. */
function frameChecks(
  r: WireResponse,
  meta: WireRequestMeta,
  note: (code: WireProblem['code'], message: string) => void,
): void {
  const cl = values(r.headers, 'Content-Length');
  const te = values(r.headers, 'Transfer-Encoding');
  if (cl.length > 1) note('content-length', `${cl.length} Content-Length field lines (${cl.join(' / ')})`);
  else if (cl.length === 1 && !/^[0-9]+$/.test(cl[0] as string))
    note('content-length', `Content-Length ${JSON.stringify(cl[0])} is not 1*DIGIT`);
  if (cl.length && te.length)
    note('cl-with-te', `Content-Length (${cl.join(', ')}) together with Transfer-Encoding (${te.join(', ')})`);
  if (te.length && meta.protocol === 'HTTP/1.0')
    note('te-http10', `Transfer-Encoding: ${te.join(', ')} in the response to an HTTP/1.0 request`);
  if ((r.status >= 100 && r.status < 200) || r.status === 204) {
    if (cl.length) note('cl-1xx-204', `Content-Length: ${cl.join(', ')} in a ${r.status} response`);
    if (te.length) note('te-1xx-204', `Transfer-Encoding: ${te.join(', ')} in a ${r.status} response`);
  }
  if (r.interim && meta.protocol === 'HTTP/1.0')
    note('1xx-http10', `an interim ${r.statusLine} to an HTTP/1.0 request`);
}

/** Reads the body as the response frames it; returns where the next message starts. */
function readBody(
  raw: Buffer,
  r: WireResponse,
  meta: WireRequestMeta,
  closed: boolean,
  note: (code: WireProblem['code'], message: string) => void,
): number {
  const at = r.headEnd;
  const te = values(r.headers, 'Transfer-Encoding')
    .join(',')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  const cl = [...new Set(values(r.headers, 'Content-Length').flatMap((v) => v.split(',').map((x) => x.trim())))];
  const done = (end: number, body: Buffer, complete: boolean) => {
    Object.assign(r, { end, body, complete });
    return end;
  };
  if (meta.method === 'HEAD' || NO_BODY_STATUS(r.status)) return done(at, Buffer.alloc(0), true);
  if (te.length && te[te.length - 1] === 'chunked') {
    r.framing = 'chunked';
    const c = readChunked(raw, at);
    Object.assign(r, { chunkSizes: c.sizes, chunkExtensions: c.extensions, trailers: c.trailers });
    if (c.problem) {
      note(c.problem.code, c.problem.message);
      return done(raw.length, c.body, false);
    }
    return c.end === undefined ? done(raw.length, c.body, false) : done(c.end, c.body, true);
  }
  if (!te.length && cl.length === 1 && /^[0-9]+$/.test(cl[0] as string)) {
    r.framing = 'content-length';
    const n = Number(cl[0]);
    if (raw.length >= at + n) return done(at + n, raw.subarray(at, at + n), true);
    if (closed)
      note('short-body', `Content-Length: ${n}, then ${raw.length - at} body bytes and the connection closed`);
    return done(raw.length, raw.subarray(at), false);
  }
  // No usable length (or a transfer coding other than chunked): the body ends at the close.
  r.framing = 'close';
  return done(raw.length, raw.subarray(at), closed);
}
