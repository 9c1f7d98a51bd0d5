/**
 * An HTTP/1.0 request over a raw socket (undici speaks only HTTP/1.1): the response ends
 * when the server closes the connection, so no framing needs to be parsed.
 */
import { connect } from 'node:net';
import type { Exchange, ProbeRequest } from './exchange.js';

export function sendHttp10(host: string, port: number, id: string, req: ProbeRequest, timeoutMs: number): Promise<Exchange> {
  const started = Date.now();
  const lines = [`${req.method ?? 'GET'} ${req.target ?? '/'} HTTP/1.0`, `Host: ${host}:${port}`, `X-Probe-Scenario: ${req.scenario}`, `X-Probe-Id: ${id}`, ...(req.headers ?? []).map(([n, v]) => `${n}: ${v}`)];
  const sent = `${lines.join('\r\n')}\r\n\r\n`;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host, port });
    const finish = (error?: string) => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const head = (split < 0 ? raw : raw.subarray(0, split)).toString('latin1').split('\r\n');
      const body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
      const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(head[0] ?? '')?.[1]) || undefined;
      const headers = head.slice(1).filter(Boolean).map((l): [string, string] => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]);
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        /* not JSON */
      }
      const transcript = `> ${sent.trimEnd().replace(/\r\n/g, '\n> ')}\n< ${error ? `(${error})` : raw.toString('latin1').slice(0, 800).replace(/\r\n/g, '\n< ')}`;
      resolve({ id, headers, body, ms: Date.now() - started, transcript, ...(status ? { status } : {}), ...(json === undefined ? {} : { json }), ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish(`no complete response within ${timeoutMs} ms`), timeoutMs);
    socket.on('connect', () => socket.write(sent));
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => finish());
    socket.on('error', (e: NodeJS.ErrnoException) => finish(`${e.code ?? 'socket error'}: ${e.message}`));
  });
}
