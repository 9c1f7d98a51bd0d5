/**
 * The page's Content-Security-Policy is the HTML report's, plus exactly what running Python in
 * a worker needs ('wasm-unsafe-eval' in script-src, worker-src 'self'; docs/interpretations.md).
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../reports/html.js';
import { renderPlaygroundHtml } from './page-html.js';

const cspOf = (html: string) => {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      // The hashes differ (other style, other script); what they admit is the same kind of thing.
      return [name, sources.map((s) => s.replace(/^'sha256-[^']+'$/, "'sha256-…'")).join(' ')] as const;
    }),
  );
};

describe('playground CSP', () => {
  it("is the HTML report's plus 'wasm-unsafe-eval' and worker-src 'self', nothing else", () => {
    const page = cspOf(renderPlaygroundHtml('console.log(1)', '0.0.0', '0.0.0'));
    const report = cspOf(renderHtml([]));
    const expected = new Map(report);
    expected.set('script-src', `${report.get('script-src')} 'wasm-unsafe-eval'`);
    expected.set('worker-src', "'self'");
    expect(Object.fromEntries(page)).toEqual(Object.fromEntries(expected));
  });
});
