import { describe, expect, it } from 'vitest';
import type { WireRecord } from '../../../harness/wire/driver.js';
import { parseResponses, type WireRequestMeta } from '../../../harness/wire/parse.js';
import type { Observed } from '../case.js';
import { connectionWireCases as connectionCases } from './connection.js';
import { ProbeProtocolError } from '../../../harness/probe-protocol.js';
import {
  afterResponse,
  CLOSE_WAIT_MS,
  called,
  completeFinals,
  echoed,
  garbled,
  HELD_MS,
  header,
  heldWhileServing,
  inconclusiveSilence,
  problemBreaches,
  tooLateToSeeClose,
} from './checks.js';
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

describe('heldWhileServing: silence that is no queue', () => {
  const silent = conv('', [GET], { end: 'timeout', closedByServer: false, endMs: 6000 });
  const answered = conv('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nfollow-up', [GET]);
  const refused = conv('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n', [GET]);
  const held = (first: Conversation, control: Conversation, endedMs: number, firstEndedMs = 6000) =>
    heldWhileServing({ ...first, control: { conversation: control, endedMs, firstEndedMs } });

  it('holds it against the server when a control on a second connection was answered long before', () => {
    expect(held(silent, answered, 2000)).toMatch(/answered meanwhile, 4000 ms before the client gave up/);
  });

  it("not when the control came late, was not the application's answer, or there was none", () => {
    expect(held(silent, answered, 6000 - HELD_MS + 1)).toBeUndefined();
    expect(held(silent, refused, 2000)).toBeUndefined();
    expect(heldWhileServing(silent)).toBeUndefined();
  });

  it('not when the first request got bytes or the connection closed', () => {
    expect(held(conv('HTTP/1.1 4', [GET], { end: 'timeout', closedByServer: false }), answered, 2000)).toBeUndefined();
    expect(held(conv('', [GET], { end: 'closed' }), answered, 2000)).toBeUndefined();
  });
});

describe('wire-write-timing on a stalled client clock', () => {
  const timing = connectionCases.find((c) => c.id === 'wire-write-timing');
  const judge = (loopStallMs: number) =>
    timing?.check({
      ex: {
        wire: [conv('HTTP/1.1 200 OK\r\n\r\nwritten-data\n', [GET], { loopStallMs })],
      } as unknown as Observed['ex'],
      facts: [],
    });

  it('skips for the moment, so the case runs again under fresh ids (run-case.ts), when the loop stalled', () => {
    expect(judge(400)).toMatchObject({ skip: expect.stringMatching(/stalled 400 ms/), again: true });
  });

  it('reads the times when the client kept time (here: no item after the sleep, so no verdict)', () => {
    expect(judge(20)).toBeNull();
  });
});

describe('wire-write-timing margins', () => {
  const timing = connectionCases.find((c) => c.id === 'wire-write-timing');
  const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
  const written = `${head}d\r\nwritten-data\n\r\n`;
  const all = `${written}c\r\nafter-sleep\n\r\n0\r\n\r\n`;
  /** The write() data read at `writtenMs`, the item after the sleep at 700 ms. */
  const judge = (writtenMs: number) =>
    timing?.check({
      ex: {
        wire: [
          conv(all, [GET], {
            reads: [
              { ms: writtenMs, total: written.length },
              { ms: 700, total: all.length },
            ],
          }),
        ],
      } as unknown as Observed['ex'],
      facts: [],
    });

  it('passes a write() sent during the sleep and fails one held until the application returned', () => {
    expect(judge(60)).toEqual([]);
    expect((judge(690) as Array<{ rule: string }>).map((b) => b.rule)).toEqual([
      'write-sends-headers',
      'write-sent-or-queued',
    ]);
  });

  it('runs the case again when a gap is too close to call', () => {
    expect(judge(450)).toMatchObject({ skip: expect.stringMatching(/too close to call/), again: true });
  });
});

