/**
 * The playground page's script: paste a WSGI application, press Check, read the same
 * findings the CLI reports. Judging runs here with the suite's own code; Python runs in a
 * Pyodide worker. Every string from the application is escaped by the report's components.
 */
import { withImplied } from '../spec/implied.js';
import { badge, resultRow } from '../reports/html-finding.js';
import type { Report, Result } from '../reports/result.js';
import { escapeMarkup as esc } from '../reports/text.js';
import { countVerdicts, isFinding, VERDICTS } from '../reports/view.js';
import { certifyApp } from '../suites/app/certify.js';
import { preparePool, setAppFiles } from './runner-select.browser.js';
import { APP_DIR, APP_FILE, type PlaygroundData } from './data.js';
import { decodeFragment, encodeFragment } from './fragment.js';

declare const __PLAYGROUND_DATA__: PlaygroundData;
const DATA = __PLAYGROUND_DATA__;
/** Per call, as on the command line. */
const TIMEOUT_MS = 3000;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const code = byId<HTMLTextAreaElement>('code');
const menu = byId<HTMLSelectElement>('example');
const check = byId<HTMLButtonElement>('check');
const status = byId<HTMLElement>('status');
const out = byId<HTMLElement>('report');
const lesson = byId<HTMLElement>('lesson');

preparePool(DATA.runnerFiles);

for (const ex of DATA.examples) {
  const option = document.createElement('option');
  option.value = ex.file;
  option.textContent = `${ex.file}: ${ex.title}`;
  menu.append(option);
}

function showLesson(file: string): void {
  const ex = DATA.examples.find((e) => e.file === file);
  lesson.textContent = ex ? ex.lesson : '';
}

function fromFragment(): void {
  const text = decodeFragment(location.hash);
  if (text !== undefined) {
    code.value = text;
    menu.value = DATA.examples.find((e) => e.code === text)?.file ?? '';
  } else {
    const first = DATA.examples.find((e) => e.file === 'greeting_str.py') ?? DATA.examples[0];
    code.value = first?.code ?? '';
    menu.value = first?.file ?? '';
  }
  showLesson(menu.value);
}

menu.addEventListener('change', () => {
  const ex = DATA.examples.find((e) => e.file === menu.value);
  if (!ex) return;
  code.value = ex.code;
  showLesson(ex.file);
  history.replaceState(null, '', encodeFragment(ex.code));
});
code.addEventListener('input', () => {
  history.replaceState(null, '', encodeFragment(code.value));
  menu.value = DATA.examples.find((e) => e.code === code.value)?.file ?? '';
  showLesson(menu.value);
});
code.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void run();
  }
});
check.addEventListener('click', () => void run());
window.addEventListener('hashchange', fromFragment);

let running = false;

async function run(): Promise<void> {
  if (running) return;
  running = true;
  check.disabled = true;
  out.setAttribute('aria-busy', 'true');
  const started = performance.now();
  status.textContent = 'Checking…';
  const source = code.value;
  history.replaceState(null, '', encodeFragment(source));
  const example = DATA.examples.find((e) => e.code === source);
  const files: Record<string, string> = { [`${APP_DIR}/${APP_FILE}`]: source };
  for (const [name, text] of Object.entries(DATA.extraFiles)) files[`${APP_DIR}/${name}`] = text;
  setAppFiles(files);
  try {
    const report = await certifyApp({
      target: APP_FILE,
      cwd: APP_DIR,
      python: 'pyodide',
      timeoutMs: TIMEOUT_MS,
      ...(example ? { expectBroken: withImplied([...example.expectFail, ...example.expectWarn]) } : {}),
      rerun: (id) => `npx wsgi-conformance app ${APP_FILE} --only ${id}`,
    });
    out.innerHTML = render(report);
    const ms = Math.round(performance.now() - started);
    status.textContent = `Checked in ${(ms / 1000).toFixed(1)} s: ${headline(report)}`;
    out.dataset.checks = String(Number(out.dataset.checks ?? '0') + 1);
  } catch (e) {
    status.textContent = `The check itself failed (a bug in the playground): ${String(e)}`;
  } finally {
    running = false;
    check.disabled = false;
    out.removeAttribute('aria-busy');
  }
}

function headline(report: Report): string {
  const n = report.summary;
  if (report.target.error) return 'the code could not be tested';
  if (n.mustFailures) return `${n.mustFailures} MUST rule(s) broken`;
  if (n.warnings) return `${n.warnings} SHOULD rule(s) not followed`;
  if (n.error) return `${n.error} result(s) could not be judged`;
  const known = [...new Set(report.results.filter((r) => r.known).map((r) => r.rule))];
  return known.length ? `breaks ${known.join(', ')}, as the example declares` : 'no rule broken';
}

/** One rule's explanation under its findings, as `wsgi-conformance explain RULE` prints it. */
function explain(ruleId: string): string {
  const text = DATA.explanations[ruleId];
  return text
    ? `<details class="explain"><summary>explain ${esc(ruleId)}</summary><pre>${esc(text)}</pre></details>`
    : '';
}

function render(report: Report): string {
  const n = countVerdicts(report.results);
  const findings = report.results.filter(isFinding);
  const passed = report.results.filter((r) => !isFinding(r));
  const rows = (list: Result[]) => list.map((r) => resultRow(r, 0, report.results.indexOf(r), 0)).join('\n');
  const explained = [...new Set(findings.filter((r) => r.outcome !== 'error').map((r) => r.rule))];
  return [
    '<section class="card" id="summary">',
    `<div class="counts">${VERDICTS.filter((v) => n[v] || v === 'fail' || v === 'pass')
      .map((v) => badge(v, `${n[v]} ${v}`))
      .join(' ')}</div>`,
    `<dl><dt>python</dt><dd class="mono">${esc(report.target.python ?? '')}</dd>`,
    report.target.loadedAs ? `<dt>application</dt><dd class="mono">${esc(report.target.loadedAs)}</dd>` : '',
    report.target.error ? `<dt>error</dt><dd class="mono">${esc(report.target.error)}</dd>` : '',
    '</dl></section>',
    findings.length ? `<h2>Findings</h2>\n${rows(findings)}` : '<h2>No findings</h2>',
    ...explained.map(explain),
    `<details class="passed"><summary>${passed.length} results passed or did not ` +
      `apply</summary>\n${rows(passed)}</details>`,
  ].join('\n');
}

fromFragment();
document.body.dataset.ready = 'true';
