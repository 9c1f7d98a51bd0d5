import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { converse } from './driver.js';

let server: Server | undefined;
afterEach(() => server?.close());

/** A tiny TCP server whose behaviour each test scripts. */
async function serve(onData: (socket: Socket, data: Buffer) => void): Promise<number> {
  server = createServer((s) => s.on('data', (d) => onData(s, d)));
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : 0;
}

describe('converse', () => {
  it('records every byte with its time and ends when the plan is done', async () => {
    const port = await serve((s) => {
      s.write('HTTP/1.1 200 OK\r\n');
      setTimeout(() => s.write('Content-Length: 2\r\n\r\nok'), 60);
    });
    const rec = await converse({
      host: '127.0.0.1',
      port,
      steps: [{ bytes: Buffer.from('GET / HTTP/1.1\r\n\r\n') }],
      done: (r) => r.toString().endsWith('ok'),
      settleMs: 20,
      timeoutMs: 2000,
    });
    expect(rec.end).toBe('done');
    expect(rec.received.toString()).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(rec.reads.length).toBe(2);
    expect((rec.reads[1]?.ms ?? 0) - (rec.reads[0]?.ms ?? 0)).toBeGreaterThanOrEqual(40);
    expect(rec.sent.toString()).toBe('GET / HTTP/1.1\r\n\r\n');
  });

  it('waits before a step until what came back allows it', async () => {
    const port = await serve((s, d) => {
      if (d.toString().startsWith('POST')) s.write('HTTP/1.1 100 Continue\r\n\r\n');
      else s.end(`HTTP/1.1 200 OK\r\nContent-Length: ${d.length}\r\n\r\n${d}`);
    });
    const rec = await converse({
      host: '127.0.0.1',
      port,
      settleMs: 10,
      timeoutMs: 2000,
      steps: [
        { bytes: Buffer.from('POST / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n') },
        { bytes: Buffer.from('body'), wait: { maxMs: 1000, until: (r) => r.includes('100 Continue') } },
      ],
      done: () => false,
    });
    expect(rec.end).toBe('closed');
    expect(rec.closedByServer).toBe(true);
    expect(rec.writes.length).toBe(2);
    expect(rec.received.toString()).toContain('\r\n\r\nbody');
  });

  it('times out and reports a refused connection without throwing', async () => {
    const port = await serve(() => undefined);
    const silent = await converse({
      host: '127.0.0.1',
      port,
      steps: [{ bytes: Buffer.from('x') }],
      done: () => false,
      settleMs: 0,
      timeoutMs: 150,
    });
    expect(silent.end).toBe('timeout');
    server?.close();
    server = undefined;
    const refused = await converse({
      host: '127.0.0.1',
      port,
      steps: [{ bytes: Buffer.from('x') }],
      done: () => false,
      settleMs: 0,
      timeoutMs: 1000,
    });
    expect(refused.end).toBe('error');
    expect(refused.error).toMatch(/ECONNREFUSED/);
  });
});
