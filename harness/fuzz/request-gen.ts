/**
 * Generated HTTP/1.1 requests (RFC 9112 grammar), weighted toward what WSGI gateways get
 * wrong: percent-encoded bytes that are not UTF-8, `%2F` and `%25`, `;`, dot segments and
 * empty segments; raw query strings; HTTP/1.0; repeated, mixed-case, underscore and empty
 * fields, obs-text, long values, fields named like CGI variables; Content-Length and chunked
 * bodies with extensions and trailers; several requests on one connection; and the
 * wsgi.input calls the probe makes. Every value is plain data, so fast-check shrinks it.
 * Byte strings: one char per byte (latin-1).
 */
import fc from 'fast-check';
import { expectedInput, opText, type InputOp } from '../../spec/model/input.js';

export interface GenField {
  name: string;
  value: string;
  /** Optional whitespace written around the value (RFC 9112 §5: not part of it). */
  ows: '' | ' ' | '\t';
}

export type GenBody =
  | { kind: 'none' }
  | { kind: 'length'; data: string }
  | { kind: 'chunked'; chunks: Array<{ data: string; ext: string }>; trailers: GenField[] };

export interface GenRequest {
  method: string;
  path: string;
  /** After `?` (raw); `undefined`: no `?` at all. */
  query: string | undefined;
  protocol: 'HTTP/1.0' | 'HTTP/1.1';
  fields: GenField[];
  contentType: string | undefined;
  body: GenBody;
  ops: InputOp[];
}

const chars = (s: string) => [...s];
const UNRESERVED = chars('abcxyzABCXYZ0123456789-._~');
const SUB_DELIMS = chars("!$&'()*+,;=:@");
const hex = (b: number) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
/** Percent-encoded bytes, weighted toward the ones gateways mangle. */
const pctByte = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(0xff, 0xfe, 0x80, 0xc3, 0xe9, 0x2f, 0x25, 0x3f, 0x23, 0x3b, 0x20, 0x2b).map(hex),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map(hex) },
  { weight: 1, arbitrary: fc.integer({ min: 0x01, max: 0x7f }).map((b) => hex(b).toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom('%C3%A9', '%E2%82%AC', '%F0%9F%98%80', '%C3', '%ED%A0%80') },
);
const pchar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...UNRESERVED) },
  { weight: 2, arbitrary: fc.constantFrom(...SUB_DELIMS) },
  { weight: 3, arbitrary: pctByte },
);
const segment = fc.oneof(
  { weight: 6, arbitrary: fc.array(pchar, { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', '.', '..', ';p=1', 'a;b') },
);
export const pathArb = fc.array(segment, { minLength: 1, maxLength: 5 }).map((segs) => `/${segs.join('/')}`);
const queryChar = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...UNRESERVED, '=', '&', '+', '/', '?', ':', '@', '%20', '%3D', '%26', '%2B'),
  },
  { weight: 2, arbitrary: pctByte },
);
export const queryArb = fc.option(
  fc.array(queryChar, { maxLength: 16 }).map((a) => a.join('')),
  { nil: undefined, freq: 3 },
);

const TOKEN_CHARS = chars("abcxyzABCXYZ0123456789!#$%&'*+-.^_`|~");
const tokenArb = (max: number) =>
  fc.array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: max }).map((a) => a.join(''));
export const methodArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom('PROPFIND', 'MKCOL', 'PURGE', 'X-CUSTOM', 'M_1') },
);

