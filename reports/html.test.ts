/** The HTML report as a document: self-contained, escaped, its CSP matching its own style and script. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appReport, poisoned, serverReport } from '../test/real-reports.js';
import { renderHtml } from './html.js';
import type { Report } from './result.js';

describe('HTML report document', () => {
  let must: Report, server: Report;
  beforeAll(async () => {
    [must, server] = await Promise.all([
      appReport('broken/headers-value-no-ctl.py'),
      serverReport('broken/close-called.py', ['close-after-success', 'environ-types']),
    ]);
  }, 60_000);

  it('is one file: no external stylesheet, script, image, font or frame', () => {
    const html = renderHtml([must, server]);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('allows only its own inline style and script, by hash, and no fetches', () => {
    const html = renderHtml([must]);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(csp).toMatch(/^default-src 'none';/);
  });

  it('escapes every string from the implementation', () => {
    const html = renderHtml([poisoned(server), poisoned(must)]);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img\b|<\/details><\/pre>|onerror="/i);
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(html).toContain('onerror=&quot;window.__pwned = 2&quot;');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('links only to web pages, whatever the report says', () => {
    const evil = { ...must, results: must.results.map((r) => ({ ...r, url: 'javascript:alert(1)' })) };
    expect(renderHtml([evil])).not.toContain('javascript:');
  });
});
