/**
 * Lenient reading of one response: as much as a broken server's bytes allow (a bare LF, a
 * malformed status line, a body shorter than its Content-Length, bytes after it), so that the
 * cases about the application can still read the probe's observation. What was wrong is
 * kept as `notes` in plain words; judging the framing is the strict parser's job (parse.ts),
 * under the RFC 9112 rules of the wire cases.
 */
import { readHead, values } from './head.js';

export interface LenientResponse {
  /** The final status (interim 1xx responses are skipped); undefined when no status line came. */
  status?: number;
  headers: Array<[string, string]>;
  body: Buffer;
  /** The final response arrived whole as framed (a close-delimited one: the connection closed). */
  complete: boolean;
  /** Where the final response's head ended, when it did. */
  headEnd?: number;
  /** What was not as HTTP/1.1 frames it, in words ("Content-Length: 5, then 0 body bytes"). */
  notes: string[];
}

const NO_BODY = (status: number) => (status >= 100 && status < 200) || status === 204 || status === 304;

/**
 * Reads the response to one `method` request from `raw`; `closed`: the server closed the
 * connection. `toClose`: the request said `Connection: close`, so bytes past the
 * Content-Length are kept in the body (a case may judge them) and noted.
 */
export function readLenient(raw: Buffer, method: string, closed: boolean, toClose = false): LenientResponse {
  const notes: string[] = [];
  let at = 0;
  for (;;) {
    const head = readHead(raw, at);
    if (!head) {
      if (
        raw.length > at &&
        !raw
          .subarray(at, at + 5)
          .toString('latin1')
          .startsWith('HTTP/'.slice(0, raw.length - at))
      ) {
        notes.push(
          `${raw.length - at} bytes that are not an HTTP response: ` +
            `${JSON.stringify(raw.subarray(at, at + 60).toString('latin1'))}`,
        );
      } else if (closed && raw.length > at)
        notes.push(`the connection closed inside the response head, after ${raw.length} bytes`);
      return { headers: [], body: Buffer.alloc(0), complete: false, notes };
    }
    for (const p of head.problems) if (!notes.includes(p.message)) notes.push(p.message);
    if (!head.status) {
      notes.push(`no status code in ${JSON.stringify(head.statusLine.slice(0, 80))}`);
      return { headers: head.headers, body: Buffer.alloc(0), complete: false, headEnd: head.end, notes };
    }
    if (head.status >= 100 && head.status < 200 && head.status !== 101) {
      at = head.end; // an interim response (100 Continue): the final one follows
      continue;
    }
    const base = { status: head.status, headers: head.headers, headEnd: head.end };
    const rest = raw.subarray(head.end);
    if (method === 'HEAD' || NO_BODY(head.status)) return { ...base, body: Buffer.alloc(0), complete: true, notes };
    const te = values(head.headers, 'Transfer-Encoding').join(',').toLowerCase();
    if (/chunked\s*$/.test(te)) {
      const c = dechunk(rest);
      if (!c.complete && closed)
        notes.push(`the connection closed inside the chunked body, after ${c.body.length} bytes of content`);
      return { ...base, body: c.body, complete: c.complete, notes };
    }
    const cl = [...new Set(values(head.headers, 'Content-Length').map((v) => v.trim()))];
    if (!te && cl.length === 1 && /^[0-9]+$/.test(cl[0] as string)) {
      const n = Number(cl[0]);
      if (rest.length < n && closed)
        notes.push(`Content-Length: ${n}, then ${rest.length} body bytes and the connection closed`);
      if (rest.length > n && toClose)
        notes.push(`Content-Length: ${n}, then ${rest.length} body bytes before the close`);
      return { ...base, body: toClose ? rest : rest.subarray(0, n), complete: rest.length >= n, notes };
    }
    if (cl.length > 1) notes.push(`conflicting Content-Length values: ${cl.join(', ')}`);
    return { ...base, body: rest, complete: closed, notes };
  }
}

/** Lenient de-chunking (a bare LF ends a line too); `complete` once the last-chunk arrived. */
export function dechunk(body: Buffer): { body: Buffer; complete: boolean } {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\n', at);
    if (eol < 0) return { body: Buffer.concat(out), complete: false };
    const size = parseInt(body.subarray(at, eol).toString('latin1').trim(), 16);
    if (Number.isNaN(size)) return { body: Buffer.concat(out), complete: false };
    if (size === 0) return { body: Buffer.concat(out), complete: true };
    out.push(body.subarray(eol + 1, eol + 1 + size));
    if (eol + 1 + size > body.length) return { body: Buffer.concat(out), complete: false };
    at = eol + 1 + size;
    if (body[at] === 0x0d) at++;
    if (body[at] === 0x0a) at++;
  }
}
