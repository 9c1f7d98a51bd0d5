/** The response judge leaves a method the server refuses unjudged (RFC 9110 §15.6.2). */
import { describe, expect, it } from 'vitest';
import { methodRefused } from './judge.js';

describe('methodRefused', () => {
  it("a 501 the application did not send is the server refusing the method (hg serve's HEAD)", () => {
    expect(methodRefused('200 OK', 501)).toBe(true);
    expect(methodRefused('500 R', 501)).toBe(true);
  });
  it("the application's own 501, and any other status, are judged", () => {
    expect(methodRefused('501 Not Implemented', 501)).toBe(false);
    expect(methodRefused('200 OK', 500)).toBe(false);
    expect(methodRefused('200 OK', 200)).toBe(false);
  });
});
