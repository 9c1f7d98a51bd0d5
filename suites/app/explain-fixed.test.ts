/**
 * `explain RULE` shows a broken and a fixed snippet; the fixed one must certify clean (not only of
 * its own rule), or the advice is wrong. A snippet runs as a whole application, as the lines that
 * change inside a plain one, or, where it needs surroundings (a helper it calls, an except clause,
 * a middleware around an application), embedded word for word in its fixture under
 * fixtures/apps/fixed/ or fixtures/middleware/fixed/.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { rules } from '../../spec/catalog/index.js';
import type { Report } from '../../reports/result.js';
import { certifyMiddleware } from '../middleware/certify.js';
import { certifyApp } from './certify.js';
import { compare, parseExpectation } from './expectations.js';

/**
 * Most snippets are the lines that change (a start_response call, a headers list): those run
 * inside a plain application that has `body` and `headers` ready and returns `[body]`.
 */
function asApplication(fixed: string): string {
  if (/^def application\(/m.test(fixed) || /^application = /m.test(fixed)) return `${fixed}\n`;
  const indented = fixed
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  const returns = /^\s*return\b/m.test(fixed) && !/^\s+return\b/m.test(fixed);
  return [
    'def application(environ, start_response):',
    "    body = b'Hello'",
    "    headers = [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))]",
    indented,
    ...(returns ? [] : ['    return [body]']),
    '',
  ].join('\n');
}

/** Whether `snippet`'s lines stand one after the other in `source`, all indented alike. */
function embeds(source: string, snippet: string): boolean {
  const want = snippet.trimEnd().split('\n');
  const lines = source.split('\n');
  for (let at = 0; at + want.length <= lines.length; at++) {
    const first = lines[at] ?? '';
    if (!first.endsWith(want[0] ?? '')) continue;
    const indent = first.slice(0, first.length - (want[0] ?? '').length);
    if (indent.trim()) continue;
    if (want.every((w, i) => (w ? lines[at + i] === indent + w : !lines[at + i]?.trim()))) return true;
  }
  return false;
}

const fixedDir = (kind: 'apps' | 'middleware') => fromRoot('fixtures', kind, 'fixed');
const fixtureOf = (kind: 'apps' | 'middleware', rule: string) => join(fixedDir(kind), `${rule}.py`);

const dir = mkdtempSync(join(tmpdir(), 'explain-fixed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problems = (report: Report) => [
  ...(report.target.error ? [`could not be tested: ${report.target.error}`] : []),
  ...report.results
    .filter((r) => r.outcome === 'fail' || r.outcome === 'error')
    .map((r) => `${r.rule} (${r.level} ${r.outcome}): ${r.message}`),
];

/**
 * The problems of certifying the fixed snippet. A fixture may declare a SHOULD warning in its header
 * (`# expect-warn: write-discouraged` where the fix still pushes through write()); nothing else.
 */
async function certifyFixed(rule: string, fixed: string): Promise<string[]> {
  for (const kind of ['middleware', 'apps'] as const) {
    const file = fixtureOf(kind, rule);
    if (!existsSync(file)) continue;
    const source = readFileSync(file, 'utf8');
    expect(embeds(source, fixed), `${file} holds the fixed snippet word for word`).toBe(true);
    const expectation = parseExpectation(source);
    expect(expectation.fail, 'a fixed snippet breaks no MUST rule').toEqual([]);
    const report = await (kind === 'middleware'
      ? certifyMiddleware({ target: `${file}:middleware`, cwd: fixedDir(kind), timeoutMs: 5000 })
      : certifyApp({ target: file, cwd: fixedDir(kind), timeoutMs: 5000 }));
    return expectation.warn.length ? compare(expectation, report) : problems(report);
  }
  const file = join(dir, `${rule.replace(/-/g, '_')}.py`);
  writeFileSync(file, asApplication(fixed));
  return problems(await certifyApp({ target: file, cwd: dir, timeoutMs: 5000 }));
}

const withSnippet = rules.filter((r) => r.snippet);

describe.concurrent('the fixed snippets of explain certify clean', () => {
  for (const rule of withSnippet) {
    it(rule.id, async () => {
      expect(await certifyFixed(rule.id, rule.snippet?.fixed ?? '')).toEqual([]);
    }, 60_000);
  }
});

describe('every fixture of a fixed snippet belongs to a rule with a snippet', () => {
  const ids = new Set(withSnippet.map((r) => r.id));
  for (const kind of ['apps', 'middleware'] as const) {
    for (const file of readdirSync(fixedDir(kind)).filter((f) => f.endsWith('.py'))) {
      it(`${kind}/fixed/${file}`, () => expect(ids.has(file.replace(/\.py$/, ''))).toBe(true));
    }
  }
});

describe('embeds', () => {
  it('finds the lines at any one indentation, and only then', () => {
    const source = 'def f():\n    a = 1\n\n    b = 2\n';
    expect(embeds(source, 'a = 1\n\nb = 2')).toBe(true);
    expect(embeds(source, 'a = 1\nb = 2')).toBe(false);
    expect(embeds(source, 'x = 1')).toBe(false);
  });
});
