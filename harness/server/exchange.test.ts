/** The probe client against scripted TCP servers: what it sends, when reads arrive, leaving early, lenient reading. */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { arrivalOf, headersArrival, sendProbe, type ProbeRequest, type SendOptions } from './exchange.js';

const servers: Server[] = [];
// After all: closing a listener resets connections still in its backlog (concurrent tests).
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const send = (port: number, id: string, req: ProbeRequest, opts: Partial<SendOptions> = {}) =>
  sendProbe({ host: '127.0.0.1', port }, id, req, { timeoutMs: 3000, ...opts });

/** A TCP server that runs `script` for each connection once the request head is in. */
async function scripted(script: (socket: Socket, request: string) => Promise<void> | void): Promise<number> {
  const server = createServer((socket) => {
    let head = '';
    let started = false;
    socket.on('error', () => {});
    socket.on('data', (c) => {
      head += c.toString('latin1');
      if (started || !head.includes('\r\n\r\n')) return;
      started = true;
      void script(socket, head);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

describe.concurrent('sendProbe', () => {
  it('sends the probe request with Connection: close, and stamps each read', async () => {
    let seen = '';
    const port = await scripted(async (socket, request) => {
      seen = request;
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n');
      socket.write('aaaaa');
      await sleep(300);
      socket.end('bbbbb');
    });
    const ex = await send(
      port,
      'rid-1',
      { scenario: 'two-chunks', headers: [['X-Extra', 'yes']] },
      { close: true, timeline: true },
    );
    expect(seen).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
    expect(seen).toContain('\r\nConnection: close\r\n');
    expect(seen).toContain('\r\nX-Probe-Scenario: two-chunks\r\n');
    expect(seen).toContain('\r\nX-Probe-Id: rid-1\r\n');
    expect(seen).toContain('\r\nX-Extra: yes\r\n');
    expect(ex).toMatchObject({ id: 'rid-1', status: 200 });
    expect(ex.error).toBeUndefined();
    expect(ex.body.toString()).toBe('aaaaabbbbb');
    const first = arrivalOf(ex, 'aaaaa') as number;
    const second = arrivalOf(ex, 'bbbbb') as number;
    expect(headersArrival(ex)).toBeLessThanOrEqual(first);
    expect(second - first).toBeGreaterThanOrEqual(250);
    expect(ex.transcript).toContain('(reads: ');
  });

  it('leaves as soon as the marker is in, and the server sees the connection end', async () => {
    let serverSawEnd: number | undefined;
    let markerSentAt = 0;
    const port = await scripted(async (socket) => {
      socket.on('close', () => (serverSawEnd = Date.now()));
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let i = 0; i < 40 && !socket.destroyed; i++) {
        if (i === 2) markerSentAt = Date.now();
        socket.write(`8\r\nitem-${String(i).padStart(2, '0')}\n\r\n`);
        await sleep(50);
      }
      if (!socket.destroyed) socket.end('0\r\n\r\n');
    });
    const ex = await send(port, 'rid-2', { scenario: 'slow-stream' }, { leaveAfter: 'item-02', timeoutMs: 5000 });
    expect(ex.error).toBeUndefined();
    expect(ex.status).toBe(200);
    expect(ex.leftAtMs).toBeGreaterThan(0);
    expect(ex.body.toString()).toContain('item-02');
    expect(ex.body.toString()).not.toContain('item-05');
    await sleep(500);
    expect(serverSawEnd).toBeDefined();
    expect((serverSawEnd as number) - markerSentAt).toBeLessThan(1000);
  });

  it('de-chunks the body and parses JSON', async () => {
    const port = await scripted((socket) => {
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: ' +
          'chunked\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n',
      );
    });
    const ex = await send(port, 'rid-3', { scenario: 'environ' });
    expect(ex.json).toEqual({ a: 1 });
    expect(ex.headers).toContainEqual(['transfer-encoding', 'chunked']);
  });

  it('gives up after the timeout, with an error and whatever arrived', async () => {
    const port = await scripted(() => {});
    const ex = await send(port, 'rid-4', { scenario: 'environ' }, { timeoutMs: 300 });
    expect(ex.error).toMatch(/no complete response within 300 ms/);
    expect(ex.reads).toEqual([]);
  });

  it('ends a keep-alive exchange when the framed body is in, without waiting for the close', async () => {
    let seen = '';
    const port = await scripted((socket, request) => {
      seen = request;
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    const ex = await send(port, 'rid-6', { scenario: 'environ', method: 'POST', body: 'abc' }, { timeoutMs: 2000 });
    expect(seen).not.toContain('Connection:');
    expect(seen).toContain('\r\nContent-Length: 3\r\n');
    expect(ex.error).toBeUndefined();
    expect(ex.body.toString()).toBe('ok');
    expect(ex.ms).toBeLessThan(1500);
  });

  it('reads a bare-LF head leniently and notes it', async () => {
    const port = await scripted((socket) => {
      socket.end('HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 7\n\n{"a":1}');
    });
    const ex = await send(port, 'rid-7', { scenario: 'environ' });
    expect(ex.error).toBeUndefined();
    expect(ex.json).toEqual({ a: 1 });
    expect(ex.notes.join()).toMatch(/bare LF/);
    expect(ex.transcript).toMatch(/read leniently: .*bare LF/);
  });

  it('says how a body fell short of its Content-Length', async () => {
    const port = await scripted((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n');
    });
    const ex = await send(port, 'rid-8', { scenario: 'environ' });
    expect(ex.status).toBe(200);
    expect(ex.error).toBe('the connection closed after 38 bytes (status 200, Content-Length: 5, then 0 body bytes)');
  });

  it('says when no status line came', async () => {
    const port = await scripted((socket) => {
      socket.end('\x00 NOT HTTP\r\n\r\n');
    });
    const ex = await send(port, 'rid-9', { scenario: 'environ' });
    expect(ex.status).toBeUndefined();
    expect(ex.error).toMatch(/^the connection closed after 14 bytes, without a status line$/);
  });
});

// Alone: it stalls the event loop, which would make the other tests' reads late.
describe('sendProbe on a stalled client', () => {
  it('reports how long its own event loop stalled during the exchange', async () => {
    const port = await scripted(async (socket) => {
      await sleep(400);
      socket.end('HTTP/1.1 204 No Content\r\n\r\n');
    });
    const pending = send(port, 'rid-5', { scenario: 'environ' });
    await sleep(50);
    const until = Date.now() + 250;
    while (Date.now() < until); // a stalled loop, as on a starved machine
    const ex = await pending;
    expect(ex.status).toBe(204);
    expect(ex.loopStallMs).toBeGreaterThanOrEqual(200);
  });
});
