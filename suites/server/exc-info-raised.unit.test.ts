/**
 * uWSGI's start_response(..., exc_info), called in the except block as PEP 3333 shows, puts
 * the replacement status on the wire and then raises SystemError. The status alone looked like
 * a replacement, so the case passed and exc-info-not-kept skipped for "an answer that did not
 * let it judge": the probe's replace-raised fact now decides.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../harness/server/exchange.js';
import type { Fact } from '../../harness/server/facts.js';
import { startResponseServerCases } from './start-response.js';
import { timingServerCases } from './timing.js';

const replaces = startResponseServerCases.find((c) => c.id === 'exc-info-replaces-unsent-headers');
const notKept = timingServerCases.find((c) => c.id === 'exc-info-not-kept');
const raw = 'HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nX-Probe-Second: yes\r\n\r\n';
const ex = {
  id: 'x',
  status: 500,
  headers: [
    ['Content-Type', 'text/plain'],
    ['X-Probe-Second', 'yes'],
  ],
  body: Buffer.alloc(0),
  notes: [],
  transcript: '',
  raw: Buffer.from(raw, 'latin1'),
} as unknown as Exchange;
const systemError = {
  type: 'SystemError',
  message: '<built-in function uwsgi_spit> returned a result with an exception set',
};

describe('start_response(..., exc_info) that replaces the headers, then raises', () => {
  it('fails exc-info-replace-before-sent although the 500 and its headers went out', () => {
    const facts = [{ ev: 'replace-raised', error: systemError }] as unknown as Fact[];
    const found = replaces?.check({ ex, facts });
    expect(Array.isArray(found) && found.map((f) => f.rule)).toEqual(['exc-info-replace-before-sent']);
    expect(JSON.stringify(found)).toContain('raised SystemError');
  });

  it('passes when the call returned (the replaced fact)', () => {
    expect(replaces?.check({ ex, facts: [{ ev: 'replaced' }] as unknown as Fact[] })).toEqual([]);
  });

  it('exc-info-not-kept skips naming the case that judges the raise', () => {
    const facts = [{ ev: 'exc-info-ref', replaced: false, error: systemError }] as unknown as Fact[];
    const out = notKept?.check({ ex, facts });
    expect(out).toHaveProperty('skip');
    expect((out as { skip: string }).skip).toMatch(/raised SystemError.*exc-info-replaces-unsent-headers/);
  });
});
