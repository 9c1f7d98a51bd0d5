/**
 * A request over a raw socket that times what arrives: every read is stamped with the time
 * since the request was written, so a case can tell when the status line, the end of the
 * headers or a marker in the body reached the client. It can also leave mid-response
 * (`leaveAfter`), as a browser that closes its tab does.
 *
 * The client's own event loop is watched during the exchange: a read stamped while the
 * loop was stalled (a loaded machine) may be late, and `loopStallMs` says by how much at most,
 * so a case can refuse to judge instead of blaming the server.
 */
import type { Exchange, ProbeRequest } from './exchange.js';
import { dechunk } from './raw-request.js';
import { openConnection, type TlsClient } from './tls.js';

export interface TimedPlan {
  /** Destroy the socket as soon as the response holds this text (the client leaves early). */
  leaveAfter?: string;
}

export interface TimedRead {
  /** ms since the request was written */
  ms: number;
  /** bytes received so far, this read included */
  total: number;
}

export interface TimedExchange extends Exchange {
  /** Everything received, as it came (headers, framing, body). */
  raw: Buffer;
  reads: TimedRead[];
  /** When the client left on purpose (ms since the request was written), with `leaveAfter`. */
  leftAtMs?: number;
  /** The longest the client's event loop was late during the exchange, ms. */
  loopStallMs: number;
}

const TICK_MS = 10;

/** `tls`: speak TLS (times count from the request's write, after the handshake). */
export function sendTimed(host: string, port: number, id: string, req: ProbeRequest, plan: TimedPlan, timeoutMs: number, tls?: TlsClient): Promise<TimedExchange> {
  const lines = [
    `${req.method ?? 'GET'} ${req.target ?? '/'} HTTP/1.1`, `Host: ${host.includes(':') ? `[${host}]` : host}:${port}`, 'Connection: close',
    `X-Probe-Scenario: ${req.scenario}`, `X-Probe-Id: ${id}`, ...(req.ops ? [`X-Probe-Ops: ${req.ops}`] : []),
    ...(req.headers ?? []).map(([n, v]) => `${n}: ${v}`),
  ];
  const body = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? Buffer.from(req.body) : Buffer.alloc(0);
  const sent = Buffer.concat([Buffer.from(`${lines.join('\r\n')}${body.length ? `\r\nContent-Length: ${body.length}` : ''}\r\n\r\n`, 'latin1'), body]);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const reads: TimedRead[] = [];
    let total = 0;
    let writtenAt = 0;
    let leftAtMs: number | undefined;
    let stall = 0;
    let lastTick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - lastTick - TICK_MS);
      lastTick = now;
    }, TICK_MS);
    const started = Date.now();
    const { socket, ready } = openConnection({ host, port, ...(tls ? { tls } : {}) });
    socket.setNoDelay(true);
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(ticker);
      socket.destroy();
      // The ticker's last interval, up to now, counts too.
      stall = Math.max(stall, performance.now() - lastTick - TICK_MS);
      resolve(toExchange(id, Buffer.concat(chunks), sent, reads, Date.now() - started, Math.max(0, Math.round(stall)), leftAtMs, error));
    };
    const timer = setTimeout(() => finish(`no complete response within ${timeoutMs} ms`), timeoutMs);
    socket.on(ready, () => {
      writtenAt = performance.now();
      socket.write(sent);
    });
    socket.on('data', (c: Buffer) => {
      const ms = performance.now() - writtenAt;
      chunks.push(c);
      total += c.length;
      reads.push({ ms: Math.round(ms * 10) / 10, total });
      if (plan.leaveAfter !== undefined && leftAtMs === undefined && Buffer.concat(chunks).includes(plan.leaveAfter, 0, 'latin1')) {
        leftAtMs = reads[reads.length - 1]?.ms;
        finish();
      }
    });
    socket.on('end', () => finish());
    socket.on('error', (e: NodeJS.ErrnoException) => (chunks.length ? finish() : finish(`${e.code ?? 'socket error'}: ${e.message}`)));
  });
}

/** When (ms since the request was written) the client had received the first `bytes` bytes. */
export function arrivedBy(ex: TimedExchange, bytes: number): number | undefined {
  return ex.reads.find((r) => r.total >= bytes)?.ms;
}

/** When the whole of `text` (its first occurrence at or after `from`) had arrived. */
export function arrivalOf(ex: TimedExchange, text: string, from = 0): number | undefined {
  const at = ex.raw.indexOf(text, from, 'latin1');
  return at < 0 ? undefined : arrivedBy(ex, at + Buffer.byteLength(text, 'latin1'));
}

/** When the end of the response headers (the blank line) had arrived. */
export function headersArrival(ex: TimedExchange): number | undefined {
  return arrivalOf(ex, '\r\n\r\n');
}

function toExchange(id: string, raw: Buffer, sent: Buffer, reads: TimedRead[], ms: number, loopStallMs: number, leftAtMs: number | undefined, error?: string): TimedExchange {
  const split = raw.indexOf('\r\n\r\n');
  const headLines = (split < 0 ? raw : raw.subarray(0, split)).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(headLines[0] ?? '')?.[1]) || undefined;
  const headers = headLines.slice(1).filter(Boolean).map((l): [string, string] => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]);
  let body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
  if (headers.some(([n, v]) => n === 'transfer-encoding' && /chunked/i.test(v))) body = dechunk(body);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    /* not JSON */
  }
  const timeline = reads.map((r) => `${r.ms} ms: ${r.total} bytes`).join(', ');
  const left = leftAtMs === undefined ? '' : `\n(the client left on purpose at ${leftAtMs} ms)`;
  const transcript = `> ${sent.toString('latin1').slice(0, 800).trimEnd().replace(/\r\n/g, '\n> ')}\n< ${error && !raw.length ? `(${error})` : raw.toString('latin1').slice(0, 800).replace(/\r\n/g, '\n< ')}\n(reads: ${timeline || 'none'})${left}`;
  const failed = error ?? (status ? undefined : 'the connection closed without a status line');
  return { id, headers, body, ms, transcript, raw, reads, loopStallMs, ...(leftAtMs === undefined ? {} : { leftAtMs }), ...(status ? { status } : {}), ...(json === undefined ? {} : { json }), ...(failed ? { error: failed } : {}) };
}
