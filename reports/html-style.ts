/** The HTML report's stylesheet: inline, no fonts or images to fetch, light and dark. */
export const CSS = `
:root { --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --code: #f6f8fa;
  --fail: #cf222e; --warn: #9a6700; --note: #0969da; --expected: #8250df;
  --error: #bc4c00; --pass: #1a7f37; --skip: #59636e; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --code: #151b23;
    --fail: #ff7b72; --warn: #d29922; --note: #4493f8; --expected: #ab7df8;
    --error: #f0883e; --pass: #3fb950; --skip: #9198a1; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 16px; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
a { color: var(--note); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: 8px;
  overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px;
  align-items: start; margin-top: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow-wrap: anywhere; }
.card h2 { margin-top: 0; font-size: 16px; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.badge { display: inline-block; min-width: 4.5em; text-align: center; border-radius: 10px; padding: 0 8px;
  font-size: 12px; font-weight: 600; color: #fff; }
.b-fail { background: var(--fail); } .b-warn { background: var(--warn); } .b-note { background: var(--note); }
.b-expected { background: var(--expected); }
.b-error { background: var(--error); } .b-pass { background: var(--pass); } .b-skip { background: var(--skip); }
.callout { border-left: 4px solid var(--error); background: var(--code); padding: 8px 12px; margin: 8px 0;
  border-radius: 4px; }
#filters { position: sticky; top: 0; z-index: 1; background: var(--bg); border-bottom: 1px solid var(--line);
  padding: 8px 0; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
#filters label { white-space: nowrap; } #filters input[type=search] { min-width: 16em; }
#filters select { max-width: 18em; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; vertical-align: top; }
td.cell { text-align: center; } td.cell a { text-decoration: none; }
.matrix { overflow-x: auto; }
.result { border: 1px solid var(--line); border-radius: 6px; margin: 4px 0; }
.result > summary { cursor: pointer; padding: 4px 8px; list-style-position: inside; overflow-wrap: anywhere; }
.result > summary code { font-weight: 600; }
.result .body { padding: 4px 12px 8px; border-top: 1px solid var(--line); overflow-wrap: anywhere; }
.result .msg { color: var(--muted); }
.result:target { outline: 2px solid var(--note); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
dt { font-weight: 600; } dd { margin: 0; }
blockquote { margin: 6px 0; padding: 2px 12px; border-left: 3px solid var(--line); color: var(--muted); }
[hidden] { display: none !important; }
`;
