/**
 * The playground's HTML: the report's stylesheet and components, one inline script (the
 * bundled page.ts, admitted by its hash). The Content-Security-Policy is the HTML report's
 * plus what running Python needs: 'wasm-unsafe-eval' to compile WebAssembly, and the page's
 * own worker script ('self'), which loads Pyodide from the same folder.
 */
import { createHash } from 'node:crypto';
import { CSS } from '../reports/html-style.js';
import { escapeMarkup as esc } from '../reports/text.js';

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

const PAGE_CSS = `
main { padding-bottom: 32px; }
#editor { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; margin-top: 12px; }
#editor label { font-weight: 600; }
#code { width: 100%; min-height: 18em; resize: vertical; padding: 8px; border: 1px solid var(--line);
  border-radius: 6px; background: var(--code); color: var(--fg);
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 13px; line-height: 1.45; tab-size: 4; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.controls select { min-width: 0; max-width: 100%; flex: 1 1 auto; font-size: 14px; padding: 4px; }
#check { font-size: 16px; font-weight: 600; padding: 6px 24px; border-radius: 6px; border: 1px solid var(--note);
  background: var(--note); color: #fff; cursor: pointer; }
#check:disabled { opacity: 0.6; cursor: progress; }
:focus-visible { outline: 3px solid var(--note); outline-offset: 2px; }
#status { min-height: 1.5em; font-weight: 600; }
#lesson { margin: 0; }
.explain summary, .passed summary { cursor: pointer; padding: 4px 0; }
.explain pre { white-space: pre-wrap; }
@media (max-width: 600px) {
  body { font-size: 15px; } #code { font-size: 14px; min-height: 14em; } #check { width: 100%; } }
`;

export function renderPlaygroundHtml(script: string, toolVersion: string, pyodideVersion: string): string {
  const css = CSS + PAGE_CSS;
  const csp = [
    "default-src 'none'",
    `style-src ${hash(css)}`,
    `script-src ${hash(script)} 'wasm-unsafe-eval'`,
    "worker-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>wsgi-conformance playground</title>',
    `<style>${css}</style>`,
    '</head><body>',
    '<header><h1>wsgi-conformance playground</h1>',
    `<p class="muted">Paste a WSGI application and press Check: it runs in Python ${esc(pyodideVersion)} inside ` +
      `this page`,
    ' (Pyodide, nothing is sent anywhere) and is judged rule by rule against PEP 3333 by',
    ` wsgi-conformance ${esc(toolVersion)}, as <code>npx wsgi-conformance app</code> judges it. Ctrl+Enter checks ` +
      `too.</p></header>`,
    '<main>',
    '<section id="editor">',
    '<div class="controls"><label for="example">Example</label>',
    '<select id="example"><option value="">(your own code)</option></select></div>',
    '<p id="lesson" class="muted" aria-live="polite"></p>',
    '<label for="code">Code</label>',
    '<textarea id="code" spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"></textarea>',
    '<div class="controls"><button type="button" id="check">Check</button>',
    '<span id="status" role="status" aria-live="polite">Starting Python…</span></div>',
    '</section>',
    '<section id="report" aria-label="Results"></section>',
    '</main>',
    `<script>${script}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