/** Names a gateway maps to HTTP_* keys, including look-alikes of CGI variables and of each other. */
const NAMES = [
  'Accept',
  'User-Agent',
  'Cookie',
  'X-Forwarded-For',
  'X_Forwarded_For',
  'X-Custom',
  'x-custom',
  'X-CUSTOM',
  'Script-Name',
  'Path-Info',
  'Remote-Addr',
  'Query-String',
  'Server-Name',
  'Request-Method',
  'Authorization',
  'Accept-Encoding',
  'Referer',
  'X-Empty',
  'A',
  'x_under_score',
  'SCRIPT_NAME',
  'Path_Info',
];
/** Framing, connection and probe fields are written by the fuzzer itself, never generated. */
const RESERVED_FIELDS = [
  'content-length',
  'content-type',
  'transfer-encoding',
  'host',
  'connection',
  'expect',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'proxy-connection',
  'http2-settings',
  'x-probe-.*',
];
const RESERVED = new RegExp(`^(${RESERVED_FIELDS.join('|')})$`, 'i');
const nameArb = fc
  .oneof({ weight: 3, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: tokenArb(12) })
  .filter((n) => !RESERVED.test(n));
const vchar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constant(' ') },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) },
);
export const valueArb = fc.oneof(
  { weight: 6, arbitrary: fc.array(vchar, { maxLength: 24 }).map((a) => a.join('').trim()) },
  { weight: 1, arbitrary: fc.constant('') },
  // Path-like values: a Script-Name field that a gateway wrongly obeys then matches the path.
  { weight: 1, arbitrary: fc.constantFrom('/', '/a', '/x/') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom('a', 'xy', '\xe9'))
      .map(([n, s]) => s.repeat(n).slice(0, n)),
  },
);
const fieldArb = fc.record({
  name: nameArb,
  value: valueArb,
  ows: fc.constantFrom<GenField['ows']>('', '', ' ', '\t'),
});
/** Fields with repeats: a field sent again under another case, or an underscore twin. */
const fieldsArb = fc.array(fieldArb, { maxLength: 6 }).chain((fields) =>
  fields.length === 0
    ? fc.constant(fields)
    : fc
        .option(
          fc.tuple(fc.nat(fields.length - 1), valueArb, fc.constantFrom('same', 'lower', 'upper', 'underscore')),
          { freq: 2 },
        )
        .map((rep) => {
          if (!rep) return fields;
          const [i, value, how] = rep;
          const f = fields[i] as GenField;
          const name =
            how === 'lower'
              ? f.name.toLowerCase()
              : how === 'upper'
                ? f.name.toUpperCase()
                : how === 'underscore'
                  ? f.name.replace(/-/g, '_')
                  : f.name;
          return RESERVED.test(name) ? fields : [...fields, { name, value, ows: '' as const }];
        }),
);

const bodyByte = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)) },
);
const dataArb = (max: number) => fc.array(bodyByte, { maxLength: max }).map((a) => a.join(''));
const bodyArb = (protocol: GenRequest['protocol']): fc.Arbitrary<GenBody> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<GenBody>({ kind: 'none' }) },
    { weight: 3, arbitrary: dataArb(200).map((data): GenBody => ({ kind: 'length', data })) },
    ...(protocol === 'HTTP/1.1'
      ? [
          {
            weight: 2,
            arbitrary: fc
              .record({
                chunks: fc.array(
                  fc.record({
                    data: dataArb(40).filter((d) => d.length > 0),
                    ext: fc.constantFrom('', '', ';a=b', ';x', ';n="q"'),
                  }),
                  { maxLength: 4 },
                ),
                trailers: fc.array(
                  fc.record({
                    name: fc.constantFrom('X-Trailer-A', 'X-Trailer-B'),
                    value: fc.constantFrom('1', 't'),
                    ows: fc.constant<GenField['ows']>(''),
                  }),
                  { maxLength: 1 },
                ),
              })
              .map((c): GenBody => ({ kind: 'chunked', ...c })),
          },
        ]
      : []),
  );
const opArb: fc.Arbitrary<InputOp> = fc.oneof(
  fc.record({ op: fc.constant('read' as const), size: fc.integer({ min: 0, max: 64 }) }),
  fc.constant<InputOp>({ op: 'readline' }),
  fc.record({ op: fc.constant('readline' as const), size: fc.integer({ min: 0, max: 16 }) }),
  fc.constantFrom<InputOp>({ op: 'readlines' }, { op: 'iter' }, { op: 'read' }),
);