describe('wire-pipelining', () => {
  const pipelining = connectionCases.find((c) => c.id === 'wire-pipelining');
  const judge = (raw: string) =>
    pipelining?.check({ ex: { wire: [conv(raw, [GET, GET, GET])] } as unknown as Observed['ex'], facts: [] });
  const ok = (body: string) => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const page = 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 9\r\n\r\nerror 500';

  it('fails answers of the application out of their places, passes them in order', () => {
    expect(judge(ok('answer-0') + ok('answer-2') + ok('answer-1'))).toMatchObject([
      { rule: 'rfc9112-pipelining-order' },
    ]);
    expect(judge(ok('answer-0') + ok('answer-1') + ok('answer-2'))).toEqual([]);
  });

  it("skips, not fails, when an answer is the server's own error page in its place (daphne's 500s)", () => {
    const v = judge(ok('answer-0') + page + page);
    expect(v).toMatchObject({
      skip: expect.stringMatching(/answer 2 .*not the application's.*HTTP\/1\.1 500 Internal Server Error/),
    });
  });
});

describe('tooLateToSeeClose: an open connection is held against the server only after a fair wait', () => {
  const answer = 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n';
  const open = (lastReadMs: number, endMs = 3000) =>
    conv(answer, [GET], { end: 'timeout', closedByServer: false, endMs, reads: [{ ms: lastReadMs, total: 10 }] });

  it('says so when the answer came just before the client stopped waiting (a busy machine)', () => {
    expect(tooLateToSeeClose(open(3000 - CLOSE_WAIT_MS + 1))).toMatch(/too soon to tell whether the server closes/);
  });

  it('not when the client waited long enough after the answer, or the server closed, or nothing came', () => {
    expect(tooLateToSeeClose(open(40))).toBeUndefined();
    expect(tooLateToSeeClose(open(3000 - CLOSE_WAIT_MS))).toBeUndefined();
    expect(tooLateToSeeClose(conv(answer, [GET], { reads: [{ ms: 2900, total: 10 }], endMs: 2950 }))).toBeUndefined();
    expect(tooLateToSeeClose(conv('', [GET], { end: 'timeout', closedByServer: false, endMs: 3000 }))).toBeUndefined();
  });
});

describe('reading a conversation (RFC 9112 §4, §6.3: finals, interim responses, bytes after a message)', () => {
  const statusAndFields = conv('HTTP/1.1  200 OK\r\nX-A : 1\r\nContent-Length: 0\r\n\r\n', [GET]);
  const strayAfterHead = conv(
    'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
    [HEAD, GET],
  );

  const continued = conv('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nxyz', [GET]);

  it("a breach says which conversation and the parser's words", () => {
    const [breach] = problemBreaches([statusAndFields], ['rfc9112-status-line']);
    expect(breach?.message).toMatch(/^test: \S/);
  });

  it('garbled: not for stray bytes (the case judges them), nor for problems the case owns', () => {
    expect(garbled([strayAfterHead])).toBeUndefined();
    expect(garbled([statusAndFields], ['status-line', 'field-syntax'])).toBeUndefined();
    expect(garbled([statusAndFields], ['status-line'])).toMatch(/which rfc9112-field-syntax reports/);
  });

  it('completeFinals: a final response cut short by the close is left out', () => {
    expect(completeFinals(conv('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab', [GET]))).toEqual([]);
    expect(completeFinals(strayAfterHead).map((r) => r.status)).toEqual([200, 200]);
    expect(completeFinals(continued).map((r) => r.status)).toEqual([200]);
  });

  it('afterResponse: stray bytes belong to the response they follow; extra bytes to the last one', () => {
    expect(afterResponse(strayAfterHead, 1)).toBeUndefined();
    // Other problems of the response are not bytes after it.
    expect(afterResponse(statusAndFields, 0)).toBeUndefined();
    const extra = conv('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nxyz', [
      GET,
      GET,
    ]);
    expect(afterResponse(extra, 0)).toBeUndefined();
    expect(afterResponse(extra, 1)).toBe('3 bytes after it: "xyz"');
    // An interim 100 (Continue) is no final response: the 200 after it is the last.
    expect(afterResponse(continued, 0)).toBe('3 bytes after it: "xyz"');
  });

  it('header: the values of a field, none without a response', () => {
    expect(header(completeFinals(strayAfterHead)[1], 'content-length')).toEqual(['0']);
    expect(header(undefined, 'content-length')).toEqual([]);
  });

  it('inconclusiveSilence: says how long it waited, and a reset by its error', () => {
    expect(inconclusiveSilence(conv('', [GET], { end: 'timeout', endMs: 6000 }))).toBe(
      'nothing came back within 6000 ms (a busy server may not have read the request yet)',
    );
    expect(inconclusiveSilence(conv('', [GET], { end: 'error', error: 'ETIMEDOUT' }))).toBe(
      'the connection was reset (ETIMEDOUT), which can destroy a response the server sent',
    );
  });
});

describe('echoed and called: what the probe said about a wire request', () => {
  const ok = (body: string, status = '200 OK') =>
    completeFinals(conv(`HTTP/1.1 ${status}\r\nContent-Length: ${body.length}\r\n\r\n${body}`, [GET]))[0];
  const echo = JSON.stringify({ seq: '0.0', method: 'GET' });

  it("reads the respond scenario's echo from the application's 200 only", () => {
    expect(echoed(ok(echo))).toEqual({ seq: '0.0', method: 'GET' });
    expect(echoed(ok(echo, '404 Not Found'))).toBeUndefined();
    expect(echoed(ok('not json'))).toBeUndefined();
    expect(echoed(undefined)).toBeUndefined();
    expect(() => echoed(ok(JSON.stringify({ seq: 1 })))).toThrow(ProbeProtocolError);
  });

  it('called: the respond fact of conversation n, request i', () => {
    const fact = (seq: string) => ({ ev: 'respond', pid: 1, thread: 1, t: 0, seq });
    const facts = [fact('0.0'), fact('1.0'), { ev: 'other', pid: 1, thread: 1, t: 0, seq: '2.0' }];
    expect(called(facts, 1)).toBe(true);
    expect(called(facts, 1, 1)).toBe(false);
    expect(called(facts, 2)).toBe(false);
    expect(called([fact('0.0'), fact('0.1')], 0, 1)).toBe(true);
  });
});

describe('heldWhileServing: the control must be the application answering', () => {
  const silent = conv('', [GET], { end: 'timeout', closedByServer: false, endMs: 6000 });
  const held = (control: Conversation, endedMs: number) =>
    heldWhileServing({ ...silent, control: { conversation: control, endedMs, firstEndedMs: 6000 } });
  const reply = (status: string, body: string) =>
    conv(`HTTP/1.1 ${status}\r\nContent-Length: ${body.length}\r\n\r\n${body}`, [GET]);

  it('names how long it stayed open and how long after the control it was given up, from HELD_MS on', () => {
    expect(held(reply('200 OK', 'follow-up'), 6000 - HELD_MS)).toBe(
      'nothing came back and the connection stayed open for 6000 ms, although a well-formed GET on a second ' +
        `connection was answered meanwhile, ${HELD_MS} ms before the client gave up: the server held the request`,
    );
  });

  it('not for another body, another status, or no answer to the control', () => {
    expect(held(reply('200 OK', 'other-page'), 2000)).toBeUndefined();
    expect(held(reply('404 Not Found', 'follow-up'), 2000)).toBeUndefined();
    expect(held(conv('', [GET]), 2000)).toBeUndefined();
  });
});
