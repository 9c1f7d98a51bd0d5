/**
 * The timing-free facts on hand-built traces: block boundaries from event order alone, and the
 * application case that must not blame an app the gateway stopped after empty items.
 */
import { describe, expect, it } from 'vitest';
import type { RunnerEvent } from '../../harness/protocol.js';
import { CallTrace } from '../../harness/trace.js';
import { startResponseCases } from '../app/start-response.js';
import { blockBoundary } from './facts.js';

const id = 'c1';
const bytes = (n: number) => ({ t: 'bytes', v: 'x'.repeat(n), n });
const innerYield = (index: number): RunnerEvent[] => [
  { type: 'inner-next', id, index, closed: false },
  { type: 'inner-yield', id, index, n: 1, v: 'x' },
];
const item = (index: number, n = 1): RunnerEvent => ({ type: 'item', id, index, value: bytes(n), srCalled: true });
const headers = {
  t: 'list',
  items: [
    {
      t: 'tuple',
      items: [
        { t: 'str', v: 'Content-Type' },
        { t: 'str', v: 'text/plain' },
      ],
    },
  ],
};
const innerSr: RunnerEvent = {
  type: 'inner-start-response',
  id,
  seq: 0,
  excInfo: false,
  writeCallable: true,
  headers: [['Content-Type', 'text/plain']],
};
const outerSr: RunnerEvent = {
  type: 'start-response',
  id,
  seq: 0,
  phase: 'call',
  args: [{ t: 'str', v: '200 OK' }, headers],
  kwargs: {},
  handling: null,
  headersSent: false,
  result: 'ok',
};
const end = (made: number): RunnerEvent[] => [{ type: 'inner-next', id, index: made, closed: false }, ...ends];
const returned: RunnerEvent = {
  type: 'return',
  id,
  value: { t: 'generator' },
  iterable: true,
  hasClose: true,
  hasLen: false,
};
const ends: RunnerEvent[] = [
  { type: 'inner-end', id, reason: 'exhausted' },
  { type: 'iter-end', id, reason: 'exhausted', items: 2, bytes: 2 },
];
const trace = (events: RunnerEvent[]) => new CallTrace({ scenario: 'get', events });

describe('block boundaries from event order', () => {
  it('one inner item per outer item is fine', () => {
    expect(blockBoundary(trace([returned, ...innerYield(0), item(0), ...innerYield(1), item(1), ...ends]))).toBeNull();
  });
  it('pulling the next inner item before the gateway had the previous one is look-ahead', () => {
    expect(blockBoundary(trace([returned, ...innerYield(0), ...innerYield(1), item(0), item(1), ...ends]))?.rule).toBe(
      'middleware-no-block-iteration',
    );
  });
  it('fewer outer items than inner ones is yield-per-yield, reported instead of look-ahead', () => {
    expect(blockBoundary(trace([returned, ...innerYield(0), ...innerYield(1), item(0, 2), ...ends]))?.rule).toBe(
      'middleware-yield-per-yield',
    );
  });
  it('an inner item pulled before the middleware returned is return-promptly', () => {
    expect(blockBoundary(trace([...innerYield(0), returned, item(0), ...innerYield(1), item(1), ...ends]))?.rule).toBe(
      'middleware-return-promptly',
    );
  });
});

describe('a block held back by a middleware that passes the body through', () => {
  const sr = [innerSr, outerSr, returned];
  it("b'' for each inner item, then the unchanged body at the end, is body-no-delay", () => {
    const events = [...sr, ...innerYield(0), item(0, 0), ...innerYield(1), item(1, 0), ...end(2)];
    events.splice(-2, 0, item(2, 2));
    expect(blockBoundary(trace(events))?.rule).toBe('body-no-delay');
  });
  it('each inner item handed on before the next is pulled is fine', () => {
    expect(blockBoundary(trace([...sr, ...innerYield(0), item(0), ...innerYield(1), item(1), ...end(2)]))).toBeNull();
  });
  it('a middleware that changes the body may accumulate', () => {
    const events = [...sr, ...innerYield(0), item(0, 0), ...innerYield(1), item(1, 0), ...end(2)];
    events.splice(-2, 0, item(2, 3));
    expect(blockBoundary(trace(events))).toBeNull();
  });
});

describe('start-response-before-body', () => {
  const c = startResponseCases.find((x) => x.id === 'start-response-before-body');
  it('does not blame an app that yielded only b"" before the gateway stopped', () => {
    const events: RunnerEvent[] = [
      returned,
      { type: 'item', id, index: 0, value: bytes(0), srCalled: false },
      { type: 'iter-end', id, reason: 'stopped', items: 1, bytes: 0 },
      { type: 'close', id, ok: true },
    ];
    expect(c?.check?.(trace(events))).toEqual([]);
  });
  it('still blames one that ran to its end without calling start_response', () => {
    const events: RunnerEvent[] = [
      returned,
      { type: 'item', id, index: 0, value: bytes(0), srCalled: false },
      { type: 'iter-end', id, reason: 'exhausted', items: 1, bytes: 0 },
    ];
    expect(c?.check?.(trace(events))?.[0]?.rule).toBe('start-response-before-body');
  });
});
