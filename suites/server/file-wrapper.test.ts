/**
 * Every wsgi.file_wrapper case says why it does not judge a server without the wrapper
 * (file-wrapper-callable and file-wrapper-not-returned used to give the generic "did not let
 * this case judge", as if something had gone wrong).
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../harness/server/facts.js';
import { fileWrapperServerCases, NO_WRAPPER } from './file-wrapper.js';
import { answered } from './test-support/exchange.js';

const answer = { present: false, reason: 'the server offers no wsgi.file_wrapper' };
const ex = answered(answer);
const facts = [{ ev: 'file-wrapper', present: false }] as unknown as Fact[];

describe('a server without wsgi.file_wrapper', () => {
  for (const c of fileWrapperServerCases) {
    it(`${c.id} skips, saying the wrapper is absent`, () => {
      expect(c.check({ ex, facts })).toEqual({ skip: NO_WRAPPER });
    });
  }
});
