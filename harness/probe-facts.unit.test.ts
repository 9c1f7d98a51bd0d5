/**
 * Side-channel facts are checked once, when read: a fact of the wrong shape is a ProbeFactError
 * (reported as a probe-protocol error of the case), never a value read through a cast.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventFacts, firstFact, parseFact, ProbeFactError } from './probe-protocol.js';
import { readFacts } from './server/facts.js';

const clock = { pid: 7, thread: 1, t: 1.5 };

describe('side-channel facts', () => {
  it('accepts the facts the probe sends, and types them by event', () => {
    const facts = [
      parseFact({ ev: 'call', scenario: 'environ', nargs: 2, kwargs: [], callsInProcess: 1, ...clock }),
      parseFact({ ev: 'excess-write', outcome: 'raised', error: { type: 'E', message: 'm', traceback: '' }, ...clock }),
      parseFact({ ev: 'read-at', ...clock }),
    ];
    expect(eventFacts(facts, 'call')[0]?.kwargs).toEqual([]);
    expect(firstFact(facts, 'excess-write')?.error?.type).toBe('E');
    expect(firstFact(facts, 'slept')).toBeUndefined();
  });

  it.each([
    ['a call whose nargs is text', { ev: 'call', scenario: 'environ', nargs: '2', kwargs: [] }],
    ['a call whose kwargs is not a list', { ev: 'call', scenario: 'environ', nargs: 2, kwargs: 'x' }],
    ['an excess-write with an unknown outcome', { ev: 'excess-write', outcome: 'maybe' }],
    ['a store-then-check without its first call', { ev: 'store-then-check', second: 'raised' }],
    ['an op-start whose args are text', { ev: 'op-start', op: 'read', args: ['3'] }],
    ['a close whose count is a float', { ev: 'close', count: 1.5 }],
  ])('refuses %s', (_, fact) => {
    expect(() => parseFact({ ...fact, ...clock })).toThrow(ProbeFactError);
  });

  it('refuses a fact without its clock', () => {
    expect(() => parseFact({ ev: 'read-at', pid: 7 })).toThrow(/does not match the probe protocol/);
  });

  it('readFacts throws on a wrong-shaped line and skips a line still being written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-facts-'));
    const good = JSON.stringify({ ev: 'close', count: 1, ...clock });
    writeFileSync(join(dir, 'ok.jsonl'), `${good}\n{"ev": "clo`);
    expect(await readFacts(dir, 'ok')).toHaveLength(1);
    writeFileSync(join(dir, 'bad.jsonl'), `${good}\n${JSON.stringify({ ev: 'attribute', name: 3, ...clock })}\n`);
    await expect(readFacts(dir, 'bad')).rejects.toThrow(ProbeFactError);
  });
});
