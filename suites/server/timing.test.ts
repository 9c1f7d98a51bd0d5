/**
 * close-after-client-left says why it cannot judge a server that buffers the whole response:
 * the generic "not the probe's JSON observation" reason hid that the client never left early.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../harness/server/exchange.js';
import { BUFFERED_WHOLE, timingServerCases } from './timing.js';

const leftEarly = timingServerCases.find((c) => c.id === 'close-after-client-left');

function exchange(body: string): Exchange {
  const raw = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 'latin1');
  const reads = [{ ms: 600, bytes: raw }];
  return {
    id: 'x',
    status: 200,
    headers: [],
    body: Buffer.from(body),
    notes: [],
    ms: 600,
    transcript: '',
    raw,
    reads,
    leftAtMs: 601,
    loopStallMs: 0,
  } as unknown as Exchange;
}

describe('close-after-client-left', () => {
  it('skips, naming the buffering, when every block came at once', () => {
    const item = (i: number) => `item-${String(i).padStart(2, '0')} ${'.'.repeat(90)}\n`;
    const body = Array.from({ length: 15 }, (_, i) => item(i)).join('');
    expect(leftEarly?.check({ ex: exchange(body), facts: [] })).toEqual({ skip: BUFFERED_WHOLE });
  });
});
