/**
 * One fault, one level: the rules docs/interpretations.md lists as judging the same
 * observation ("- same fault: `a`, `b`.") have one level in the catalog.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireRule } from './catalog/index.js';

const text = readFileSync(new URL('../docs/interpretations.md', import.meta.url), 'utf8');
const groups = [...text.matchAll(/^- same fault: ((?:`[a-z0-9-]+`(?:, )?)+)\./gm)].map((m) =>
  [...(m[1] as string).matchAll(/`([a-z0-9-]+)`/g)].map((x) => x[1] as string),
);

describe('rules that judge one observation share one level', () => {
  it('docs/interpretations.md declares the groups', () => {
    expect(groups.length).toBeGreaterThanOrEqual(3);
  });
  for (const group of groups) {
    it(group.join(' = '), () => {
      const levels = new Set(group.map((id) => requireRule(id).level));
      expect([...levels], group.map((id) => `${id}: ${requireRule(id).level}`).join(', ')).toHaveLength(1);
    });
  }
});
