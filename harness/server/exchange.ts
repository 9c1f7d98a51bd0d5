/**
 * One request to the probe and what came back: the suite's only HTTP client for probe
 * requests. Each request goes on a fresh connection (a case cannot inherit what an earlier
 * one left on a reused keep-alive connection) through the raw-socket driver
 * (harness/wire/driver.ts), and the response is read leniently (harness/wire/lenient.ts):
 * a bare LF or a short body is noted, never a reason to throw away the probe's observation.
 * Nothing here throws: a request that gets no complete answer is an Exchange with `error`.
 *
 * Public API: `sendProbe`, the `Exchange` it returns, `header`, `chunked`, and the arrival
 * helpers (`arrivedBy`, `arrivalOf`, `headersArrival`) for cases that time what they read.
 */
import { converse, type WireRead } from '../wire/driver.js';
import { readLenient } from '../wire/lenient.js';
import type { ProbeScenario } from '../probe-protocol.js';
import type { TlsClient } from './tls.js';

export interface ProbeRequest {
  scenario: ProbeScenario;
  method?: string;
  /** Request target as sent (percent-encoded path and query). */
  target?: string;
  headers?: Array<[string, string]>;
  body?: string | Buffer;
  /** wsgi.input operations for the input scenario, e.g. `read:3,readline`. */
  ops?: string;
  /** Connect from this local address (127.0.0.2: a loopback peer no default allow-list trusts). */
  from?: string;
}

export interface SendOptions {
  timeoutMs: number;
  /** Default HTTP/1.1. */
  protocol?: 'HTTP/1.0' | 'HTTP/1.1';
  /** Send `Connection: close` and read until the server closes (bytes past the framing included). */
  close?: boolean;
  /** Body bytes exactly as they go on the wire (already framed), with their framing header. */
  framed?: { header: [string, string]; bytes: Buffer };
  /** Leave (close the connection) as soon as the response holds this text, as a closed browser tab does. */
  leaveAfter?: string;
  /** Put the read timeline in the transcript (cases that time what they read). */
  timeline?: boolean;
  signal?: AbortSignal;
}

/** The one response type: what a probe request got back, read leniently, with the raw record. */
export interface Exchange {
  id: string;
  status?: number;
  /** Header names in lower case, values trimmed. */
  headers: Array<[string, string]>;
  body: Buffer;
  /** Parsed JSON body, when the body is JSON (the probe's observation). */
  json?: unknown;
  /** No complete response: why, in words (what was expected and what came instead). */
  error?: string;
  /** What the lenient reading had to overlook (bare LF, a short body...), in words. */
  notes: string[];
  ms: number;
  transcript: string;
  /** Everything received, as it came (heads, framing, body). */
  raw: Buffer;
  /** Each read, stamped in ms since the request was written. */
  reads: WireRead[];
  /** When the client left on purpose (ms since the request was written), with `leaveAfter`. */
  leftAtMs?: number;
  /** The longest the client's event loop was late during the exchange, ms (a read stamp may be this late). */
  loopStallMs: number;
  /** 'https' when the request went over TLS (absent: plain HTTP). */
  scheme?: 'https';
  /** The local address the request was sent from, when not the default. */
  from?: string;
}

/** Where a probe request goes: plain TCP, or TLS verified against `tls` (the server's CA). */
export interface Where {
  host: string;
  port: number;
  tls?: TlsClient;
}

