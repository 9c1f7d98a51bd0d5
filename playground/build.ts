/**
 * Builds the playground's static folder with esbuild: the page's script (the suite's own
 * judging code and report components, bundled for the browser) inline in index.html, the
 * worker, and Pyodide's files copied from the installed package.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { explainText } from '../cli/explain-command.js';
import { fromRoot } from '../harness/paths.js';
import { isRunnerFile } from '../harness/pyodide/worker-protocol.js';
import { rules } from '../spec/catalog/index.js';
import { TOOL } from '../spec/tool.js';
import type { PlaygroundData } from './data.js';
import { renderPlaygroundHtml } from './page-html.js';

/** The parts of Pyodide the page loads (the interpreter, its standard library, the package lock). */
const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** Every file of the built folder. */
export const SITE_FILES: readonly string[] = ['index.html', 'worker.js', ...PYODIDE_FILES.map((f) => `pyodide/${f}`)];

/** Where `npm run build:playground` writes (dist/playground holds the compiled sources). */
export const SITE_DIR = fromRoot('dist', 'playground-site');

/** Modules that reach for Node; the page gets its own versions (the "browser" field, by hand). */
const BROWSER_MODULES: Record<string, string> = {
  [fromRoot('harness', 'runner-select.ts')]: fromRoot('playground', 'runner-select.browser.ts'),
  [fromRoot('spec', 'tool.ts')]: fromRoot('playground', 'tool.browser.ts'),
};

const browserModules: Plugin = {
  name: 'browser-modules',
  setup(build) {
    build.onResolve({ filter: /(runner-select|tool)\.js$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const swap = BROWSER_MODULES[path];
      return swap ? { path: swap } : undefined;
    });
  },
};

interface Gallery {
  examples: Array<Omit<PlaygroundData['examples'][number], 'code'> & { middleware?: string }>;
}

function playgroundData(pyodideVersion: string): PlaygroundData {
  const examples = fromRoot('examples');
  const gallery = JSON.parse(readFileSync(join(examples, 'gallery.json'), 'utf8')) as Gallery;
  const python = fromRoot('harness', 'python');
  return {
    // The page certifies applications; the gallery's middleware examples need `middleware`.
    examples: gallery.examples
      .filter((ex) => !ex.middleware)
      .map(({ middleware: _m, ...ex }) => ({ ...ex, code: readFileSync(join(examples, ex.file), 'utf8') })),
    extraFiles: Object.fromEntries(
      readdirSync(examples)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => [f, readFileSync(join(examples, f), 'utf8')]),
    ),
    runnerFiles: Object.fromEntries(
      readdirSync(python)
        .filter(isRunnerFile)
        .map((f) => [f, readFileSync(join(python, f), 'utf8')]),
    ),
    explanations: Object.fromEntries(rules.map((r) => [r.id, explainText(r)])),
    toolVersion: TOOL.version,
    pyodideVersion,
  };
}

export interface Built {
  dir: string;
  files: readonly string[];
  bytes: number;
}

export async function buildPlayground(outDir: string): Promise<Built> {
  const esbuild = await import('esbuild');
  const require = createRequire(import.meta.url);
  const pyodideDir = dirname(require.resolve('pyodide/package.json'));
  const pyodideVersion = (require('pyodide/package.json') as { version: string }).version;
  const data = playgroundData(pyodideVersion);
  const dir = resolve(outDir);
  mkdirSync(join(dir, 'pyodide'), { recursive: true });
  const common = {
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  } as const;
  const page = await esbuild.build({
    ...common,
    entryPoints: [fromRoot('playground', 'page.ts')],
    format: 'iife',
    plugins: [browserModules],
    define: { __PLAYGROUND_DATA__: JSON.stringify(data), __TOOL_VERSION__: JSON.stringify(TOOL.version) },
  });
  const worker = await esbuild.build({ ...common, entryPoints: [fromRoot('playground', 'worker.ts')] });
  // A script ending "</script" inside the page would end the element early.
  const script = (page.outputFiles[0]?.text ?? '').replace(/<\/(script)/gi, '<\\/$1');
  writeFileSync(join(dir, 'index.html'), renderPlaygroundHtml(script, TOOL.version, pythonOf(pyodideDir)));
  writeFileSync(join(dir, 'worker.js'), worker.outputFiles[0]?.text ?? '');
  for (const f of PYODIDE_FILES) copyFileSync(join(pyodideDir, f), join(dir, 'pyodide', f));
  const files = SITE_FILES;
  return { dir, files, bytes: files.reduce((n, f) => n + statSync(join(dir, f)).size, 0) };
}

/** The Python version Pyodide's lock file declares (what the page says it runs). */
function pythonOf(pyodideDir: string): string {
  const lock = JSON.parse(readFileSync(join(pyodideDir, 'pyodide-lock.json'), 'utf8')) as {
    info?: { python?: string };
  };
  return lock.info?.python ?? 'unknown';
}
