/**
 * failed-start-response-still-counts says why it does not judge a server whose first
 * start_response call (with a Connection header) returned: there is no failed call to count.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../harness/server/facts.js';
import { FIRST_CALL_ACCEPTED, iterationCases } from './iteration.js';
import { answered } from './test-support/exchange.js';

const storeThenCheck = iterationCases.find((c) => c.id === 'failed-start-response-still-counts');
const ex = answered({});
const judge = (fact: object) =>
  storeThenCheck?.check({ ex, facts: [{ ev: 'store-then-check', ...fact }] as unknown as Fact[] });

describe('failed-start-response-still-counts', () => {
  it('skips with the reason when the first call was accepted', () => {
    expect(judge({ first: 'returned' })).toEqual({ skip: FIRST_CALL_ACCEPTED });
  });
  it('judges when the first call raised', () => {
    expect(judge({ first: 'raised', second: 'raised' })).toEqual([]);
    expect(judge({ first: 'raised', second: 'returned' })).toMatchObject([{ rule: 'start-response-store-then-check' }]);
  });
});
