/**
 * `wsgi-conformance doctor [--python EXE]`: can this machine run the suite? Node, the Python
 * interpreters (do the runner and the probe import with them?), which server presets are
 * installed and what to apt-get for the rest, and the tools the tests use. Exits 0 when the
 * core works (Node, and one Python that imports the runner and the probe), else 3.
 */
import { parseArgs } from 'node:util';
import { fromRoot } from '../harness/paths.js';
import { checkPreset, findCommand, presets } from '../harness/server/presets.js';
import { lastLine, PYTHON_CANDIDATES, runPython } from '../harness/server/python-check.js';
import { EXIT } from '../reports/result.js';
import { styleFor } from '../reports/style.js';
import { TOOL } from '../spec/tool.js';
import { UsageError } from './usage.js';

const NODE_MIN = [20, 18, 1] as const;
const PYTHON_MIN = [3, 8] as const;

/** Imports the probe, then the runner (which drops its folder from sys.path), as the suite does. */
const IMPORT_CHECK = `import sys
sys.path.insert(0, ${JSON.stringify(fromRoot('harness', 'python'))})
import probe, runner
print(sys.version.split()[0])
print(sys.executable)`;

export interface PythonStatus {
  python: string;
  ok: boolean;
  detail: string;
}

export async function checkPython(python: string): Promise<PythonStatus> {
  const r = await runPython(python, IMPORT_CHECK);
  if (!r.ok) return { python, ok: false, detail: lastLine(r.stderr) || 'failed' };
  const [version = '', executable = ''] = r.stdout.trim().split('\n');
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < PYTHON_MIN[0] || (major === PYTHON_MIN[0] && minor < PYTHON_MIN[1]))
    return { python, ok: false, detail: `Python ${version} is too old (the runner needs ${PYTHON_MIN.join('.')}+)` };
  return { python, ok: true, detail: `${executable}, Python ${version}: runner.py and probe.py import` };
}

export function nodeOk(version = process.versions.node): boolean {
  const [a = 0, b = 0, c = 0] = version.split('.').map(Number);
  return a !== NODE_MIN[0] ? a > NODE_MIN[0] : b !== NODE_MIN[1] ? b > NODE_MIN[1] : c >= NODE_MIN[2];
}

export async function doctorCommand(argv: string[]): Promise<number> {
  let python: string | undefined;
  try {
    python = parseArgs({ args: argv, options: { python: { type: 'string' } } }).values.python;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const s = styleFor(process.stdout);
  const mark = (ok: boolean) => (ok ? s.green('✓') : s.red('✗'));
  const out: string[] = [s.bold(`wsgi-conformance ${TOOL.version} doctor`), '', s.bold('Core')];
  const node = nodeOk();
  out.push(`  ${mark(node)} node ${process.versions.node}${node ? '' : ` (needs ${NODE_MIN.join('.')} or later)`}`);
  const pythons = await Promise.all([...new Set([...(python ? [python] : []), ...PYTHON_CANDIDATES])].map(checkPython));
  for (const p of pythons)
    out.push(`  ${mark(p.ok)} ${p.python === python ? `--python ${p.python}` : p.python}: ${p.detail}`);

  out.push('', s.bold('Server presets (server --preset NAME)'));
  const checks = await Promise.all(
    presets.map(async (p) => {
      const check = await checkPreset(p, python);
      let version = check.installed ? await runPython(check.python, p.version) : undefined;
      // 19 interpreters at once on a loaded machine can run past the limit: that says nothing about
      // the server, so the query runs once more with a longer one (as checkPreset does for the import).
      if (check.installed && version?.timedOut) version = await runPython(check.python, p.version, 60_000);
      return { p, check, version: version?.ok ? version.stdout.trim() : undefined };
    }),
  );
  const width = Math.max(...presets.map((p) => p.name.length));
  for (const { p, check, version } of checks) {
    const status = check.installed
      ? `${version ?? 'installed'} ${s.dim(p.module ? `(${check.python})` : '(embeds its own Python)')}`
      : s.dim(check.reason.split(';')[0] ?? '');
    out.push(`  ${mark(check.installed)} ${p.name.padEnd(width)}  ${status}`);
  }
  const missing = [...new Set(checks.filter((c) => !c.check.installed).flatMap((c) => c.p.install.split(' ')))];
  if (missing.length)
    out.push(
      `  to install the rest (Debian; the packages serve /usr/bin/python3): apt-get install ${missing.join(' ')}`,
    );

  out.push('', s.bold('Tools the tests use (npm test)'));
  const xmllint = findCommand('xmllint');
  const chromium = ['chromium', 'chromium-browser', 'google-chrome'].map(findCommand).find(Boolean);
  out.push(
    `  ${mark(Boolean(xmllint))} xmllint ${xmllint ?? 'not found: apt-get install libxml2-utils'} ` +
      `${s.dim('(validates the JUnit report against its XSD)')}`,
  );
  out.push(
    `  ${mark(Boolean(chromium))} chromium ${chromium ?? 'not found: apt-get install chromium'} ` +
      `${s.dim('(renders the HTML report in the browser test)')}`,
  );

  // With --python, runs will use that interpreter: it is the one that has to work.
  const core = node && pythons.some((p) => p.ok && (!python || p.python === python));
  out.push(
    '',
    core
      ? s.green('The core works: app and server certification can run here.')
      : s.red(
          python && pythons.some((p) => p.ok)
            ? `The core does not work with --python ${python} (see above): pass another interpreter, or none.`
            : 'The core does not work: install Python 3.8+ (apt-get install python3), or pass --python an ' +
                'interpreter that can import harness/python/runner.py and probe.py.',
        ),
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return core ? EXIT.ok : EXIT.untestable;
}