export const requestArb: fc.Arbitrary<GenRequest> = fc
  .constantFrom<GenRequest['protocol']>('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0')
  .chain((protocol) =>
    fc.record({
      method: methodArb,
      path: pathArb,
      query: queryArb,
      protocol: fc.constant(protocol),
      fields: fieldsArb,
      contentType: fc.option(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'a/b; c="\xe9"',
        ),
        { nil: undefined },
      ),
      body: bodyArb(protocol),
      ops: fc.array(opArb, { maxLength: 4 }),
    }),
  );

/**
 * One connection: a request alone, or two or three HTTP/1.1 requests kept alive. Each kept-alive
 * request is an option, which shrinks to nothing, so a counterexample that needs only one of
 * them shrinks to that one alone (an array only drops items from its front, never below its
 * minimum length).
 */
export const conversationArb: fc.Arbitrary<GenRequest[]> = fc.oneof(
  { weight: 4, arbitrary: requestArb.map((r) => [r]) },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.option(
          requestArb.filter((r) => r.protocol === 'HTTP/1.1'),
          { nil: undefined, freq: 50 },
        ),
        { minLength: 2, maxLength: 3 },
      )
      .map((rs) => rs.filter((r): r is GenRequest => r !== undefined))
      .filter((rs) => rs.length > 0),
  },
);

export function bodyData(b: GenBody): string {
  return b.kind === 'none' ? '' : b.kind === 'length' ? b.data : b.chunks.map((c) => c.data).join('');
}

/**
 * The ops the probe runs: the generated ones, then (on a kept-alive connection) a read of
 * exactly what is left, so the next request's bytes are never in reach of the application.
 */
export function opsFor(r: GenRequest, keepAlive: boolean): InputOp[] {
  if (!keepAlive) return r.ops;
  const body = bodyData(r.body);
  const used = expectedInput(body, r.ops).reduce<number>(
    (n, v) => n + (typeof v === 'string' ? v.length : v.join('').length),
    0,
  );
  return used < body.length &&
    !r.ops.some((o) => o.op === 'readlines' || o.op === 'iter' || (o.op === 'read' && o.size === undefined))
    ? [...r.ops, { op: 'read', size: body.length - used }]
    : r.ops;
}

const fieldLine = (f: GenField) => `${f.name}:${f.ows || (f.value ? ' ' : '')}${f.value}${f.ows}\r\n`;

/**
 * The exact bytes of request `r` (a byte string), with the probe's fields and the framing.
 * `blockMs`: how long the probe waits on one wsgi.input call before it reports it blocked
 * (X-Probe-Block-Ms; without it, the probe's own default).
 */
export function requestText(
  r: GenRequest,
  host: string,
  id: string,
  last: boolean,
  keepAlive: boolean,
  blockMs?: number,
): string {
  const ops = opsFor(r, keepAlive);
  const target = `${r.path}${r.query === undefined ? '' : `?${r.query}`}`;
  let head = `${r.method} ${target} ${r.protocol}\r\nHost: ${host}\r\n`;
  head += `X-Probe-Scenario: fuzz-echo\r\nX-Probe-Id: ${id}\r\n`;
  if (ops.length) head += `X-Probe-Ops: ${ops.map(opText).join(',')}\r\n`;
  if (ops.length && blockMs !== undefined) head += `X-Probe-Block-Ms: ${blockMs}\r\n`;
  head += r.fields.map(fieldLine).join('');
  if (r.contentType !== undefined) head += `Content-Type: ${r.contentType}\r\n`;
  if (r.protocol === 'HTTP/1.1' && last) head += 'Connection: close\r\n';
  const b = r.body;
  if (b.kind === 'length') return `${head}Content-Length: ${b.data.length}\r\n\r\n${b.data}`;
  if (b.kind === 'chunked') {
    const chunks = b.chunks.map((c) => `${c.data.length.toString(16)}${c.ext}\r\n${c.data}\r\n`).join('');
    return `${head}Transfer-Encoding: chunked\r\n\r\n${chunks}0\r\n${b.trailers.map(fieldLine).join('')}\r\n`;
  }
  return `${head}\r\n`;
}
