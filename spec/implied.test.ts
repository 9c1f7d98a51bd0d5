import { describe, expect, it } from 'vitest';
import { getRule, requireRule } from './catalog/index.js';
import { IMPLIED, withImplied } from './implied.js';

describe('implied rules come from the rule records', () => {
  it('every rule a record implies exists, and is not the rule itself', () => {
    for (const [id, implied] of Object.entries(IMPLIED)) {
      for (const other of implied) {
        expect(getRule(other), `${id} implies ${other}`).toBeDefined();
        expect(other).not.toBe(id);
      }
    }
  });

  it('a str status implies the general rule on native strings', () => {
    expect([...withImplied(['status-native-str'])]).toEqual(['status-native-str', 'unicode-native-vs-bytes']);
    expect([...withImplied(['status-format'])]).toEqual(['status-format']);
  });

  it('adds the rules a declared rule implies, and keeps the others', () => {
    expect([...withImplied(['status-native-str', 'headers-list-type'])]).toEqual([
      'status-native-str',
      'unicode-native-vs-bytes',
      'headers-list-type',
    ]);
    expect([...withImplied(['status-latin1'])]).toEqual([
      'status-latin1',
      'unicode-latin1-translatable',
      'unicode-app-non-latin1-fatal',
    ]);
    expect([...withImplied([])]).toEqual([]);
  });

  it('requireRule names an unknown id; getRule returns undefined for it', () => {
    expect(getRule('no-such-rule')).toBeUndefined();
    expect(requireRule('status-latin1').id).toBe('status-latin1');
    expect(() => requireRule('no-such-rule')).toThrow('Unknown rule id: "no-such-rule" (not in spec/catalog)');
  });
});
