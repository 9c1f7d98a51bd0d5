/**
 * The reference model's view of a request: the exact bytes a client sent, read as RFC 9112
 * frames them (request line, field lines, body by Transfer-Encoding: chunked or
 * Content-Length). Bytes are carried as latin-1 strings ("byte strings": one char per byte,
 * U+0000..U+00FF), which is also how PEP 3333 tunnels request bytes into native strings.
 *
 * Pure: no I/O. Several requests on one connection (keep-alive) parse one after another.
 */

export interface ModelField {
  /** Field name exactly as sent. */
  name: string;
  /** Field value as a byte string, without the optional whitespace around it (RFC 9112 §5). */
  value: string;
}

export interface ModelRequest {
  method: string;
  /** The request-target exactly as sent (origin-form: path and optional query). */
  target: string;
  protocol: string;
  fields: ModelField[];
  /** The message body after transfer decoding: what `wsgi.input` must yield. */
  body: string;
  framing: 'none' | 'content-length' | 'chunked';
  trailers: ModelField[];
}

export type ParseResult = { ok: true; requests: ModelRequest[]; rest: string } | { ok: false; reason: string };

/** Bytes as a byte string (latin-1), and back. */
export function toByteString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

export function fromByteString(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses every complete request in `raw` (a byte string). Malformed input is a reason, never an exception. */
export function parseRequests(raw: string): ParseResult {
  const requests: ModelRequest[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const one = parseOne(raw, pos);
    if ('reason' in one) return { ok: false, reason: `request ${requests.length + 1}: ${one.reason}` };
    requests.push(one.request);
    pos = one.end;
  }
  return { ok: true, requests, rest: raw.slice(pos) };
}

function parseOne(raw: string, start: number): { request: ModelRequest; end: number } | { reason: string } {
  const headEnd = raw.indexOf('\r\n\r\n', start);
  if (headEnd < 0) return { reason: 'no end of the header section (CRLF CRLF)' };
  const lines = raw.slice(start, headEnd).split('\r\n');
  const m = /^([^ ]+) ([^ ]+) (HTTP\/[0-9]\.[0-9])$/.exec(lines[0] ?? '');
  if (!m) return { reason: `bad request line ${JSON.stringify(lines[0])}` };
  const [, method = '', target = '', protocol = ''] = m;
  if (!TOKEN.test(method)) return { reason: `method ${JSON.stringify(method)} is not a token` };
  const fields = parseFields(lines.slice(1));
  if (typeof fields === 'string') return { reason: fields };
  const te = fieldValues(fields, 'transfer-encoding')
    .flatMap((v) => v.split(','))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const cl = fieldValues(fields, 'content-length');
  const pos = headEnd + 4;
  if (te.length) {
    if (te[te.length - 1] !== 'chunked' || cl.length)
      return { reason: 'a transfer coding other than a final chunked, or with Content-Length' };
    const chunked = decodeChunked(raw, pos);
    if ('reason' in chunked) return chunked;
    return {
      request: { method, target, protocol, fields, body: chunked.body, framing: 'chunked', trailers: chunked.trailers },
      end: chunked.end,
    };
  }
  if (cl.length) {
    if (new Set(cl).size !== 1 || !/^[0-9]+$/.test(cl[0] as string))
      return { reason: `Content-Length ${cl.join(', ')}` };
    const n = Number(cl[0]);
    if (raw.length < pos + n) return { reason: `Content-Length ${n} but ${raw.length - pos} body bytes` };
    return {
      request: {
        method,
        target,
        protocol,
        fields,
        body: raw.slice(pos, pos + n),
        framing: 'content-length',
        trailers: [],
      },
      end: pos + n,
    };
  }
  return { request: { method, target, protocol, fields, body: '', framing: 'none', trailers: [] }, end: pos };
}

function parseFields(lines: string[]): ModelField[] | string {
  const out: ModelField[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    if (colon <= 0 || !TOKEN.test(name)) return `bad field line ${JSON.stringify(line)}`;
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return `control character in the value of ${name}`;
    out.push({ name, value });
  }
  return out;
}

function decodeChunked(
  raw: string,
  start: number,
): { body: string; trailers: ModelField[]; end: number } | { reason: string } {
  let pos = start;
  let body = '';
  for (;;) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) return { reason: 'chunk size line without CRLF' };
    const m = /^([0-9A-Fa-f]+)[ \t]*(;.*)?$/.exec(raw.slice(pos, eol));
    if (!m) return { reason: `bad chunk size line ${JSON.stringify(raw.slice(pos, eol))}` };
    const size = parseInt(m[1] as string, 16);
    pos = eol + 2;
    if (size === 0) break;
    if (raw.slice(pos + size, pos + size + 2) !== '\r\n') return { reason: 'chunk data not followed by CRLF' };
    body += raw.slice(pos, pos + size);
    pos += size + 2;
  }
  const end = raw.indexOf('\r\n\r\n', pos - 2);
  if (end < 0) return { reason: 'no end of the trailer section' };
  const trailerText = raw.slice(pos, end);
  const trailers = trailerText ? parseFields(trailerText.split('\r\n')) : [];
  if (typeof trailers === 'string') return { reason: trailers };
  return { body, trailers, end: end + 4 };
}

/** Values of the fields named `name` (case-insensitive), in order. */
export function fieldValues(fields: readonly ModelField[], name: string): string[] {
  const lower = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === lower).map((f) => f.value);
}

/** The request target split as RFC 9112 §3.2.1 origin-form: path, and query after the first `?`. */
export function splitTarget(target: string): { path: string; query: string | undefined } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: undefined } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** Percent-decodes a path into bytes (as a byte string); `%` not followed by two hex digits stays. */
export function percentDecode(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
