/**
 * What `rules` says about a rule no case checks (suites/coverage.ts): its reviewed reason first,
 * else what kind of rule it is. A table over the kinds, and coverage() over the real catalog.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../spec/rule.js';
import { coverage, gapReason } from './coverage.js';

const rule = (r: Pick<Rule, 'level' | 'binds' | 'observe'> & { untested?: string }): Rule =>
  ({ id: 'r', ...r }) as Rule;

describe('gapReason()', () => {
  it.each([
    [
      'the reviewed reason wins',
      rule({ level: 'MUST', binds: ['server'], observe: ['manual'], untested: 'no request can show it' }),
      'no request can show it',
    ],
    [
      'manual only',
      rule({ level: 'MUST', binds: ['server'], observe: ['manual'] }),
      'not testable automatically (documentation or intent)',
    ],
    ['a MAY', rule({ level: 'MAY', binds: ['server'], observe: ['server'] }), 'a permission (MAY): nothing to fail'],
    [
      'middleware alone',
      rule({ level: 'MUST', binds: ['middleware'], observe: ['app'] }),
      'middleware rule: middleware certification is not implemented yet',
    ],
    [
      'middleware and application: an application rule',
      rule({ level: 'MUST', binds: ['middleware', 'application'], observe: ['app'] }),
      'not checked in-process yet',
    ],
    [
      'wire, or wire and manual',
      rule({ level: 'SHOULD', binds: ['server'], observe: ['wire', 'manual'] }),
      'visible only in the raw HTTP exchange, and no wire case checks it yet',
    ],
    [
      'server, some of it manual',
      rule({ level: 'MUST', binds: ['server'], observe: ['server', 'manual'] }),
      'server-side rule without a case yet (planned)',
    ],
    [
      'app, some of it on the wire',
      rule({ level: 'MUST', binds: ['application'], observe: ['app', 'wire'] }),
      'not checked in-process yet',
    ],
  ])('%s', (_, r, reason) => {
    expect(gapReason(r)).toBe(reason);
  });
});

describe('coverage()', () => {
  it('lists the ids of the cases that check a rule, and a gap only for a rule none checks', () => {
    const all = coverage();
    const row = all.find((c) => c.rule.id === 'input-readline-size');
    expect(row?.cases).toEqual(['input-readline-size']);
    expect(row?.gap).toBeUndefined();
    for (const c of all) expect(c.gap === undefined).toBe(c.cases.length > 0);
  });
});