export function header(ex: Exchange, name: string): string[] {
  return ex.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

/** Frames `parts` as a chunked body (RFC 9112 §7.1). */
export function chunked(parts: string[]): { header: [string, string]; bytes: Buffer } {
  const body = `${parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('')}0\r\n\r\n`;
  return { header: ['Transfer-Encoding', 'chunked'], bytes: Buffer.from(body, 'latin1') };
}

/** The request's bytes: the probe's headers, the case's, then the body's framing. */
export function requestBytes(
  where: Where,
  id: string,
  req: ProbeRequest,
  opts: Omit<SendOptions, 'timeoutMs'>,
): Buffer {
  const host = where.host.includes(':') ? `[${where.host}]` : where.host;
  const body = opts.framed?.bytes ?? (req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body));
  const lines = [
    `${req.method ?? 'GET'} ${req.target ?? '/'} ${opts.protocol ?? 'HTTP/1.1'}`,
    `Host: ${host}:${where.port}`,
    ...(opts.close ? ['Connection: close'] : []),
    `X-Probe-Scenario: ${req.scenario}`,
    `X-Probe-Id: ${id}`,
    ...(req.ops ? [`X-Probe-Ops: ${req.ops}`] : []),
    ...(req.headers ?? []).map(([n, v]) => `${n}: ${v}`),
    ...(opts.framed
      ? [opts.framed.header.join(': ')]
      : req.body !== undefined
        ? [`Content-Length: ${body.length}`]
        : []),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

export async function sendProbe(where: Where, id: string, req: ProbeRequest, opts: SendOptions): Promise<Exchange> {
  const method = req.method ?? 'GET';
  const sent = requestBytes(where, id, req, opts);
  let leftAtMs: number | undefined;
  const record = await converse({
    host: where.host,
    port: where.port,
    ...(where.tls ? { tls: where.tls } : {}),
    ...(req.from ? { localAddress: req.from } : {}),
    steps: [{ bytes: sent }],
    done: (received, closed) => {
      if (opts.leaveAfter !== undefined && received.includes(opts.leaveAfter, 0, 'latin1')) return true;
      // With Connection: close the response ends with the close, whatever its framing says.
      return opts.close ? closed : readLenient(received, method, closed).complete;
    },
    settleMs: 0,
    timeoutMs: opts.timeoutMs,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (opts.leaveAfter !== undefined && record.received.includes(opts.leaveAfter, 0, 'latin1')) {
    const at = record.received.indexOf(opts.leaveAfter, 0, 'latin1') + Buffer.byteLength(opts.leaveAfter, 'latin1');
    leftAtMs = record.reads.find((r) => r.total >= at)?.ms;
  }
  const read = readLenient(record.received, method, record.closedByServer, opts.close ?? false);
  const left = leftAtMs !== undefined;
  const error = left || read.complete ? undefined : incomplete(record, read, opts.timeoutMs);
  let json: unknown;
  if (read.status !== undefined) {
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      /* not the probe's JSON */
    }
  }
  const headers = read.headers.map(([n, v]): [string, string] => [n.toLowerCase(), v]);
  const ex: Exchange = {
    id,
    headers,
    body: read.body,
    notes: read.notes,
    ms: Math.round(record.endMs),
    transcript: '',
    raw: record.received,
    reads: record.reads,
    loopStallMs: record.loopStallMs,
    ...(read.status !== undefined ? { status: read.status } : {}),
    ...(json === undefined ? {} : { json }),
    ...(error ? { error } : {}),
    ...(left ? { leftAtMs } : {}),
    ...(where.tls ? { scheme: 'https' as const } : {}),
    ...(req.from ? { from: req.from } : {}),
  };
  ex.transcript = transcript(sent, record.received, ex, opts.timeline ?? false);
  return ex;
}

/** Why no complete response came: what was expected, what came instead. */
function incomplete(
  record: Awaited<ReturnType<typeof converse>>,
  read: ReturnType<typeof readLenient>,
  timeoutMs: number,
): string {
  const n = record.received.length;
  const why =
    record.end === 'timeout'
      ? `no complete response within ${timeoutMs} ms`
      : record.end === 'error' && !record.closedByServer
        ? (record.error ?? 'socket error')
        : record.error?.startsWith('ECONNRESET')
          ? `the connection was reset after ${n} bytes`
          : `the connection closed after ${n} bytes`;
  if (read.status === undefined) return n ? `${why}, without a status line` : why;
  const cl = read.headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1];
  const got =
    cl !== undefined && /^\d+$/.test(cl.trim())
      ? `Content-Length: ${cl.trim()}, then ${read.body.length} body bytes`
      : `${read.body.length} body bytes`;
  return `${why} (status ${read.status}, ${got})`;
}

/** One transcript format: the request as sent (`>`), the response as received (`<`), then notes. */
function transcript(sent: Buffer, received: Buffer, ex: Exchange, timeline: boolean): string {
  const out = `> ${sent.toString('latin1').slice(0, 800).trimEnd().replace(/\r?\n/g, '\n> ')}`;
  const how = [...(ex.scheme ? ['over TLS'] : []), ...(ex.from ? [`from ${ex.from}`] : [])];
  const back = received.length
    ? received.toString('latin1').slice(0, 800).replace(/\r\n/g, '\n').replace(/\n/g, '\n< ')
    : `(${ex.error ?? 'nothing'})`;
  const lines = [out, ...(how.length ? [`(${how.join(', ')})`] : []), `< ${back}`];
  if (received.length && ex.error) lines.push(`(${ex.error})`);
  if (ex.notes.length) lines.push(`(read leniently: ${ex.notes.join('; ')})`);
  if (timeline) lines.push(`(reads: ${ex.reads.map((r) => `${r.ms} ms: ${r.total} bytes`).join(', ') || 'none'})`);
  if (ex.leftAtMs !== undefined) lines.push(`(the client left on purpose at ${ex.leftAtMs} ms)`);
  return lines.join('\n');
}

/** When (ms since the request was written) the client had received the first `bytes` bytes. */
export function arrivedBy(ex: Exchange, bytes: number): number | undefined {
  return ex.reads.find((r) => r.total >= bytes)?.ms;
}

/** When the whole of `text` (its first occurrence at or after `from`) had arrived. */
export function arrivalOf(ex: Exchange, text: string, from = 0): number | undefined {
  const at = ex.raw.indexOf(text, from, 'latin1');
  return at < 0 ? undefined : arrivedBy(ex, at + Buffer.byteLength(text, 'latin1'));
}

/** When the end of the response headers (the blank line) had arrived. */
export function headersArrival(ex: Exchange): number | undefined {
  return arrivalOf(ex, '\r\n\r\n');
}
