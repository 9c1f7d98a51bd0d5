import { describe, expect, it } from 'vitest';
import type { WireRecord } from '../../../harness/wire/driver.js';
import { parseResponses, type WireRequestMeta } from '../../../harness/wire/parse.js';
import { afterResponse, garbled, inconclusiveSilence, problemBreaches } from './checks.js';
import type { Conversation } from './conversation.js';

const GET: WireRequestMeta = { method: 'GET', protocol: 'HTTP/1.1' };
const HEAD: WireRequestMeta = { method: 'HEAD', protocol: 'HTTP/1.1' };

function conv(raw: string, requests: WireRequestMeta[], record: Partial<WireRecord> = {}): Conversation {
  const received = Buffer.from(raw, 'latin1');
  const rec: WireRecord = {
    sent: Buffer.alloc(0),
    writes: [],
    received,
    reads: [],
    end: 'closed',
    endMs: 5,
    closedByServer: true,
    loopStallMs: 0,
    ...record,
  };
  return { label: 'test', requests, record: rec, parsed: parseResponses(received, requests, rec.closedByServer) };
}

describe('wire checks', () => {
  it('names each parser problem once under its rule, and only the rules a case judges', () => {
    const c = conv('HTTP/1.1  200 OK\r\nX-A : 1\r\nX-B : 2\r\nContent-Length: 0\r\n\r\n', [GET]);
    expect(problemBreaches([c], ['rfc9112-field-syntax']).map((f) => f.rule)).toEqual(['rfc9112-field-syntax']);
    expect(problemBreaches([c], ['rfc9112-status-line', 'rfc9112-field-syntax']).map((f) => f.rule)).toEqual([
      'rfc9112-status-line',
      'rfc9112-field-syntax',
    ]);
    expect(garbled([c])).toMatch(/rfc9112-status-line/);
  });

  it('finds content after a HEAD response, pipelined or not', () => {
    const pipelined = conv(
      'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
      [HEAD, GET],
    );
    expect(afterResponse(pipelined, 0)).toMatch(/hello/);
    const alone = conv('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', [HEAD]);
    expect(afterResponse(alone, 0)).toMatch(/5 bytes after it/);
    expect(afterResponse(conv('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', [HEAD]), 0)).toBeUndefined();
  });

  it('does not hold silence or a reset against the server, but a clean close without a word', () => {
    expect(inconclusiveSilence(conv('', [GET], { end: 'timeout', closedByServer: false }))).toMatch(/busy/);
    expect(inconclusiveSilence(conv('', [GET], { error: 'ECONNRESET: read ECONNRESET' }))).toMatch(/reset/);
    expect(inconclusiveSilence(conv('', [GET]))).toBeUndefined();
    expect(inconclusiveSilence(conv('HTTP/1.1 400 Bad Request\r\n\r\n', [GET], { end: 'timeout' }))).toBeUndefined();
  });
});
