import { describe, expect, it } from 'vitest';
import { Command, RunnerEvent, ScenarioSpec } from './protocol.js';
import { scenarios } from '../suites/app/scenarios.js';

describe('runner protocol v1', () => {
  it('accepts every scenario the app suite sends', () => {
    for (const s of scenarios) expect(Command.safeParse({ op: 'call', id: 'c1', scenario: s.spec }).success).toBe(true);
  });
  it('rejects unknown fields, so runner and harness cannot drift apart silently', () => {
    expect(RunnerEvent.safeParse({ type: 'call-end', id: 'c1', ms: 1, extra: true }).success).toBe(false);
    expect(ScenarioSpec.safeParse({ name: 'x', method: 'GET', path: '/', bogus: 1 }).success).toBe(false);
  });
  it('requires protocol version 1 in the handshake', () => {
    const hello = {
      type: 'hello',
      python: { version: '3.11.2', implementation: 'cpython', executable: '/usr/bin/python3' },
    };
    expect(RunnerEvent.safeParse({ ...hello, protocol: 1 }).success).toBe(true);
    expect(RunnerEvent.safeParse({ ...hello, protocol: 2 }).success).toBe(false);
  });
});
