/**
 * Markdown from real runs, parsed with markdown-it (CommonMark + GFM tables, raw HTML on as
 * on GitHub) to check the structure a reader gets: tables keep their columns, collapsed
 * details stay balanced, and nothing an implementation sent becomes markup.
 */
import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, it } from 'vitest';
import { appReport, garbageServerReport, HOSTILE, poisoned, serverReport } from '../test/real-reports.js';
import { PR_COMMENT_LIMIT, renderMarkdown } from './markdown.js';
import type { Report } from './result.js';

const md = new MarkdownIt({ html: true });
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** A pattern for consecutive lines of output, each given as a regular expression's source. */
const lines = (...sources: string[]) => new RegExp(sources.join('\n'));

/** Rendered HTML, after checking every table row has as many cells as its header. */
function html(markdown: string): string {
  const out = md.render(markdown);
  for (const table of out.split('<table>').slice(1)) {
    const head = (table.split('</thead>')[0]?.match(/<th[ >]/g) ?? []).length;
    for (const tr of table.split('</table>')[0]?.split('<tr>').slice(2) ?? [])
      expect((tr.match(/<td[ >]/g) ?? []).length).toBe(head);
  }
  expect((out.match(/<details>/g) ?? []).length).toBe((out.match(/<\/details>/g) ?? []).length);
  return out;
}

