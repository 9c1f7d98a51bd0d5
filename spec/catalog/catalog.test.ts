import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { rules, getRule, requireRule } from './index.js';

/** The rule catalog's source text, vendored: its rule tables hold every id. */
const catalogPath = fileURLToPath(new URL('../../docs/pep3333-rules.md', import.meta.url));

/** First column of every row of the catalog's rule tables (those with an `| id | binds |` header). */
function catalogIds(markdown: string): string[] {
  const ids: string[] = [];
  let inRuleTable = false;
  for (const line of markdown.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('|')) {
      inRuleTable = false;
      continue;
    }
    if (/^\|\s*id\s*\|\s*binds\s*\|/.test(trimmed)) {
      inRuleTable = true;
      continue;
    }
    if (!inRuleTable || /^\|[\s|:-]+\|$/.test(trimmed)) continue;
    const first = trimmed.split('|')[1]?.trim();
    if (first) ids.push(first);
  }
  return ids;
}

describe('rule catalog', () => {
  const ids = rules.map((rule) => rule.id);

  it('has unique ids', () => {
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it('uses kebab-case slugs as ids', () => {
    const bad = ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
    expect(bad).toEqual([]);
  });

  it('holds every id of docs/pep3333-rules.md, and only ids marked as added besides', () => {
    const expected = catalogIds(readFileSync(catalogPath, 'utf8'));
    expect(expected.length).toBeGreaterThan(0);
    const missing = expected.filter((id) => !ids.includes(id));
    const extra = rules.filter((rule) => !expected.includes(rule.id) && !rule.added).map((rule) => rule.id);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(rules.filter((rule) => !rule.added).map((rule) => rule.id)).toEqual(expected);
  });

  it('fills summary, quote, hint, section and anchor for every rule', () => {
    const fields = ['summary', 'quote', 'hint', 'section', 'anchor', 'keyword', 'lines'] as const;
    const empty = rules.flatMap((rule) =>
      fields.filter((field) => rule[field].trim() === '').map((field) => `${rule.id}.${field}`),
    );
    expect(empty).toEqual([]);
    const noParty = rules.filter((rule) => rule.binds.length === 0 || rule.observe.length === 0);
    expect(noParty.map((rule) => rule.id)).toEqual([]);
  });

  it('judges only at MUST, SHOULD or MAY', () => {
    const bad = rules.filter((rule) => !['MUST', 'SHOULD', 'MAY'].includes(rule.level));
    expect(bad.map((rule) => `${rule.id}: ${rule.level}`)).toEqual([]);
  });

  it('uses URL-fragment anchors', () => {
    const bad = rules.filter(
      (rule) => !(rule.source === 'PEP 3333' ? /^[a-z0-9-]+$/ : /^section-[0-9.]+$/).test(rule.anchor),
    );
    expect(bad.map((rule) => `${rule.id}: ${rule.anchor}`)).toEqual([]);
  });

  it('looks rules up by id', () => {
    const first = rules[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(getRule(first.id)).toBe(first);
    expect(requireRule(first.id)).toBe(first);
    expect(getRule('no-such-rule')).toBeUndefined();
    expect(() => requireRule('no-such-rule')).toThrow(/no-such-rule/);
  });

  it('names each wire problem in one rule at most, and only in a wire-observed rule', () => {
    const named = rules.flatMap((rule) => (rule.wireProblems ?? []).map((code) => ({ code, rule })));
    expect(named.filter((n, i) => named.findIndex((m) => m.code === n.code) !== i).map((n) => n.code)).toEqual([]);
    expect(named.filter((n) => !n.rule.observe.includes('wire')).map((n) => n.rule.id)).toEqual([]);
  });
});
