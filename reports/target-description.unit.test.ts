/** Every report that describes its target says when it was certified over TLS, and with which routes. */
import { describe, expect, it } from 'vitest';
import { TOOL } from '../spec/tool.js';
import { renderConsole } from './console.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { summarize, type Report, type Result } from './result.js';
import { styleFor } from './style.js';

const result: Result = {
  case: 'environ-wsgi-keys',
  rule: 'env-url-scheme',
  level: 'MUST',
  message: 'm',
  description: 'd',
  section: 'S',
  url: 'u',
  quote: 'q',
  hint: 'h',
  scenarios: [],
  evidence: [],
  rerun: 'r',
  outcome: 'pass',
};
const report = (target: Partial<Report['target']>): Report => ({
  tool: TOOL,
  target: { kind: 'server', name: 'gunicorn', version: 'gunicorn 20.1.0', ...target },
  summary: summarize([result]),
  results: [result],
});
const all = (r: Report) =>
  [renderConsole(r, styleFor({ isTTY: false }, {})), renderMarkdown([r]), renderHtml([r]), renderJunit([r])].join(
    '\n----\n',
  );

describe('the target description', () => {
  it('says TLS, and the CA the certificate was verified against, in every format', () => {
    for (const [tls, ca] of [
      [{}, 'a throwaway CA the suite made (--tls)'],
      [{ ca: 'certs/ca.pem' }, 'certs/ca.pem'],
    ] as const) {
      const text = all(report({ tls }));
      expect(text.split('\n----\n').every((t) => t.includes(ca))).toBe(true);
    }
  });

  it('says nothing about TLS over plain HTTP', () => {
    expect(all(report({}))).not.toMatch(/TLS/);
  });

  it("names an application run's route options in every format", () => {
    const text = all(report({ kind: 'app', name: 'app.py', routeOptions: ['--path', '/api/items', '--crawl', '50'] }));
    expect(text.split('\n----\n').every((t) => t.includes('--path /api/items --crawl 50'))).toBe(true);
  });
});
