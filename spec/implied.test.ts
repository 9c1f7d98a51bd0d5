import { describe, expect, it } from 'vitest';
import { getRule } from './catalog/index.js';
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
});
