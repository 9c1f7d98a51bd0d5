/**
 * A request over a raw socket, written in one piece, with `Connection: close` so the
 * response ends when the server closes: HTTP/1.0 requests (undici speaks only 1.1) and
 * pre-framed bodies such as chunked ones, which a stream would send in racing pieces.
 */
import type { Exchange, ProbeRequest } from './exchange.js';
import { openConnection, type TlsClient } from './tls.js';

export interface RawOptions {
  protocol: 'HTTP/1.0' | 'HTTP/1.1';
  /** Body bytes exactly as they go on the wire (already framed), with their framing header. */
  framed?: { header: [string, string]; bytes: Buffer };
}

/** Frames `parts` as a chunked body (RFC 9112 §7.1). */
export function chunked(parts: string[]): { header: [string, string]; bytes: Buffer } {
  const body = parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('') + '0\r\n\r\n';
  return { header: ['Transfer-Encoding', 'chunked'], bytes: Buffer.from(body, 'latin1') };
}

/** `tls`: speak TLS, verifying the server's certificate against its CA. */
export function sendRaw(host: string, port: number, id: string, req: ProbeRequest, opts: RawOptions, timeoutMs: number, signal?: AbortSignal, tls?: TlsClient): Promise<Exchange> {
  const started = Date.now();
  const lines = [
    `${req.method ?? 'GET'} ${req.target ?? '/'} ${opts.protocol}`, `Host: ${host}:${port}`, 'Connection: close',
    `X-Probe-Scenario: ${req.scenario}`, `X-Probe-Id: ${id}`, ...(req.ops ? [`X-Probe-Ops: ${req.ops}`] : []),
    ...(req.headers ?? []).map(([n, v]) => `${n}: ${v}`), ...(opts.framed ? [opts.framed.header.join(': ')] : []),
  ];
  const head = `${lines.join('\r\n')}\r\n\r\n`;
  const sent = Buffer.concat([Buffer.from(head, 'latin1'), opts.framed?.bytes ?? Buffer.alloc(0)]);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const { socket, ready } = openConnection({ host, port, ...(tls ? { tls } : {}), ...(req.from ? { localAddress: req.from } : {}) });
    const finish = (error?: string) => {
      clearTimeout(timer);
      socket.destroy();
      const ex = parse(id, Buffer.concat(chunks), sent, Date.now() - started, error);
      resolve({ ...ex, ...(tls ? { scheme: 'https' as const } : {}), ...(req.from ? { from: req.from } : {}) });
    };
    const timer = setTimeout(() => finish(`no complete response within ${timeoutMs} ms`), timeoutMs);
    signal?.addEventListener('abort', () => finish(String((signal.reason as Error | undefined)?.message ?? signal.reason)), { once: true });
    socket.on(ready, () => socket.write(sent));
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => finish());
    socket.on('error', (e: NodeJS.ErrnoException) => (chunks.length ? finish() : finish(`${e.code ?? 'socket error'}: ${e.message}`)));
  });
}

function parse(id: string, raw: Buffer, sent: Buffer, ms: number, error?: string): Exchange {
  const split = raw.indexOf('\r\n\r\n');
  const headLines = (split < 0 ? raw : raw.subarray(0, split)).toString('latin1').split('\r\n');
  let body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(headLines[0] ?? '')?.[1]) || undefined;
  const headers = headLines.slice(1).filter(Boolean).map((l): [string, string] => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]);
  if (headers.some(([n, v]) => n === 'transfer-encoding' && /chunked/i.test(v))) body = dechunk(body);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    /* not JSON */
  }
  const transcript = `> ${sent.toString('latin1').slice(0, 800).trimEnd().replace(/\r\n/g, '\n> ')}\n< ${error && !raw.length ? `(${error})` : raw.toString('latin1').slice(0, 800).replace(/\r\n/g, '\n< ')}`;
  const failed = error ?? (status ? undefined : 'the connection closed without a status line');
  return { id, headers, body, ms, transcript, ...(status ? { status } : {}), ...(json === undefined ? {} : { json }), ...(failed ? { error: failed } : {}) };
}

/**
 * Lenient de-chunking, enough to read the probe's JSON (the strict parser is the wire
 * suite's); a chunk cut short by a connection left early is kept as far as it came.
 */
export function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}
