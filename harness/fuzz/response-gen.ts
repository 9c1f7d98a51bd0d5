/**
 * Generated application responses: statuses with latin-1 reason phrases, header lists with
 * latin-1 values (non-ASCII ones, empty ones, many fields, repeats), bodies in random chunks
 * (empty items included) from a list or a generator, with write() calls mixed in, with and
 * without Content-Length. The probe's `respond` scenario plays them (X-Probe-Spec).
 */
import fc from 'fast-check';
import type { AppResponse } from '../../spec/model/response.js';

export interface GenResponse extends AppResponse {
  iterable: 'list' | 'generator';
  /** The application sets Content-Length (only without write(), whose bytes the probe does not count). */
  length: boolean;
}

export interface GenRespondExchange {
  method: 'GET' | 'HEAD';
  protocol: 'HTTP/1.0' | 'HTTP/1.1';
  app: GenResponse;
}

const latin1 = (min: number, max: number) =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
        { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xff }) },
        { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0x9f }) },
      ),
      { minLength: min, maxLength: max },
    )
    .map((a) => String.fromCharCode(...a).replace(/^ +| +$/g, ''));
const CODES = [200, 200, 201, 202, 203, 206, 299, 204, 304, 400, 404, 410, 418, 451, 500, 503, 599];
const statusArb = fc
  .tuple(
    fc.constantFrom(...CODES),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('OK', 'Created', 'Not Found', 'Whatever') },
      { weight: 2, arbitrary: latin1(1, 20) },
    ),
  )
  .map(([code, reason]) => `${code} ${reason || 'R'}`);
/** Names an application may send: not hop-by-hop (PEP 3333 forbids those), not framing. */
const NAMES = [
  'X-A',
  'X-B',
  'Set-Cookie',
  'Content-Type',
  'Cache-Control',
  'Location',
  'X-Latin',
  'ETag',
  'Link',
  'Vary',
  'X-Empty',
  'WWW-Authenticate',
];
const headerArb = fc.tuple(
  fc.constantFrom(...NAMES),
  fc.oneof(
    { weight: 4, arbitrary: latin1(0, 30) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: latin1(100, 400) },
  ),
);
const itemArb = fc.oneof(
  { weight: 4, arbitrary: latin1(1, 40) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\n\n', '\x00\xff') },
);

export const responseArb: fc.Arbitrary<GenRespondExchange> = fc
  .record({
    method: fc.constantFrom<'GET' | 'HEAD'>('GET', 'GET', 'GET', 'HEAD'),
    protocol: fc.constantFrom<'HTTP/1.0' | 'HTTP/1.1'>('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0'),
    status: statusArb,
    headers: fc.array(headerArb, { maxLength: 12 }),
    writes: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string[]>([]) },
      { weight: 1, arbitrary: fc.array(itemArb, { minLength: 1, maxLength: 2 }) },
    ),
    items: fc.array(itemArb, { maxLength: 6 }),
    iterable: fc.constantFrom<'list' | 'generator'>('list', 'generator'),
    length: fc.boolean(),
  })
  .map(({ method, protocol, ...app }) => {
    const code = Number(app.status.slice(0, 3));
    // A 204 or 304 has no content (RFC 9110 §15.3.5, §15.4.5): an application sends none.
    const empty = code === 204 || code === 304;
    return {
      method,
      protocol,
      app: {
        ...app,
        items: empty ? [] : app.items,
        writes: empty ? [] : app.writes,
        length: app.length && !app.writes.length && !empty,
      },
    };
  });

/** JSON with every non-ASCII char escaped, so the spec travels in one ASCII field value. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The exact bytes of the request that makes the probe play `x.app` (a byte string). */
export function respondText(x: GenRespondExchange, host: string, id: string): string {
  const spec = {
    status: x.app.status,
    headers: x.app.headers,
    items: x.app.items,
    writes: x.app.writes,
    iterable: x.app.iterable,
    length: x.app.length,
  };
  const close = x.protocol === 'HTTP/1.1' ? 'Connection: close\r\n' : '';
  return (
    `${x.method} /fuzz HTTP/${x.protocol.slice(5)}\r\nHost: ${host}\r\nX-Probe-Scenario: respond\r\nX-Probe-Id: ` +
    `${id}\r\nX-Probe-Spec: ${asciiJson(spec)}\r\n${close}\r\n`
  );
}
