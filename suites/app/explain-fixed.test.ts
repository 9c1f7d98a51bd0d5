/**
 * `explain RULE` shows a broken and a fixed snippet: each fixed snippet is a whole application,
 * and the suite must certify it clean (not only of its own rule), or the advice is wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snippets } from '../../spec/snippets.js';
import { certifyApp } from './certify.js';

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

/**
 * Snippets that are still sketches (they name helpers such as CACHE or warm_cache that they do
 * not define, or show two alternatives side by side): each must become a whole application,
 * then leave this list. A snippet not listed here must certify clean.
 */
const SKETCHES = new Set([
  'env-app-check-vars',
  'env-run-once-no-assume',
  'exc-app-trap-own-errors',
  'headers-name-token',
  'headers-value-no-ctl',
  'headers-latin1',
  'headers-no-hop-by-hop',
  'exc-info-tuple',
  'exc-info-only-in-error-handler',
  'exc-info-app-no-trap',
  'body-items-bytes',
  'body-len-accurate',
  'body-may-be-closed-early',
  'input-app-respect-content-length',
  'input-app-listed-methods-only',
  'input-app-no-close',
  'errors-app-writes-str',
  'write-arg-bytes',
  'write-still-return-iterable',
  'file-wrapper-filelike-read',
]);

const dir = mkdtempSync(join(tmpdir(), 'explain-fixed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Fragments of a middleware (a start_response wrapper, a wrapped iterable): they are not
 * applications; each should become a whole middleware certified by `middleware`, then leave.
 */
const MIDDLEWARE_FRAGMENTS = new Set([
  'middleware-adjust-content-length',
  'middleware-return-promptly',
  'close-called',
]);

describe.concurrent('the fixed snippets of explain certify clean', () => {
  for (const [rule, snippet] of Object.entries(snippets)) {
    if (MIDDLEWARE_FRAGMENTS.has(rule)) {
      it.todo(`${rule} (its fixed snippet is a middleware fragment, not yet a whole middleware)`);
      continue;
    }
    if (SKETCHES.has(rule)) {
      it.todo(`${rule} (its fixed snippet is a sketch, not yet an application)`);
      continue;
    }
    it(rule, async () => {
      const file = join(dir, `${rule.replace(/-/g, '_')}.py`);
      writeFileSync(file, asApplication(snippet.fixed));
      const report = await certifyApp({ target: file, cwd: dir, timeoutMs: 5000 });
      const bad = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
      expect(bad.map((r) => `${r.rule} (${r.level} ${r.outcome}): ${r.message}`)).toEqual([]);
    });
  }
});
