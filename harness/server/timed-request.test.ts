/** The timed raw-socket client against scripted TCP servers: what it sends, when reads arrive, leaving early. */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { arrivalOf, headersArrival, sendTimed } from './timed-request.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

describe.concurrent('sendTimed', () => {
  it('sends the probe request with Connection: close, and stamps each read', async () => {
    let seen = '';
    const port = await scripted(async (socket, request) => {
      seen = request;
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n');
      socket.write('aaaaa');
      await sleep(300);
      socket.end('bbbbb');
    });
    const ex = await sendTimed('127.0.0.1', port, 'rid-1', { scenario: 'two-chunks', headers: [['X-Extra', 'yes']] }, {}, 3000);
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
    const ex = await sendTimed('127.0.0.1', port, 'rid-2', { scenario: 'slow-stream' }, { leaveAfter: 'item-02' }, 5000);
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
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n');
    });
    const ex = await sendTimed('127.0.0.1', port, 'rid-3', { scenario: 'x' }, {}, 3000);
    expect(ex.json).toEqual({ a: 1 });
    expect(ex.headers).toContainEqual(['transfer-encoding', 'chunked']);
  });

  it('gives up after the timeout, with an error and whatever arrived', async () => {
    const port = await scripted(() => {});
    const ex = await sendTimed('127.0.0.1', port, 'rid-4', { scenario: 'x' }, {}, 300);
    expect(ex.error).toMatch(/no complete response within 300 ms/);
    expect(ex.reads).toEqual([]);
  });

});

// Alone: it stalls the event loop, which would make the other tests' reads late.
describe('sendTimed on a stalled client', () => {
  it('reports how long its own event loop stalled during the exchange', async () => {
    const port = await scripted(async (socket) => {
      await sleep(400);
      socket.end('HTTP/1.1 204 No Content\r\n\r\n');
    });
    const pending = sendTimed('127.0.0.1', port, 'rid-5', { scenario: 'x' }, {}, 3000);
    await sleep(50);
    const until = Date.now() + 250;
    while (Date.now() < until); // a stalled loop, as on a starved machine
    const ex = await pending;
    expect(ex.status).toBe(204);
    expect(ex.loopStallMs).toBeGreaterThanOrEqual(200);
  });
});
