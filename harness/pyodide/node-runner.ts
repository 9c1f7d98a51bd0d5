/**
 * `--python pyodide` under Node: the runner in a worker_threads worker, the application's
 * folders mounted from the host file system at the same paths. pyodide is an optional
 * dependency; without it this names the package to install.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromRoot } from '../paths.js';
import type { Runner } from '../runner.js';
import { PyodideRunner, WorkerPool, type WorkerHandle } from './pyodide-runner.js';
import { isRunnerFile, type FromWorker } from './worker-protocol.js';

export { PYODIDE } from '../runner.js';

/** The installed pyodide package's version, or undefined when it is not installed. */
export function pyodideVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return (require(require.resolve('pyodide/package.json')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function runnerFiles(): Record<string, string> {
  const dir = fromRoot('harness', 'python');
  return Object.fromEntries(
    readdirSync(dir)
      .filter(isRunnerFile)
      .map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]),
  );
}

function spawnWorker(): WorkerHandle {
  if (!pyodideVersion()) {
    return deadWorker('pyodide is not installed (it is an optional dependency): run npm install pyodide');
  }
  const worker = new Worker(workerScript(), { workerData: pyodideLocation(), stdout: false, stderr: false });
  worker.unref(); // a spare left booting must not keep the CLI alive
  return {
    post: (m) => worker.postMessage(m),
    listen: (onMessage, onError) => {
      worker.on('message', (m: FromWorker) => onMessage(m));
      worker.on('error', (e) => onError(`the Pyodide worker failed: ${e.message}`));
      worker.on('exit', (code) => onError(`the Pyodide worker exited (code ${code})`));
    },
    terminate: () => void worker.terminate(),
  };
}

/**
 * Compiled, the worker is dist/worker-node.js (an entry point of the bundle, beside main.js; this
 * code sits in dist/ or dist/chunks/); from sources (tsx, vitest) it is bundled on the fly.
 */
let bundled: URL | undefined;
function workerScript(): URL {
  if (!import.meta.url.endsWith('.ts')) {
    for (const near of ['./worker-node.js', '../worker-node.js']) {
      const compiled = new URL(near, import.meta.url);
      if (existsSync(fileURLToPath(compiled))) return compiled;
    }
  }
  if (bundled) return bundled;
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const built = esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL('./worker-node.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  void esbuild.stop(); // its service process would keep the CLI alive after the run
  bundled = new URL(`data:text/javascript,${encodeURIComponent(built.outputFiles[0]?.text ?? '')}`);
  return bundled;
}

function pyodideLocation(): { pyodide: string; indexURL: string } {
  const entry = createRequire(import.meta.url).resolve('pyodide/pyodide.mjs');
  return { pyodide: pathToFileURL(entry).href, indexURL: `${dirname(entry)}/` };
}

function deadWorker(why: string): WorkerHandle {
  return {
    post: () => undefined,
    listen: (_m, onError) => queueMicrotask(() => onError(why)),
    terminate: () => undefined,
  };
}

let pool: WorkerPool | undefined;
let reuse = false;

/**
 * Lets a worker whose session ended cleanly serve the next one, its modules and paths reset (as
 * the page does): for many applications in a row, one boot instead of one per application. Off by
 * default, since an application that patched the standard library would leave the patch behind.
 */
export function reusePyodideWorkers(on: boolean): void {
  disposePyodide();
  reuse = on;
}

/** Folders the interpreter needs: the working directory and the target's folder, outermost only. */
export function mountPoints(cwd: string, target: string): string[] {
  const base = target.replace(/:[A-Za-z_][\w.]*$/, '');
  const dirs = [cwd];
  if (base.endsWith('.py') || base.includes('/')) dirs.push(dirname(resolve(cwd, base)));
  const inside = (a: string, b: string) => a !== b && !relative(b, a).startsWith('..') && !isAbsolute(relative(b, a));
  return [...new Set(dirs)].filter((d) => !dirs.some((o) => inside(d, o))).filter((d) => d !== sep);
}

export function startPyodideRunner(cwd: string, target: string): Runner {
  pool ??= new WorkerPool(spawnWorker, runnerFiles(), reuse);
  return new PyodideRunner(pool, { kind: 'mount', paths: mountPoints(cwd, target), cwd });
}

/** Stops the spare worker (tests; the CLI's workers are unref'd and end with it). */
export function disposePyodide(): void {
  pool?.dispose();
  pool = undefined;
}
