/**
 * One request to the probe over HTTP/1.1 (undici, keep-alive) and what came back, with a
 * transcript for reports. A request that gets no answer in time is an Exchange with `error`,
 * never a thrown exception.
 */
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { undiciOptions, type TlsClient } from './tls.js';

export interface ProbeRequest {
  scenario: string;
  method?: string;
  /** Request target as sent (percent-encoded path and query). */
  target?: string;
  headers?: Array<[string, string]>;
  /** A stream (made afresh per request) is sent with Transfer-Encoding: chunked. */
  body?: string | Buffer | (() => Readable);
  /** wsgi.input operations for the input scenario, e.g. `read:3,readline`. */
  ops?: string;
  /** Connect from this local address (127.0.0.2: a loopback peer no default allow-list trusts). */
  from?: string;
}

export interface Exchange {
  id: string;
  status?: number;
  headers: Array<[string, string]>;
  body: Buffer;
  /** Parsed JSON body, when the probe answered with its observation. */
  json?: unknown;
  error?: string;
  ms: number;
  transcript: string;
  /** 'https' when the request went over TLS (absent: plain HTTP). */
  scheme?: 'https';
  /** The local address the request was sent from, when not the default. */
  from?: string;
}

export function header(ex: Exchange, name: string): string[] {
  return ex.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

export class ProbeClient {
  private agents = new Map<string, Agent>();

  /** `tls`: verify the server's certificate against this CA (an https:// baseUrl). */
  constructor(readonly baseUrl: string, readonly timeoutMs: number, readonly tls?: TlsClient) {}

  /** One keep-alive pool per local address. */
  private agent(from = ''): Agent {
    let agent = this.agents.get(from);
    if (!agent) this.agents.set(from, (agent = new Agent({ keepAliveTimeout: 4000, connections: 8, ...undiciOptions(this.tls, from || undefined) })));
    return agent;
  }

  async send(id: string, req: ProbeRequest, signal?: AbortSignal): Promise<Exchange> {
    const method = req.method ?? 'GET';
    const target = req.target ?? '/';
    const headers: Array<[string, string]> = [['X-Probe-Scenario', req.scenario], ['X-Probe-Id', id], ...(req.ops ? [['X-Probe-Ops', req.ops] as [string, string]] : []), ...(req.headers ?? [])];
    const sent = `${method} ${target} HTTP/1.1\n${headers.map(([n, v]) => `${n}: ${v}`).join('\n')}${typeof req.body === 'string' ? `\n\n${req.body}` : ''}`;
    const started = Date.now();
    const done = (ex: Omit<Exchange, 'id' | 'ms' | 'transcript'>): Exchange => {
      const got = ex.error ? `(${ex.error})` : `HTTP/1.1 ${ex.status}\n${ex.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n${ex.body.toString('latin1').slice(0, 600)}`;
      const over = this.tls ? ' (over TLS)' : '';
      const from = req.from ? ` (from ${req.from})` : '';
      return { id, ms: Date.now() - started, transcript: `> ${sent.replace(/\n/g, '\n> ')}${over}${from}\n< ${got.replace(/\n/g, '\n< ')}`, ...(this.tls ? { scheme: 'https' as const } : {}), ...(req.from ? { from: req.from } : {}), ...ex };
    };
    try {
      const flat = headers.flat();
      const res = await request(this.baseUrl + target, {
        method,
        headers: flat,
        body: typeof req.body === 'function' ? req.body() : (req.body ?? null),
        dispatcher: this.agent(req.from),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: signal ? AbortSignal.any([AbortSignal.timeout(this.timeoutMs), signal]) : AbortSignal.timeout(this.timeoutMs),
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      const pairs: Array<[string, string]> = Object.entries(res.headers).flatMap(([n, v]) => (Array.isArray(v) ? v.map((x) => [n, x] as [string, string]) : [[n, String(v)] as [string, string]]));
      let json: unknown;
      if (/json/.test(String(res.headers['content-type']))) {
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          /* not the probe's JSON: leave undefined */
        }
      }
      return done({ status: res.statusCode, headers: pairs, body, ...(json === undefined ? {} : { json }) });
    } catch (e) {
      const err = e as Error & { code?: string };
      const why = signal?.aborted ? String((signal.reason as Error | undefined)?.message ?? signal.reason) : err.name === 'TimeoutError' || /timeout/i.test(err.code ?? err.message) ? `no complete response within ${this.timeoutMs} ms` : `${err.code ?? err.name}: ${err.message}`;
      return done({ headers: [], body: Buffer.alloc(0), error: why });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.destroy()));
  }
}
