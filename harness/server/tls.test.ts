/** The TLS layer for real: a throwaway CA from openssl, a Node TLS server, the one client verifying it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../wire/driver.js';
import { sendProbe, type ProbeRequest, type SendOptions, type Where } from './exchange.js';
import { makeTlsMaterial, openConnection, type TlsMaterial } from './tls.js';

const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-tls-test-'));
let material: TlsMaterial;
let other: TlsMaterial;
const closers: Array<() => void> = [];

/** Answers with where the request came from and whether it came over TLS. */
const handler = (req: IncomingMessage, res: ServerResponse) => {
  const body = JSON.stringify({ remote: req.socket.remoteAddress, tls: 'encrypted' in req.socket });
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.end(body);
};

async function listen(server: ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return (server.address() as AddressInfo).port;
}

let httpsPort = 0;
let httpPort = 0;

const send = (where: Where, id: string, req: ProbeRequest, opts: Partial<SendOptions> = {}) =>
  sendProbe(where, id, req, { timeoutMs: 3000, ...opts });

beforeAll(async () => {
  material = makeTlsMaterial(join(dir, 'a'), '127.0.0.1');
  other = makeTlsMaterial(join(dir, 'b'), '127.0.0.1');
  const { readFileSync } = await import('node:fs');
  httpsPort = await listen(
    createHttpsServer({ cert: readFileSync(material.cert), key: readFileSync(material.key) }, handler),
  );
  httpPort = await listen(createHttpServer(handler));
});

afterAll(() => {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the TLS layer', () => {
  it('a probe request verifies the certificate against the throwaway CA', async () => {
    const where = { host: '127.0.0.1', port: httpsPort, tls: { ca: material.caPem } };
    const ex = await send(where, 't1', { scenario: 'environ' });
    expect(ex.error).toBeUndefined();
    expect(ex.json).toEqual({ remote: '127.0.0.1', tls: true });
    expect(ex.scheme).toBe('https');
    expect(ex.transcript).toContain('(over TLS)');
  });

  it('a certificate another CA signed is refused, with the reason', async () => {
    const ex = await send({ host: '127.0.0.1', port: httpsPort, tls: { ca: other.caPem } }, 't2', {
      scenario: 'environ',
    });
    expect(ex.status).toBeUndefined();
    expect(ex.error).toMatch(/certificate|self.signed|verify/i);
  });

  it('every way of sending (HTTP/1.0 and close, a timeline, the wire driver) speaks TLS the same way', async () => {
    const tls = { ca: material.caPem };
    const where = { host: '127.0.0.1', port: httpsPort, tls };
    const old = await send(where, 'r1', { scenario: 'environ' }, { protocol: 'HTTP/1.0', close: true });
    expect(old.json).toEqual({ remote: '127.0.0.1', tls: true });
    const timed = await send(where, 'r2', { scenario: 'environ' }, { close: true, timeline: true });
    expect(timed.json).toEqual({ remote: '127.0.0.1', tls: true });
    expect(timed.reads.length).toBeGreaterThan(0);
    const wire = await converse({
      host: '127.0.0.1',
      port: httpsPort,
      tls,
      steps: [{ bytes: Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n') }],
      done: (r) => r.includes('"tls":true'),
      settleMs: 0,
      timeoutMs: 3000,
    });
    expect(wire.received.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
  });

  it('plain HTTP to a TLS listener, or TLS to a plain one, gets no answer it could misread', async () => {
    const plain = await send({ host: '127.0.0.1', port: httpsPort }, 'p1', { scenario: 'environ' });
    expect(plain.json).toBeUndefined();
    const tlsToPlain = { host: '127.0.0.1', port: httpPort, tls: { ca: material.caPem } };
    const wrong = await send(tlsToPlain, 'p2', { scenario: 'environ' });
    expect(wrong.status).toBeUndefined();
    expect(wrong.error).toBeDefined();
  });

  it('requests can come from 127.0.0.2, a second loopback peer, over plain HTTP and TLS', async () => {
    const plain = { host: '127.0.0.1', port: httpPort };
    const [a, b] = await Promise.all([
      send(plain, 'f1', { scenario: 'environ' }),
      send(plain, 'f2', { scenario: 'environ', from: '127.0.0.2' }),
    ]);
    expect(a.json).toMatchObject({ remote: '127.0.0.1' });
    expect(b.json).toMatchObject({ remote: '127.0.0.2' });
    expect(b.from).toBe('127.0.0.2');
    expect(b.transcript).toContain('(from 127.0.0.2)');
    const overTls = { ...plain, port: httpsPort, tls: { ca: material.caPem } };
    const tls = await send(overTls, 'f3', { scenario: 'environ', from: '127.0.0.2' });
    expect(tls.json).toEqual({ remote: '127.0.0.2', tls: true });
  });

  it('openConnection waits for the handshake before a request can go', async () => {
    const { socket, ready } = openConnection({ host: '127.0.0.1', port: httpsPort, tls: { ca: material.caPem } });
    expect(ready).toBe('secureConnect');
    await new Promise<void>((resolve, reject) => socket.once(ready, resolve).once('error', reject));
    socket.destroy();
  });
});
