/**
 * The published matrix matches the tests: docs/compatibility.md and .html are exactly what
 * `npm run compat -- --render` makes of docs/compatibility-run.json, the saved run holds
 * every row of the suite for each server, and each server's saved verdict is its pin. And
 * every relative link in docs/ (and the README) resolves, anchors included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { renderSaved, SAVED_RUN, type SavedRun } from '../scripts/compatibility-render.js';
import { serverCases } from '../suites/server/index.js';
import { verdict, type Pinned } from '../suites/server/pinned.js';

const saved = JSON.parse(readFileSync(SAVED_RUN, 'utf8')) as SavedRun;
const RE_RENDER = 'npm run compat -- --render (or npm run compat -- --runs 5 to certify again)';

describe('docs/compatibility.md and .html', () => {
  const { md, html } = renderSaved(saved);
  it('compatibility.md is rendered from compatibility-run.json', () => {
    expect(readFileSync(fromRoot('docs', 'compatibility.md'), 'utf8') === md, `stale: ${RE_RENDER}`).toBe(true);
  });
  it('compatibility.html is rendered from compatibility-run.json', () => {
    expect(readFileSync(fromRoot('docs', 'compatibility.html'), 'utf8') === html, `stale: ${RE_RENDER}`).toBe(true);
  });

  const rows = serverCases.reduce((n, c) => n + c.rules.length, 0);
  for (const impl of saved.impls.filter((i) => i.kind === 'server')) {
    it(`${impl.name}: the saved run has every row, and its verdict is the pin`, () => {
      const report = impl.reports[0];
      expect(report?.results, `${impl.name}: certify again (npm run compat)`).toHaveLength(rows);
      const file = fromRoot('suites', 'server', 'pinned', `${impl.name}.json`);
      expect(existsSync(file), `no pin for ${impl.name}`).toBe(true);
      const pinned = JSON.parse(readFileSync(file, 'utf8')) as Pinned;
      expect(impl.version).toBe(pinned.version);
      expect(
        verdict(report as NonNullable<typeof report>),
        `the published verdict differs from the pin: ${RE_RENDER}`,
      ).toEqual(pinned.verdict);
    });
  }
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of markdown.replace(/```[\s\S]*?```/g, '').split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (!m) continue;
    const base = (m[1] ?? '')
      .toLowerCase()
      .replace(/\]\([^)]*\)/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1] as string);
  return out;
}

/** Relative link targets of a Markdown file (not http(s), not mailto), code blocks left out. */
function linksOf(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1] as string)
    .filter((t) => !/^[a-z]+:/i.test(t));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? markdownFiles(path) : f.endsWith('.md') ? [path] : [];
  });
}

describe('every relative link in docs/ and the README resolves', () => {
  it('anchorsOf follows GitHub', () => {
    expect([
      ...anchorsOf(
        '# Compatibility matrix\n## `wsgiref` 0.2\n### A, B & C\n## x\n## x\n### mod_wsgi\n## [link](x.md) text\n',
      ),
    ]).toEqual(['compatibility-matrix', 'wsgiref-02', 'a-b--c', 'x', 'x-1', 'mod_wsgi', 'link-text']);
  });

  for (const file of [...markdownFiles(fromRoot('docs')), fromRoot('README.md')]) {
    it(relative(fromRoot(), file), () => {
      const broken: string[] = [];
      const source = readFileSync(file, 'utf8');
      for (const link of linksOf(source)) {
        const [path = '', anchor] = link.split('#');
        const target = path ? join(dirname(file), decodeURIComponent(path)) : file;
        if (!existsSync(target)) broken.push(`${link}: no such file`);
        else if (anchor && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor))
          broken.push(`${link}: no heading #${anchor}`);
      }
      expect(broken).toEqual([]);
    });
  }
});
