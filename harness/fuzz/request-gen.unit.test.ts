/** The request generator's shrinking: a counterexample keeps only the requests it needs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationArb } from './request-gen.js';

describe('conversationArb', () => {
  it('a kept-alive counterexample that needs one request shrinks to that one request', () => {
    // The fault needs one request (a DELETE anywhere), so the minimal conversation is that
    // request alone, however many requests the first failing conversation held.
    let pairs = 0;
    for (let seed = 1; seed <= 30; seed++) {
      let first: number | undefined;
      const res = fc.check(
        fc.property(conversationArb, (reqs) => {
          const bad = reqs.some((r) => r.method === 'DELETE');
          if (bad) first ??= reqs.length;
          return !bad;
        }),
        { seed, numRuns: 2000 },
      );
      if ((first ?? 0) < 2) continue;
      pairs++;
      expect(
        res.counterexample?.[0].map((r) => r.method),
        `seed ${seed}`,
      ).toEqual(['DELETE']);
    }
    expect(pairs).toBeGreaterThan(3);
  });
});
