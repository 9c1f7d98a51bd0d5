/** The CI switch that turns a skip for a missing dependency into a failure naming it. */
import { describe, expect, it } from 'vitest';
import { inCi, missingMessage } from './requires.js';

describe('inCi', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['FALSE', false],
    ['true', true],
    ['1', true],
    ['yes', true],
    ['TRUE', true],
  ] as const)('CI=%s is %s', (value, expected) => {
    expect(inCi(value === undefined ? {} : { CI: value })).toBe(expected);
  });

  it('the failure names what is missing', () => {
    expect(missingMessage('JUnit XML', 'xmllint: apt-get install libxml2-utils')).toMatch(
      /^JUnit XML cannot run: xmllint: apt-get install libxml2-utils\. CI must not skip it/,
    );
  });
});
