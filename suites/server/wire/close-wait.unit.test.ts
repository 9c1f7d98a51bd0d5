/**
 * "The connection stayed open" is held against a server only after the client waited
 * CLOSE_WAIT_MS past the answer's last bytes (tooLateToSeeClose): on a busy machine the bytes can
 * arrive just before the client stops waiting, and a close sent right after them with them.
 */
import { describe, expect, it } from 'vitest';
import type { WireRecord } from '../../../harness/wire/driver.js';
import { parseResponses, type WireRequestMeta } from '../../../harness/wire/parse.js';
import type { Observed } from '../case.js';
import { CLOSE_WAIT_MS } from './checks.js';
import type { Conversation } from './conversation.js';
import { lengthWireCases } from './length.js';
import { syntaxWireCases } from './syntax.js';

const GET: WireRequestMeta = { method: 'GET', protocol: 'HTTP/1.1' };

/** The client stopped waiting at 2500 ms with the connection open; the last bytes came at `lastMs`. */
function open(raw: string, lastMs: number): Conversation {
  const received = Buffer.from(raw, 'latin1');
  const record: WireRecord = {
    sent: Buffer.alloc(0),
    writes: [],
    received,
    reads: [{ ms: lastMs, total: received.length }],
    end: 'timeout',
    endMs: 2500,
    closedByServer: false,
    loopStallMs: 0,
  };
  return { label: 'test', requests: [GET], record, parsed: parseResponses(received, [GET], false) };
}
const observed = (c: Conversation) => ({ ex: { wire: [c] } as unknown as Observed['ex'], facts: [] });
const caseOf = (cases: typeof lengthWireCases, id: string) => {
  const found = cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
};

describe('wire-cl-short-close', () => {
  const shortBody = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\nDate: x\r\n\r\n12345';
  const check = (lastMs: number) =>
    caseOf(lengthWireCases, 'wire-cl-short-close').check(observed(open(shortBody, lastMs)));
  it('runs again when the 5 bytes came less than CLOSE_WAIT_MS before the end of the wait', () => {
    expect(check(2500 - CLOSE_WAIT_MS + 1)).toMatchObject({ skip: expect.stringMatching(/too soon/), again: true });
  });
  it('holds the open connection against the server after a fair wait', () => {
    expect(check(2500 - CLOSE_WAIT_MS)).toEqual([expect.objectContaining({ rule: 'body-cl-short-close' })]);
  });
});

describe('wire-server-adds-required', () => {
  const streamed = (date: boolean) => `HTTP/1.1 200 OK\r\n${date ? 'Date: x\r\n' : ''}\r\nstream`;
  const check = (raw: string, lastMs: number) =>
    caseOf(syntaxWireCases, 'wire-server-adds-required').check(observed(open(raw, lastMs)));
  it('runs again when the body came too late to see a close, if nothing else is certain', () => {
    expect(check(streamed(true), 2400)).toMatchObject({ skip: expect.stringMatching(/too soon/), again: true });
  });
  it('still reports a missing Date then, without the undecided close', () => {
    const out = check(streamed(false), 2400);
    expect(Array.isArray(out) && out.map((b) => b.rule)).toEqual([
      'headers-server-adds-required',
      'rfc9110-date-header',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/stayed open/);
  });
  it('holds the open connection against the server after a fair wait', () => {
    const out = check(streamed(true), 100);
    expect(Array.isArray(out) && out.map((b) => b.rule)).toEqual(['headers-server-adds-required']);
    expect(JSON.stringify(out)).toMatch(/stayed open/);
  });
});
