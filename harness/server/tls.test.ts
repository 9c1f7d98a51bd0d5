/** The TLS layer for real: a throwaway CA from openssl, a Node TLS server, every client verifying it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../wire/driver.js';
import { ProbeClient } from './exchange.js';
import { sendRaw } from './raw-request.js';
import { sendTimed } from './timed-request.js';
import { makeTlsMaterial, openConnection, type TlsMaterial } from './tls.js';

const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-tls-test-'));
let material: TlsMaterial;
let other: TlsMaterial;
const closers: Array<() => void> = [];

/** Answers with where the request came from and whether it came over TLS. */
const handler = (req: IncomingMessage, res: ServerResponse) => {
  const body = JSON.stringify({ remote: req.socket.remoteAddress, tls: 'encrypted' in req.socket });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  res.end(body);
};

async function listen(server: ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return (server.address() as AddressInfo).port;
}

let httpsPort = 0;
let httpPort = 0;

beforeAll(async () => {
  material = makeTlsMaterial(join(dir, 'a'), '127.0.0.1');
  other = makeTlsMaterial(join(dir, 'b'), '127.0.0.1');
  const { readFileSync } = await import('node:fs');
  httpsPort = await listen(createHttpsServer({ cert: readFileSync(material.cert), key: readFileSync(material.key) }, handler));
  httpPort = await listen(createHttpServer(handler));
});

afterAll(() => {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the TLS layer', () => {
  it('undici verifies the certificate against the throwaway CA', async () => {
    const client = new ProbeClient(`https://127.0.0.1:${httpsPort}`, 3000, { ca: material.caPem });
    const ex = await client.send('t1', { scenario: 'x' });
    await client.close();
    expect(ex.error).toBeUndefined();
    expect(ex.json).toEqual({ remote: '127.0.0.1', tls: true });
    expect(ex.scheme).toBe('https');
  });

  it('a certificate another CA signed is refused, with the reason', async () => {
    const client = new ProbeClient(`https://127.0.0.1:${httpsPort}`, 3000, { ca: other.caPem });
    const ex = await client.send('t2', { scenario: 'x' });
    await client.close();
    expect(ex.error).toMatch(/certificate|self.signed|verify/i);
  });

  it('the raw, timed and wire clients speak TLS with the same verification', async () => {
    const tls = { ca: material.caPem };
    const raw = await sendRaw('127.0.0.1', httpsPort, 'r1', { scenario: 'x' }, { protocol: 'HTTP/1.1' }, 3000, undefined, tls);
    expect(raw.json).toEqual({ remote: '127.0.0.1', tls: true });
    const timed = await sendTimed('127.0.0.1', httpsPort, 'r2', { scenario: 'x' }, {}, 3000, tls);
    expect(timed.json).toEqual({ remote: '127.0.0.1', tls: true });
    const wire = await converse({ host: '127.0.0.1', port: httpsPort, tls, steps: [{ bytes: Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n') }], done: (r) => r.includes('"tls":true'), settleMs: 0, timeoutMs: 3000 });
    expect(wire.received.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    const refused = await sendRaw('127.0.0.1', httpsPort, 'r3', { scenario: 'x' }, { protocol: 'HTTP/1.1' }, 3000, undefined, { ca: other.caPem });
    expect(refused.error).toBeDefined();
  });

  it('requests can come from 127.0.0.2, a second loopback peer', async () => {
    const client = new ProbeClient(`http://127.0.0.1:${httpPort}`, 3000);
    const [a, b] = await Promise.all([client.send('f1', { scenario: 'x' }), client.send('f2', { scenario: 'x', from: '127.0.0.2' })]);
    await client.close();
    expect(a.json).toMatchObject({ remote: '127.0.0.1' });
    expect(b.json).toMatchObject({ remote: '127.0.0.2' });
    const raw = await sendRaw('127.0.0.1', httpPort, 'f3', { scenario: 'x', from: '127.0.0.2' }, { protocol: 'HTTP/1.0' }, 3000);
    expect(raw.json).toMatchObject({ remote: '127.0.0.2' });
  });

  it('openConnection waits for the handshake before a request can go', async () => {
    const { socket, ready } = openConnection({ host: '127.0.0.1', port: httpsPort, tls: { ca: material.caPem } });
    expect(ready).toBe('secureConnect');
    await new Promise<void>((resolve, reject) => socket.once(ready, resolve).once('error', reject));
    socket.destroy();
  });
});
