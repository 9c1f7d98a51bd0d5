/** What `npm run pin` prints and what a version mismatch in CI shows: the change to the pin. */
import { describe, expect, it } from 'vitest';
import { describePinChange, pinDiff } from './pinned.js';

describe('pin changes', () => {
  it('lists lines that leave (-) and enter (+) the pin, nothing for equal pins', () => {
    expect(pinDiff(['a x fail', 'b y skip'], ['b y skip', 'c z fail'])).toEqual(['- a x fail', '+ c z fail']);
    expect(pinDiff(['a x fail'], ['a x fail'])).toEqual([]);
    expect(pinDiff([], [])).toEqual([]);
  });

  it('names a new version and a first pin', () => {
    const before = { preset: 'p', version: 'p 1.0', verdict: ['a x fail'] };
    expect(describePinChange(before, { ...before })).toEqual([]);
    expect(describePinChange(before, { ...before, version: 'p 2.0', verdict: [] })).toEqual([
      'version: p 1.0 -> p 2.0',
      '- a x fail',
    ]);
    expect(describePinChange(undefined, before)).toEqual(['new pin: p 1.0', '+ a x fail']);
  });
});