describe('Markdown summary', () => {
  let must: Report, should: Report, server: Report, garbage: Report;
  beforeAll(async () => {
    [must, should, server, garbage] = await Promise.all([
      appReport('broken/headers-value-no-ctl.py'),
      appReport('broken/write-discouraged.py'),
      serverReport('broken/close-called.py'),
      garbageServerReport(),
    ]);
  }, 60_000);

  it('gives a verdict line, a table per section, the findings table and collapsed details', () => {
    const text = renderMarkdown([must]);
    expect(text).toMatch(
      lines(
        '^## ❌ wsgi-conformance [\\d.]+: app ` fixtures/apps/broken/headers-value-no-ctl\\.py `',
        '',
        String.raw`\*\*1 failed \(MUST\)\*\*, 0 warnings \(SHOULD\), \d+ passed`,
      ),
    );
    const out = html(text);
    // Header rows, one row per section with anything but passes, the finding's row.
    const sections = new Set(must.results.map((r) => r.section));
    const allPass = [...sections].filter((sec) =>
      must.results.filter((r) => r.section === sec).every((r) => r.outcome === 'pass'),
    );
    expect((out.match(/<tr>/g) ?? []).length).toBe(1 + sections.size - allPass.length + 2);
    expect(out).toContain(`Everything passed in ${allPass.length} more section`);
    expect(out).toMatch(
      lines(
        '<td>❌ FAIL MUST</td>',
        String.raw`<td><a href="https://peps\.python\.org/pep-3333/#the-start-response-callable">` +
          '<code>headers-value-no-ctl</code></a></td>',
      ),
    );
    expect(out).toContain(
      '<details><summary>❌ FAIL <code>headers-value-no-ctl</code> (MUST) in <code>response-headers</code></summary>',
    );
    expect(out).toMatch(/<blockquote>\n<p>Each <code>header_value<\/code> must not include/);
    expect(out).toMatch(
      /<pre><code>npx wsgi-conformance app .*headers-value-no-ctl\.py --only response-headers\n<\/code><\/pre>/,
    );
  });

  it('compares several targets: sections × targets and the rules that are not passed everywhere', () => {
    const out = html(renderMarkdown([must, should, server]));
    expect(out).toMatch(/<h2>wsgi-conformance [\d.]+: 3 targets<\/h2>/);
    expect(out).toMatch(
      lines(
        String.raw`<td>The start_response\(\) Callable</td>`,
        String.raw`<td style="text-align:center">❌ \d+/\d+</td>`,
        String.raw`<td style="text-align:center">✅ \d+/\d+</td>`,
        String.raw`<td style="text-align:center">✅ (\d+)/\1</td>`,
      ),
    );
    expect(out).toMatch(
      lines(
        String.raw`<td>The write\(\) Callable</td>`,
        '<td style="text-align:center">➖ 0/3</td>',
        '<td style="text-align:center">✅ 3/3</td>',
        String.raw`<td style="text-align:center">✅ (\d+)/\1</td>`,
      ),
    );
    expect(out).toMatch(
      lines(
        '<code>write-discouraged</code></a></td>',
        '<td>SHOULD</td>',
        '<td style="text-align:center">✅</td>',
        '<td style="text-align:center">⚠️</td>',
      ),
    );
    expect(out).toMatch(
      lines(
        '<code>close-called</code></a></td>',
        '<td>MUST</td>',
        '<td style="text-align:center">·</td>',
        '<td style="text-align:center">·</td>',
        '<td style="text-align:center">❌</td>',
      ),
    );
    // Passed everywhere: counted, not listed.
    expect(out).not.toMatch(/<code>body-iterable<\/code><\/a><\/td>\n<td>MUST<\/td>\n<td[^>]*>✅/);
    expect((out.match(/<details>/g) ?? []).length).toBe(4);
  });

  it('explains a broken setup once instead of listing every error', () => {
    const text = renderMarkdown([garbage]);
    expect(text).toMatch(
      lines(
        String.raw`> \[!WARNING\]`,
        '> ` the setup is probably broken, not .*: \\d+ of \\d+ checks could not be tested, none passed\\. `',
      ),
    );
    expect(text).toMatch(/> - \d+× ` could not test: the server stopped answering/);
    expect(text).not.toContain('<details>');
    expect(text.length).toBeLessThan(6000);
  });

  it('shows why a target did not load, traceback and all, in a code block', async () => {
    const report = await appReport('hostile/import_error.py');
    const out = html(renderMarkdown([report]));
    expect(out).toMatch(
      /<blockquote>\n<p>\[!WARNING\]\n<code>could not test .*import_error\.py: it did not load or start\.<\/code><\/p>/,
    );
    expect(out).toMatch(/<li>\d+× <code>importing .*import_error\.py raised ModuleNotFoundError: /);
    expect(out).toMatch(/Check that the application imports/);
    const traceback = `Traceback (most recent call last):\n  File "app.py", line 1\n${report.target.error}`;
    const long = html(renderMarkdown([{ ...report, target: { ...report.target, error: traceback } }]));
    expect(long).toMatch(
      new RegExp(
        String.raw`<li>\n?(<p>)?\d+×(</p>)?\n<pre><code>Traceback \(most recent call last\):\n {2}` +
          String.raw`File &quot;app\.py&quot;, line 1\n.*ModuleNotFoundError[^<]*</code></pre>\n</li>`,
      ),
    );
    expect(renderMarkdown([])).toBe('## wsgi-conformance: no targets were run\n');
  });

  it('shows hostile implementation strings as text: no markup, no broken tables, no control characters', () => {
    const text = renderMarkdown([poisoned(server), poisoned(must)]);
    expect(text).not.toMatch(CONTROL);
    const out = html(text);
    expect(out).not.toMatch(/<(script|img)\b/i);
    expect(out).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(out).toContain('| pipe `tick`'); // inside a fenced block: verbatim
    expect(out).toContain('\\e[31mred\\e[0m NUL\\0');
    expect(text).toContain(HOSTILE.slice(0, 20));
  });

  it('stays under the PR comment limit, cutting findings with a note', () => {
    const many = Array.from({ length: 40 }, () => poisoned(server));
    const text = renderMarkdown(many);
    expect(text.length).toBeLessThanOrEqual(PR_COMMENT_LIMIT);
    expect(text).toMatch(
      /> \[!NOTE\]\n> Cut to fit \d+ characters: \d+ of 80 findings are not listed, \d+ have no details here\./,
    );
    html(text);
    const tiny = renderMarkdown([poisoned(server)], { maxChars: 4000 });
    expect(tiny.length).toBeLessThanOrEqual(4000);
    // How many fit depends on how many sections the section table lists before them.
    expect(tiny).toMatch(/Cut to fit 4000 characters: [0-2] of 2 findings are not listed, [0-2] have no details here/);
    html(tiny);
  });
});
