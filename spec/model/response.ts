/**
 * The reference model of what reaches the wire (PEP 3333 "The start_response() Callable",
 * "Unicode Issues"; RFC 9110 §6.4.1, §9.3.2): the application's status and headers arrive
 * unchanged, each str encoded as latin-1, one byte per char; the body is the bytes the
 * application wrote and yielded, in order (none for HEAD, 204 and 304). Framing itself is
 * judged by the wire parser's own rules. Byte strings: one char per byte.
 */
import type { Violation } from './environ.js';

/** What the application did: status, headers (latin-1 str), body data in order. */
export interface AppResponse {
  status: string;
  headers: Array<[string, string]>;
  /** write() calls first, then the iterable's items. */
  writes: string[];
  items: string[];
}

/** The response as read off the wire (framing already undone). */
export interface WireAnswer {
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
}

/** Header names the server owns or may rewrite (RFC 9112 §6, §9.6): the model does not compare their values. */
const SERVER_OWNED = new Set(['connection', 'transfer-encoding', 'keep-alive', 'date', 'server', 'content-length']);

const utf8Of = (latin1: string) => Array.from(new TextEncoder().encode(latin1), (b) => String.fromCharCode(b)).join('');

export function bodyOf(app: AppResponse, method: string): string {
  const code = Number(app.status.slice(0, 3));
  if (method === 'HEAD' || code === 204 || code === 304 || (code >= 100 && code < 200)) return '';
  return [...app.writes, ...app.items].join('');
}

export function checkResponse(app: AppResponse, method: string, got: WireAnswer): Violation[] {
  const out: Violation[] = [];
  const nonAscii = app.headers.some(([, v]) => /[\x80-\xff]/.test(v)) || /[\x80-\xff]/.test(app.status);
  const code = Number(app.status.slice(0, 3));
  const reason = app.status.slice(4);
  if (got.status !== code) {
    const latin = nonAscii && got.status >= 500;
    const why = latin ? " (the application's headers hold latin-1 text above U+007F)" : '';
    out.push({
      rule: latin ? 'unicode-latin1-translatable' : 'status-preserved',
      expected: `status ${app.status}`,
      actual: `${got.status} ${got.reason}${why}`,
    });
    return out; // the server answered for itself: nothing else of the application's arrived
  }
  if (got.reason !== reason) {
    const latin = got.reason === utf8Of(reason) && reason !== got.reason;
    out.push({
      rule: latin ? 'unicode-latin1-translatable' : 'status-preserved',
      expected: `reason phrase ${JSON.stringify(reason)}`,
      actual: JSON.stringify(got.reason) + (latin ? ' (UTF-8, not latin-1)' : ''),
    });
  }
  const names = [...new Set(app.headers.map(([n]) => n.toLowerCase()))].filter((n) => !SERVER_OWNED.has(n));
  for (const name of names) {
    const want = app.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    const have = got.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    if (want.join('\0') === have.join('\0')) continue;
    const utf8 = want.map(utf8Of).join('\0') === have.join('\0');
    out.push({
      rule: utf8 ? 'unicode-latin1-translatable' : 'headers-preserved',
      key: name,
      expected: `${name}: ${want.map((v) => JSON.stringify(v)).join(', ')}`,
      actual: have.length
        ? have.map((v) => JSON.stringify(v)).join(', ') + (utf8 ? ' (UTF-8, not latin-1)' : '')
        : '(absent)',
    });
  }
  const body = bodyOf(app, method);
  if (got.body !== body)
    out.push({
      rule: 'body-binary-safe',
      expected: `${body.length} body bytes ${JSON.stringify(body.slice(0, 80))}`,
      actual: `${got.body.length} bytes ${JSON.stringify(got.body.slice(0, 80))}`,
    });
  return out;
}
