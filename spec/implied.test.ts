/** A specific rule implies the general restatements of it (spec/implied.ts). */
import { describe, expect, it } from 'vitest';
import { getRule, requireRule } from './catalog/index.js';
import { IMPLIED, withImplied } from './implied.js';

describe('implied rules', () => {
  it('adds the rules a declared rule implies, and keeps the others', () => {
    expect([...withImplied(['status-native-str', 'headers-list-type'])]).toEqual(['status-native-str', 'unicode-native-vs-bytes', 'headers-list-type']);
    expect([...withImplied(['status-latin1'])]).toEqual(['status-latin1', 'unicode-latin1-translatable', 'unicode-app-non-latin1-fatal']);
    expect([...withImplied([])]).toEqual([]);
  });

  it('names only catalog rules', () => {
    for (const [rule, implied] of Object.entries(IMPLIED)) for (const id of [rule, ...implied]) expect(getRule(id), id).toBeDefined();
  });

  it('requireRule names an unknown id; getRule returns undefined for it', () => {
    expect(getRule('no-such-rule')).toBeUndefined();
    expect(requireRule('status-latin1').id).toBe('status-latin1');
    expect(() => requireRule('no-such-rule')).toThrow('Unknown rule id: "no-such-rule" (not in spec/catalog)');
  });
});
